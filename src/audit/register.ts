/**
 * Loading the Daftar Data register (CSV or XLSX): read the physical rows, map the header, check every
 * row, and refuse a bad register with every problem listed (UsageError, exit 2).
 */
import { readFile } from 'node:fs/promises';
import { extname, basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { checkRows, formatProblem, mapHeader, type RegisterProblem } from './register-rules.js';
import type { RegisterEntry } from './types.js';

export interface PhysicalRow {
  rowNumber: number;
  cells: unknown[];
}

async function readCsvRows(path: string): Promise<PhysicalRow[]> {
  const text = await readFile(path, 'utf8');
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, delimiter: [',', ';', '\t'] }) as string[][];
  return records.map((cells, i) => ({ rowNumber: i + 1, cells }));
}

export async function readRegisterRows(path: string): Promise<PhysicalRow[]> {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return readCsvRows(path);
  throw new UsageError(`Unsupported register format "${ext}": use a .csv or .xlsx file.`);
}

export interface LoadedRegister {
  entries: RegisterEntry[];
  problems: RegisterProblem[];
}

/** Check rows already read; pure, so tests do not need files. */
export function checkRegister(rows: PhysicalRow[]): LoadedRegister {
  const headerRow = rows.find((r) => r.cells.some((c) => c !== null && c !== undefined && String(c).trim() !== ''));
  if (!headerRow) {
    return { entries: [], problems: [{ message: { id: 'Daftar Data kosong.', en: 'The register is empty.' } }] };
  }
  const labels = headerRow.cells.map((c) => (c === null || c === undefined ? '' : String(c).trim()));
  const header = mapHeader(labels);
  if (header.problems.length > 0 && header.problems.some((p) => p.message.en.startsWith('Required'))) {
    return { entries: [], problems: header.problems };
  }
  const body = rows.filter((r) => r.rowNumber > headerRow.rowNumber);
  const checked = checkRows(labels, header, body);
  return { entries: checked.entries, problems: [...header.problems, ...checked.problems] };
}

/** Read and check a register; throws UsageError (exit 2) listing every problem. */
export async function loadRegister(path: string, lang: Lang): Promise<RegisterEntry[]> {
  let rows: PhysicalRow[];
  try {
    rows = await readRegisterRows(path);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? (lang === 'en' ? 'file not found' : 'berkas tidak ditemukan') : (e as Error).message;
    throw new UsageError(lang === 'en' ? `Cannot read the register ${path}: ${reason}` : `Daftar Data ${path} tidak bisa dibaca: ${reason}`);
  }
  const { entries, problems } = checkRegister(rows);
  if (problems.length > 0) {
    const file = basename(path);
    const head =
      lang === 'en'
        ? `The register ${file} has ${problems.length} problem(s); nothing was audited:`
        : `Daftar Data ${file} bermasalah (${problems.length}); audit tidak dijalankan:`;
    throw new UsageError([head, ...problems.map((p) => `  ${formatProblem(file, p, lang)}`)].join('\n'));
  }
  return entries;
}
