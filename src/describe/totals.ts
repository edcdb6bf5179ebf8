/**
 * Total rows found by arithmetic: a row whose every number equals the sum of the same column over all
 * the other data rows (`Jawa Timur`, `Sumatera_Selatan`, `Kota Bandung` above or below its parts),
 * whatever its label says. Numeric columns that cannot add up (constant values such as a year, and
 * identifiers: `no`, `id`, `tahun`, codes) are left out of the comparison.
 */
import { compileField, INVALID, type CompiledField } from '../schema/cast.js';
import type { MissingValue } from '../schema/types.js';
import type { Row } from '../table/types.js';
import { looksLikeCodeName } from './names.js';
import type { FieldChoice } from './types.js';

/** Above this many data rows no row vectors are kept (a total is then found only by its label). */
const ROWS_CAP = 20000;
const ID_NAME = /^(no\.?|nomor|id|tahun|year|thn|urut|no_urut|kode)$/i;

interface Column { index: number; field: CompiledField; sum: number; first?: number; constant: boolean; integer: boolean }

export interface TotalsState {
  columns: Column[];
  rows: Array<{ row: number; values: Array<number | undefined> }>;
  overflow: boolean;
}

export function startTotals(choices: FieldChoice[], missingValues: MissingValue[], names: string[]): TotalsState {
  const columns: Column[] = [];
  choices.forEach((c, j) => {
    const t = c.field.type;
    if (t !== 'integer' && t !== 'number') return;
    const name = names[j] ?? '';
    if (ID_NAME.test(name.trim()) || looksLikeCodeName(name.toLowerCase())) return;
    try {
      columns.push({ index: j, field: compileField(c.field, missingValues), sum: 0, constant: true, integer: t === 'integer' });
    } catch {
      /* a field the engine cannot compile takes no part */
    }
  });
  return { columns, rows: [], overflow: false };
}

export function addTotalsRow(state: TotalsState, row: Row): void {
  if (state.columns.length === 0 || state.overflow) return;
  if (state.rows.length >= ROWS_CAP) {
    state.overflow = true;
    state.rows = [];
    return;
  }
  const values = state.columns.map((c) => {
    const cell = row.cells[c.index] ?? null;
    if (c.field.isMissing(cell)) return undefined;
    const v = c.field.cast(cell);
    if (v === INVALID || typeof v !== 'number' || !Number.isFinite(v)) return undefined;
    c.sum += v;
    if (c.first === undefined) c.first = v;
    else if (v !== c.first) c.constant = false;
    return v;
  });
  state.rows.push({ row: row.rowNumber, values });
}

/** Rows that equal the sum of all other rows in every comparable column. */
export function totalRows(state: TotalsState): number[] {
  if (state.overflow || state.rows.length < 3) return [];
  // Counts add up; rates and percentages (decimal columns) do not, so when a table has whole-number
  // columns only those are compared.
  let cols = state.columns.map((c, k) => ({ c, k })).filter(({ c }) => !c.constant);
  if (cols.some(({ c }) => c.integer)) cols = cols.filter(({ c }) => c.integer);
  if (cols.length === 0) return [];
  const found: number[] = [];
  for (const r of state.rows) {
    let compared = 0;
    let ok = true;
    for (const { c, k } of cols) {
      const v = r.values[k];
      if (v === undefined) continue;
      const others = c.sum - v;
      if (Math.abs(others - v) > Math.max(1e-6, Math.abs(v) * 0.002)) {
        ok = false;
        break;
      }
      if (v !== 0) compared++;
    }
    if (ok && compared > 0) found.push(r.row);
  }
  // One grand total per table; more than one match means the figures are not sums of each other.
  return found.length === 1 ? found : [];
}
