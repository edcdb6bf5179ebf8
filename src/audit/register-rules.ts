/**
 * The Daftar Data register format: which header means which column, and the checks of a register's
 * rows. Pure: rows in, entries and problems out. Every problem is collected (never stop at the first),
 * because the walidata fixes the whole file in one go.
 */
import { fmt, type Lang, type Msg, m, mf } from '../i18n.js';
import { acceptedSpellings, FREQUENCY_CODES, parseFrequency } from './frequency.js';
import type { RegisterEntry } from './types.js';

export type RegisterColumn = 'org' | 'dataset' | 'title' | 'frequency' | 'unit';

/** Accepted header spellings per column: Indonesian first (the canonical template), then English. */
export const REGISTER_HEADERS: Record<RegisterColumn, readonly string[]> = {
  org: ['skpd', 'organization', 'organisasi'],
  dataset: ['dataset', 'name'],
  title: ['judul', 'title'],
  frequency: ['frekuensi', 'frequency'],
  unit: ['satuan', 'unit'],
};

export const REQUIRED_COLUMNS: readonly RegisterColumn[] = ['org', 'dataset', 'title', 'frequency'];

/** CKAN names: 2-100 characters of a-z, 0-9, `-` and `_` (ckan-api.md §5). */
export const CKAN_NAME = /^[a-z0-9_-]{2,100}$/;

/** What went wrong; engine errors we have no own wording for keep their frictionless type. */
export type ProblemKind = 'missing-column' | 'duplicate-column' | 'empty' | 'name' | 'frequency' | 'duplicate' | 'no-rows' | 'empty-file' | (string & {});

export interface RegisterProblem {
  kind: ProblemKind;
  /** Physical row (header = 1); absent for whole-file problems. */
  rowNumber?: number;
  /** The header label as written in the file. */
  column?: string;
  message: Msg;
}

export interface HeaderMap {
  /** Column index of each recognised column. */
  index: Partial<Record<RegisterColumn, number>>;
  problems: RegisterProblem[];
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase();

export function mapHeader(labels: string[]): HeaderMap {
  const index: Partial<Record<RegisterColumn, number>> = {};
  const problems: RegisterProblem[] = [];
  labels.forEach((label, i) => {
    const key = norm(label);
    for (const col of Object.keys(REGISTER_HEADERS) as RegisterColumn[]) {
      if (!REGISTER_HEADERS[col].includes(key)) continue;
      const first = index[col];
      if (first !== undefined) {
        problems.push({
          kind: 'duplicate-column',
          rowNumber: 1,
          column: label,
          message: {
            id: fmt('Kolom "{label}" muncul dua kali (juga sebagai "{first}").', { label, first: labels[first] }),
            en: fmt('Column "{label}" appears twice (also as "{first}").', { label, first: labels[first] }),
          },
        });
      } else index[col] = i;
    }
  });
  for (const col of REQUIRED_COLUMNS) {
    if (index[col] !== undefined) continue;
    const names = REGISTER_HEADERS[col].map((s) => `"${s}"`).join(' / ');
    problems.push({
      kind: 'missing-column',
      rowNumber: 1,
      message: mf('audit.register-rules.required_column_is_missing', { names }),
    });
  }
  return { index, problems };
}

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v)).trim();

/**
 * Check the data rows of a register whose header has been mapped. Blank rows (Excel leaves them at the
 * end) are skipped; everything else must be complete, known and unique on (skpd, dataset).
 */
export function checkRows(labels: string[], header: HeaderMap, rows: { rowNumber: number; cells: unknown[] }[]): { entries: RegisterEntry[]; problems: RegisterProblem[] } {
  const entries: RegisterEntry[] = [];
  const problems: RegisterProblem[] = [];
  const seen = new Map<string, number>();
  const codes = FREQUENCY_CODES.join(', ');
  for (const row of rows) {
    const get = (col: RegisterColumn) => {
      const j = header.index[col];
      return j === undefined ? '' : cellText(row.cells[j]);
    };
    if (row.cells.every((c) => cellText(c) === '')) continue;
    let ok = true;
    const fail = (kind: ProblemKind, col: RegisterColumn, message: Msg) => {
      ok = false;
      const j = header.index[col];
      problems.push({ kind, rowNumber: row.rowNumber, column: j === undefined ? undefined : labels[j], message });
    };
    for (const col of REQUIRED_COLUMNS) {
      const j = header.index[col];
      if (j !== undefined && get(col) === '') {
        const label = labels[j];
        fail('empty', col, mf('audit.register-rules.empty_cell', { label }));
      }
    }
    const org = get('org');
    const dataset = get('dataset');
    for (const [col, value] of [['org', org], ['dataset', dataset]] as const) {
      if (value !== '' && !CKAN_NAME.test(value)) {
        fail('name', col, mf('audit.register-rules.not_ckan_name', { value }));
      }
    }
    const rawFreq = get('frequency');
    const frequency = parseFrequency(rawFreq);
    if (rawFreq !== '' && !frequency) {
      fail('frequency', 'frequency', mf('audit.register-rules.unknown_frequency_use_one', { rawFreq, codes }));
    }
    if (org !== '' && dataset !== '') {
      const key = `${org}\u0000${dataset}`;
      const first = seen.get(key);
      if (first !== undefined) {
        ok = false;
        problems.push({
          kind: 'duplicate',
          rowNumber: row.rowNumber,
          message: mf('audit.register-rules.duplicate_row_is_already', { org, dataset, first }),
        });
      } else seen.set(key, row.rowNumber);
    }
    if (ok && frequency) {
      const unit = get('unit');
      entries.push({ org, dataset, title: get('title'), frequency, ...(unit ? { unit } : {}), rowNumber: row.rowNumber });
    }
  }
  if (problems.length === 0 && entries.length === 0) {
    problems.push({ kind: 'no-rows', message: m('audit.register-rules.message') });
  }
  return { entries, problems };
}

/** One line per problem, in the user's language: `daftar.csv:7 (frekuensi): ...`. */
export function formatProblem(file: string, p: RegisterProblem, lang: Lang): string {
  const where = p.rowNumber === undefined ? file : `${file}:${p.rowNumber}`;
  const col = p.column ? ` (${p.column})` : '';
  return `${where}${col}: ${p.message[lang]}`;
}

/** Spellings listed in help texts and the template's notes. */
export function frequencyHelp(): string {
  return acceptedSpellings().join(', ');
}
