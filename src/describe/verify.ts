/**
 * The verification pass: every inferred field must cast every value of its column with the same
 * Table Schema engine `validate` uses. A field that does not falls back to the next candidate
 * (string last), and rows that the validator would report anyway (all values missing → blank-row,
 * wrong cell count) are found here.
 */
import { compileField, INVALID, type CompiledField } from '../schema/cast.js';
import type { Field, MissingValue } from '../schema/types.js';
import type { Row } from '../table/types.js';
import type { FieldChoice } from './types.js';
import { at } from '../invariant.js';

const ROWS_CAP = 10;

export interface ColumnCheck {
  candidates: Field[];
  compiled: Array<CompiledField | undefined>;
  alive: boolean[];
  /** First rows where each candidate failed. */
  failedRows: number[][];
  /** Failures each candidate may have and stay (known defects, see FieldChoice.tolerate). */
  tolerate: number[];
  failures: number[];
}

export interface VerifyState {
  columns: ColumnCheck[];
  /** Data rows whose every value is missing: validators report them as blank-row. */
  blankRows: number[];
  /** Rows with more or fewer cells than there are fields (CSV). */
  widthRows: number[];
  widthMismatches: number;
}

function safeCompile(f: Field, mv: MissingValue[]): CompiledField | undefined {
  try {
    return compileField(f, mv);
  } catch {
    return undefined;
  }
}

export function startVerify(choices: FieldChoice[], missingValues: MissingValue[]): VerifyState {
  return {
    columns: choices.map((c) => {
      const candidates = [c.field, ...c.fallbacks];
      const compiled = candidates.map((f) => safeCompile(f, missingValues));
      return {
        candidates, compiled, alive: compiled.map((x) => x !== undefined), failedRows: candidates.map(() => []),
        tolerate: candidates.map((_, k) => (k === 0 ? c.tolerate ?? 0 : 0)), failures: candidates.map(() => 0),
      };
    }),
    blankRows: [],
    widthRows: [],
    widthMismatches: 0,
  };
}

/** Check one data row. `checkWidth` is true for CSV, where every row carries all its cells. */
export function verifyRow(state: VerifyState, row: Row, checkWidth: boolean): void {
  const cols = state.columns;
  let allMissing = true;
  for (const [j, col] of cols.entries()) {
    const cell = row.cells[j] ?? null;
    // Every candidate shares the schema's missingValues, so any compiled one can tell.
    const probe = col.compiled.find((c) => c !== undefined);
    if (probe ? probe.isMissing(cell) : cell === null || cell === '') continue;
    allMissing = false;
    for (let k = 0; k < col.candidates.length; k++) {
      const cf = col.compiled[k];
      if (!col.alive[k] || !cf) continue; // alive only when compiled
      const value = cf.cast(cell);
      if (value === INVALID || cf.check(value) !== undefined) {
        const failures = (col.failures[k] ?? 0) + 1;
        col.failures[k] = failures;
        if (failures <= (col.tolerate[k] ?? 0)) continue;
        col.alive[k] = false;
        const rows = col.failedRows[k];
        if (rows && rows.length < ROWS_CAP) rows.push(row.rowNumber);
      }
    }
  }
  if (allMissing && cols.length > 0) state.blankRows.push(row.rowNumber);
  if (checkWidth && row.cells.length !== cols.length) {
    state.widthMismatches++;
    if (state.widthRows.length < ROWS_CAP) state.widthRows.push(row.rowNumber);
  }
}

/** The chosen field of each column: the first candidate that read every value. */
export function chosenFields(state: VerifyState): Array<{ field: Field; index: number; failedRows: number[] }> {
  return state.columns.map((col) => {
    let index = col.alive.findIndex((a) => a);
    if (index < 0) index = col.candidates.length - 1;
    return { field: at(col.candidates, index), index, failedRows: at(col.failedRows, 0) };
  });
}
