/** Shared helpers for the table reader tests. */
import { mkdtempSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTable } from '../../../src/table/open.js';
import { TableSourceError, type OpenTableOptions, type Row } from '../../../src/table/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/table/', import.meta.url));

export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-table-'));
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Open and read every row. */
export async function readAll(opts: OpenTableOptions): Promise<{ rows: Row[]; table: Awaited<ReturnType<typeof openTable>> }> {
  const table = await openTable(opts);
  const rows: Row[] = [];
  for await (const batch of table.batches) {
    if (batch.length === 0) throw new Error('empty batch');
    rows.push(...batch);
  }
  return { rows, table };
}

/** The TableSourceError thrown by opening or reading, or undefined. */
export async function sourceError(opts: OpenTableOptions): Promise<TableSourceError | undefined> {
  try {
    await readAll(opts);
    return undefined;
  } catch (err) {
    if (err instanceof TableSourceError) return err;
    throw err;
  }
}

/** File descriptors of this process that point at `path` (Linux /proc). */
export function openFdsTo(path: string): string[] {
  const out: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === path) out.push(fd);
    } catch {
      /* fd closed meanwhile */
    }
  }
  return out;
}
