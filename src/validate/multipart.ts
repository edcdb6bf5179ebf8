import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import type { OpenedTable, OpenTableOptions, Row, TableStats } from '../table/types.js';
import { openTable } from '../table/open.js';
import { at } from '../invariant.js';

/**
 * A resource whose `path` is an array: the parts are one table, read in order. As frictionless-py
 * does, every later part is taken to repeat the header: its first `headerRows` rows are skipped and
 * take no row number, so row numbers run on as in one file with one header. Bytes and hashes are
 * those of the parts' files one after another (hashed in a second, sequential pass once all rows are
 * read).
 */
export async function openMultipart(parts: OpenTableOptions[], headerRowsPerPart: number): Promise<OpenedTable> {
  const first = await openTable(at(parts, 0));
  let stats: TableStats = { bytes: 0, md5: '', sha256: '' };
  let current: OpenedTable | undefined = first;
  async function* batches(): AsyncGenerator<Row[]> {
    let offset = 0;
    for (let i = 0; i < parts.length; i++) {
      // Later parts continue the first one: same delimiter and encoding unless declared.
      const part = at(parts, i);
      const table: OpenedTable =
        i === 0 ? first : await openTable({ ...part, encoding: part.encoding ?? first.encoding, dialect: { ...part.dialect, delimiter: part.dialect?.delimiter ?? first.dialect.delimiter } });
      current = table;
      let last = 0;
      try {
        for await (const raw of table.batches) {
          const batch = i === 0 ? raw : raw.filter((r) => r.rowNumber > headerRowsPerPart);
          if (!batch.length) continue;
          const shift = i === 0 ? 0 : offset - headerRowsPerPart;
          if (shift) for (const r of batch) r.rowNumber += shift;
          last = at(batch, batch.length - 1).rowNumber;
          yield batch;
        }
      } finally {
        await table.close();
      }
      offset = Math.max(offset, last);
    }
    stats = await hashParts(parts.map((p) => p.path));
  }
  return {
    format: first.format,
    encoding: first.encoding,
    dialect: first.dialect,
    sheet: first.sheet,
    batches: batches(),
    stats: () => stats,
    close: async () => {
      await current?.close();
    },
  };
}

async function hashParts(files: string[]): Promise<TableStats> {
  const md5 = createHash('md5');
  const sha = createHash('sha256');
  let bytes = 0;
  for (const f of files) {
    for await (const chunk of createReadStream(f)) {
      const b = chunk as Buffer;
      bytes += b.length;
      md5.update(b);
      sha.update(b);
    }
  }
  return { bytes, md5: md5.digest('hex'), sha256: sha.digest('hex') };
}
