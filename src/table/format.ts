/** The table format a path or a declared `format` names: pure, and light enough for start-up (validate/warm-guess.ts). */
import { extname } from 'node:path';

export type TableFormat = 'csv' | 'tsv' | 'xlsx' | 'xls' | 'ods';

/** The format named by `format` or, when absent, by the file extension. Pure. */
export function resolveFormat(path: string, format?: string): TableFormat | undefined {
  const f = (format ?? extname(path).slice(1)).trim().toLowerCase();
  if (f === 'csv' || f === 'txt') return 'csv';
  if (f === 'tsv' || f === 'tab') return 'tsv';
  if (f === 'xlsx' || f === 'xlsm') return 'xlsx';
  if (f === 'xls') return 'xls';
  if (f === 'ods') return 'ods';
  return undefined;
}
