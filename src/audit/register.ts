/**
 * Loading the Daftar Data register (CSV or XLSX): read the physical rows with the table readers, map
 * the header, validate the file with the validate engine against a Table Schema built for its header,
 * and refuse a bad register with every problem listed (UsageError, exit 2).
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { openTable } from '../table/open.js';
import { TableSourceError } from '../table/types.js';
import { validate } from '../validate/index.js';
import type { ReportError } from '../validate/types.js';
import { checkRows, formatProblem, mapHeader, type RegisterProblem } from './register-rules.js';
import { mergeProblems, registerSchema } from './register-schema.js';
import type { RegisterEntry } from './types.js';
import { msg, m } from '../i18n.js';
import { defined } from '../invariant.js';

export interface PhysicalRow {
  rowNumber: number;
  cells: unknown[];
}

const isBlank = (c: unknown) => c === null || c === undefined || String(c).trim() === '';

export async function readRegisterRows(path: string): Promise<PhysicalRow[]> {
  const table = await openTable({ path });
  const rows: PhysicalRow[] = [];
  try {
    for await (const batch of table.batches) for (const r of batch) rows.push({ rowNumber: r.rowNumber, cells: r.cells });
  } finally {
    await table.close();
  }
  return rows;
}

export interface CheckedRegister {
  entries: RegisterEntry[];
  problems: RegisterProblem[];
  /** The schema the engine should check the file with; absent when the header is unusable. */
  labels?: string[];
  header?: ReturnType<typeof mapHeader>;
}

/** Our own checks of rows already read; pure, so tests do not need files. */
export function checkRegister(rows: PhysicalRow[]): CheckedRegister {
  const headerRow = rows.find((r) => !r.cells.every(isBlank));
  if (!headerRow) return { entries: [], problems: [{ kind: 'empty-file', message: m('audit.register.problems.0.message') }] };
  const labels = headerRow.cells.map((c) => (isBlank(c) ? '' : String(c).trim()));
  const header = mapHeader(labels);
  if (header.problems.some((p) => p.kind === 'missing-column')) return { entries: [], problems: header.problems };
  const body = rows.filter((r) => r.rowNumber > headerRow.rowNumber);
  const checked = checkRows(labels, header, body);
  return { entries: checked.entries, problems: [...header.problems, ...checked.problems], labels, header };
}

/** Run the validate engine on the register with its Table Schema; returns the errors of the report. */
async function engineErrors(path: string, checked: CheckedRegister, rows: PhysicalRow[]): Promise<ReportError[]> {
  const { labels, header } = checked;
  if (!labels || !header) return [];
  const freqCol = defined(header.index.frequency, 'the frequency column'); // required: checkRegister stops without it
  const values = rows.map((r) => r.cells[freqCol]).filter((v): v is string => typeof v === 'string');
  const dir = await mkdtemp(join(tmpdir(), 'satudata-register-'));
  try {
    const schemaFile = join(dir, 'daftar-data.schema.json');
    await writeFile(schemaFile, JSON.stringify(registerSchema(labels, header, values)), 'utf8');
    const report = await validate([path], { schema: schemaFile, limitErrors: 10_000 });
    return [...report.errors, ...report.tasks.flatMap((t) => t.errors)];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Read, validate and check a register; throws UsageError (exit 2) listing every problem. */
export async function loadRegister(path: string, lang: Lang): Promise<RegisterEntry[]> {
  let rows: PhysicalRow[];
  try {
    await stat(path);
    rows = await readRegisterRows(path);
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT'
        ? msg(lang, 'audit.register.file_not_found')
        : e instanceof TableSourceError
          ? (lang === 'id' && e.noteId) || e.note
          : (e as Error).message;
    throw new UsageError(msg(lang, 'audit.register.unreadable', { path, reason }));
  }
  const checked = checkRegister(rows);
  const problems = mergeProblems(await engineErrors(path, checked, rows), checked.problems);
  if (problems.length > 0) {
    const file = basename(path);
    const head =
      msg(lang, 'audit.register.has_problems', { file, length: problems.length });
    throw new UsageError([head, ...problems.map((p) => `  ${formatProblem(file, p, lang)}`)].join('\n'));
  }
  return checked.entries;
}
