/**
 * Where inference reads rows from. Inference makes several streamed passes (layout, types,
 * verification), so a source opens a fresh pass each time instead of holding rows in memory.
 */
import { openTable } from '../table/open.js';
import type { ReaderDialect, Row } from '../table/types.js';

export interface Pass {
  format: 'csv' | 'xlsx';
  encoding?: string;
  dialect: ReaderDialect;
  sheet?: string;
  batches: AsyncIterable<Row[]>;
  merges?(): string[];
  close(): Promise<void>;
}

export interface RowSource {
  open(): Promise<Pass>;
}

export function fileSource(path: string, sheet?: string): RowSource {
  return {
    async open() {
      const t = await openTable({ path, dialect: sheet ? { sheetName: sheet } : undefined });
      if (t.format === 'inline') throw new Error('inline data has no file to describe');
      return { ...t, format: t.format, batches: t.batches, merges: t.merges?.bind(t), close: () => t.close() };
    },
  };
}

/** Rows held in memory (tests, and small generated tables). Row numbers default to 1, 2, 3, ... */
export function arraySource(rows: Array<Row | Row['cells']>, format: 'csv' | 'xlsx' = 'csv', merges?: string[]): RowSource {
  const physical: Row[] = rows.map((r, i) => (Array.isArray(r) ? { rowNumber: i + 1, cells: r } : r));
  return {
    async open() {
      return {
        format,
        dialect: {},
        batches: (async function* () {
          for (let i = 0; i < physical.length; i += 3) yield physical.slice(i, i + 3);
        })(),
        merges: merges ? () => merges : undefined,
        close: async () => undefined,
      };
    },
  };
}

/** Iterate every row of one pass, closing the file even when the loop stops early. */
export async function forEachRow(source: RowSource, fn: (row: Row) => void): Promise<Pass> {
  const pass = await source.open();
  try {
    for await (const batch of pass.batches) for (const row of batch) fn(row);
  } finally {
    await pass.close();
  }
  return pass;
}
