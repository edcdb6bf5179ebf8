/**
 * A logical value (what the schema engine's `cast` returns) as clean CSV text: ISO 8601 dates and
 * times (the engine already gives them), numbers with `.` as decimal and no grouping, no exponent.
 */
import { CellFault, type Cell } from '../table/types.js';

export function numberText(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? 'INF' : '-INF';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // Very large or very small numbers: JS writes 1e+21; a CSV consumer expects plain digits.
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

export function valueText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v);
}

/** The raw text of a cell that did not cast, so no data is lost in the CSV. */
export function rawText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof CellFault) return cell.toString();
  if (cell instanceof Date) return cell.toISOString();
  if (typeof cell === 'number') return numberText(cell);
  return String(cell);
}
