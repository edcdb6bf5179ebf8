import type { Cell, Row } from '../table/types.js';
import type { Schema } from '../schema/types.js';
import { INVALID, type CompiledField } from '../schema/cast.js';
import type { ReportError } from './types.js';
import { buildError, cellError, cellText, rowError, rowTexts } from './build-error.js';
import { KeyIndex } from './key-index.js';
import type { FieldMapping } from './labels.js';
import { feedKey, type ForeignKeyPlan } from './keys.js';
import { at, at as atIndex } from '../invariant.js';

/** A number NaN (the text "NaN" of a number field) equals nothing, as Python's Decimal/float NaN in a dict. */
function hasNaN(vals: readonly unknown[]): boolean {
  for (const v of vals) if (v !== v) return true;
  return false;
}

/**
 * Per-row checks, compiled once per table, over the fields expected in the data (one per column, see
 * FieldMapping.expected): the cell of expected field e is cells[e]. The hot path allocates nothing when a
 * row is valid.
 */
export class RowChecker {
  private readonly n: number;
  private readonly fields: CompiledField[];
  private readonly values: unknown[];
  private readonly uniques: { field: number; index: KeyIndex }[];
  private readonly pk?: { fields: number[]; compiled: CompiledField[]; index: KeyIndex };
  private readonly uniqueKeys: { fields: number[]; compiled: CompiledField[]; index: KeyIndex; names: string[] }[];
  private readonly slotIndexes: KeyIndex[];
  private readonly fks: (ForeignKeyPlan & { idx: number[]; compiled: CompiledField[] })[];
  /** Expected fields some key is made of (keyFingerprints casts only these). */
  private readonly keyFields: number[];

  constructor(
    schema: Schema,
    mapping: FieldMapping,
    private readonly padded: boolean,
    fks: ForeignKeyPlan[],
    capacity: number,
    /** Spreadsheets: the sheet's width; fields beyond it are missing cells on every row (openpyxl pads rows to it). */
    private readonly sheetWidth?: number,
    /** The index of each key slot (in keySlots order), when not a KeyIndex of its own (the two-pass reader, see key-spill/). */
    makeIndex?: (slot: number) => KeyIndex,
  ) {
    // Presized indexes never grow: growing two indexes at once doubles their memory for a moment.
    let slot = 0;
    const newIndex = () => (makeIndex ? makeIndex(slot++) : new KeyIndex(capacity > 0 ? capacity / 0.8 : 1024));
    const fields = mapping.expected;
    this.fields = fields;
    this.n = fields.length;
    this.values = new Array(this.n).fill(null);
    const real = (e: number) => at(mapping.schemaIndex, e) >= 0;
    this.uniques = fields.flatMap((f, e) => (real(e) && f.unique ? [{ field: e, index: newIndex() }] : []));
    const pos = (name: string) => fields.findIndex((f, e) => real(e) && f.name === name);
    // Keys are checked only when all their fields are in the data (frictionless-py 5.21).
    const present = (names: string[]) => names.every((nm) => pos(nm) >= 0);
    const pkNames = schema.primaryKey === undefined ? [] : Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey];
    if (pkNames.length && present(pkNames)) {
      const idx = pkNames.map(pos);
      this.pk = { fields: idx, compiled: idx.map((i) => at(fields, i)), index: newIndex() };
    }
    this.uniqueKeys = (schema.uniqueKeys ?? []).filter(present).map((names) => {
      const idx = names.map(pos);
      return { fields: idx, compiled: idx.map((i) => at(fields, i)), index: newIndex(), names };
    });
    this.keyFields = [...new Set([...this.uniques.map((u) => u.field), ...(this.pk?.fields ?? []), ...this.uniqueKeys.flatMap((uk) => uk.fields)])];
    this.slotIndexes = [...this.uniques.map((u) => u.index), ...(this.pk ? [this.pk.index] : []), ...this.uniqueKeys.map((uk) => uk.index)];
    this.fks = fks.filter((fk) => present(fk.fields)).map((fk) => {
      const idx = fk.fields.map(pos);
      return { ...fk, idx, compiled: idx.map((i) => at(fields, i)) };
    });
  }

  /** Reused arrays, one per key width (setting an array's length is a runtime call: once per key of every row). */
  private readonly tmps: unknown[][] = [];
  /** The values of some fields, in a reused array (no allocation per row). */
  private scratch(idx: readonly number[]): unknown[] {
    const n = idx.length;
    const t = (this.tmps[n] ??= new Array<unknown>(n).fill(null));
    // eslint-disable-next-line @typescript-eslint/no-non-null-assertion -- k < n = idx.length; once per key part of every row
    for (let k = 0; k < n; k++) t[k] = this.values[idx[k]!];
    return t;
  }

  check(row: Row, push: (e: ReportError) => void): void {
    if (!this.checkCells(row, push)) return;
    this.checkKeys(row, push);
    this.checkForeignKeys(row, push);
  }

  /** Memory the key indexes hold (see KeyIndex.residentBytes): past a limit, a one-pass read starts again in two passes. */
  get keyBytes(): number {
    let b = 0;
    for (const index of this.slotIndexes) b += index.residentBytes;
    return b;
  }

  /** Key slots, in check order: each unique field, the primary key, each unique key. */
  get keySlots(): number {
    return this.uniques.length + (this.pk ? 1 : 0) + this.uniqueKeys.length;
  }

  private readonly hasher = new KeyIndex(16);

  /**
   * For worker threads: check a row as `check` does, but instead of probing the key indexes (which need
   * every earlier row of the table) write each key slot's fingerprint: status[at + s] is 0 (no key: an
   * empty, invalid or NaN part), 1 (a key, its fingerprint at hashes[(at + s) * 3]) or 2 (a primary key
   * whose cells are all empty). Cell errors go to `pre`, foreign-key errors (after the keys) to `post`.
   * With `nums`/`heads`, a key slot whose key ends in a number (a unique field's number; a primary key's
   * last part) also gets that number at nums[at + s] and the fingerprint state of its other parts at
   * heads[(at + s) * 3] (else nums[at + s] is NaN): the main thread adds those keys with `probeLast`
   * (keys ascending per prefix then cost no random memory access, see KeyIndex).
   */
  checkDeferred(row: Row, pre: (e: ReportError) => void, post: (e: ReportError) => void, status: Uint8Array, hashes: Int32Array, at: number, nums?: Float64Array, heads?: Int32Array): void {
    if (!this.checkCells(row, pre)) {
      status.fill(0, at, at + this.keySlots);
      return;
    }
    this.deferKeys(status, hashes, at, nums, heads);
    this.checkForeignKeys(row, post);
  }

  /**
   * Pass 1 of the two-pass key check (./key-spill): the key slots as checkDeferred writes them, without
   * checking the row: only whether it is blank and its key fields' values (null when missing, INVALID
   * when the cell does not cast), as checkCells finds them.
   */
  keyFingerprints(row: Row, status: Uint8Array, hashes: Int32Array, at: number): void {
    const { fields, values, n } = this;
    const cells = row.cells;
    const len = cells.length;
    let blank = true;
    for (let i = 0; i < n && blank; i++) if (!atIndex(fields, i).isMissing(i < len ? cells[i] ?? null : null)) blank = false;
    if (blank) {
      status.fill(0, at, at + this.keySlots);
      return;
    }
    for (const i of this.keyFields) {
      const f = atIndex(fields, i);
      const cell: Cell = i < len ? cells[i] ?? null : null;
      values[i] = f.isMissing(cell) ? null : f.cast(cell);
    }
    this.deferKeys(status, hashes, at);
  }

  /** The key slots of the row whose values are in `values` (see checkDeferred). */
  private deferKeys(status: Uint8Array, hashes: Int32Array, at: number, nums?: Float64Array, heads?: Int32Array): void {
    const { values, fields } = this;
    const k = this.hasher;
    let s = at;
    for (const u of this.uniques) {
      const v = values[u.field];
      if (nums) nums[s] = NaN;
      if (v === null || v === INVALID || v !== v) status[s] = 0;
      else {
        k.begin();
        if (nums && heads && typeof v === 'number') {
          nums[s] = v;
          k.stateInto(heads, s * 3);
        }
        k.part(typeof v === 'number' ? v : atIndex(fields, u.field).key(v)).stateInto(hashes, s * 3);
        status[s] = 1;
      }
      s++;
    }
    if (this.pk) {
      const vals = this.scratch(this.pk.fields);
      const last = vals[vals.length - 1];
      if (nums) nums[s] = NaN;
      if (nums && heads && typeof last === 'number') {
        // The prefix once: its state is the head, the last part completes the fingerprint (as feedKey would).
        feedKey(k, this.pk.compiled, vals, vals.length - 1);
        if (hasNaN(vals)) status[s] = 0;
        else {
          nums[s] = last;
          k.stateInto(heads, s * 3);
          k.part(last).stateInto(hashes, s * 3);
          status[s] = 1;
        }
      } else if (!feedKey(k, this.pk.compiled, vals)) status[s] = 2;
      else if (hasNaN(vals)) status[s] = 0;
      else {
        k.stateInto(hashes, s * 3);
        status[s] = 1;
      }
      s++;
    }
    for (const uk of this.uniqueKeys) {
      const vals = this.scratch(uk.fields);
      if (nums) nums[s] = NaN;
      if (vals.some((v) => v === null || v === INVALID || v !== v)) status[s] = 0;
      else {
        feedKey(k, uk.compiled, vals);
        k.stateInto(hashes, s * 3);
        status[s] = 1;
      }
      s++;
    }
  }

  /** Main thread: add key slot `s` of row `rn` from its prefix state and last number (see checkDeferred); as probeSlot does. */
  probeLast(s: number, heads: Int32Array, at: number, v: number, rn: number): number {
    return this.slotIndex(s).withState(heads, at).addOrReplaceLast(v, rn);
  }

  /** Main thread: add key slot `s` of row `rn` from its fingerprint; the latest earlier row with that key, or 0. */
  probeSlot(s: number, hashes: Int32Array, at: number, rn: number): number {
    return this.slotIndex(s).withState(hashes, at).addOrReplace(rn);
  }

  /** Prefetch for `probeSlot(s, hashes, at, …)` (see KeyIndex.touch); returns a word to fold into a sink. */
  touchSlot(s: number, hashes: Int32Array, at: number): number {
    return this.slotIndex(s).touch(hashes, at);
  }

  /** The index of key slot `s`: each unique field's, the primary key's, each unique key's. */
  private slotIndex(s: number): KeyIndex {
    const index = this.slotIndexes[s];
    if (index === undefined) throw new Error(`invariant broken: no key slot ${s}`);
    return index;
  }

  /** The error of key slot `s`, as `check` words it: a duplicate of row `prev`, or (prev 0) a primary key with every cell empty. */
  keyError(s: number, prev: number, cells: readonly Cell[], rn: number): ReportError {
    if (s < this.uniques.length) {
      const u = atIndex(this.uniques, s);
      const f = atIndex(this.fields, u.field);
      return cellError('unique-error', `the same as in the row at position ${prev}`, cells, rn, cellText(cells[u.field]), f.name, u.field + 1);
    }
    s -= this.uniques.length;
    if (this.pk) {
      if (s === 0) return rowError('primary-key', prev ? `the same as in the row at position ${prev}` : 'cells composing the primary keys are all "None"', cells, rn);
      s--;
    }
    const uk = atIndex(this.uniqueKeys, s);
    return rowError('unique-key', `for "${uk.names.join(', ')}": the same as in the row at position ${prev}`, cells, rn);
  }

  /** Cast and check the cells (values kept for the keys); false for a blank row, which has no keys. */
  private checkCells(row: Row, push: (e: ReportError) => void): boolean {
    const { fields, values, n } = this;
    const cells = row.cells;
    const len = cells.length;
    const rn = row.rowNumber;
    let blank = true;
    let rowErrs: ReportError[] | undefined;
    for (let i = 0; i < n; i++) {
      // once per cell: i < n = fields.length (a checked read here costs per cell for nothing)
      // eslint-disable-next-line @typescript-eslint/no-non-null-assertion
      const f = fields[i]!;
      const cell: Cell = i < len ? cells[i] ?? null : null; // null and undefined are both missing
      if (f.onlyEmptyMissing ? cell === null || cell === '' : f.isMissing(cell)) {
        values[i] = null;
        if (f.required) {
          const fails = f.check(null);
          if (fails) {
            for (const fail of fails) (rowErrs ??= []).push(cellError('constraint-error', fail.note, cells, rn, cellText(cell), f.name, i + 1));
          }
        }
        continue;
      }
      blank = false;
      const v = typeof cell === 'string' ? f.readText(cell) : f.cast(cell);
      values[i] = v;
      if (v === INVALID) {
        (rowErrs ??= []).push(cellError('type-error', f.typeNote, cells, rn, cellText(cell), f.name, i + 1));
        continue;
      }
      const fails = f.check(v);
      if (fails) {
        for (const fail of fails) (rowErrs ??= []).push(cellError('constraint-error', fail.note, cells, rn, cellText(cell), f.name, i + 1));
      }
    }

    if (blank) {
      push(rowError('blank-row', '', cells, rn));
      if (this.pk) push(rowError('primary-key', 'cells composing the primary keys are all "None"', cells, rn));
      return false;
    }
    // extra cells (a padded spreadsheet row has empty trailing cells: those are not extra)
    for (let c = n; c < len; c++) {
      if (this.padded && (cells[c] === null || cells[c] === undefined || cells[c] === '')) continue;
      (rowErrs ??= []).push(cellError('extra-cell', '', cells, rn, cellText(cells[c]), '', c + 1));
    }
    if (!this.padded || this.sheetWidth !== undefined) {
      const from = this.padded && this.sheetWidth !== undefined ? Math.max(len, this.sheetWidth) : len;
      for (let i = from; i < n; i++) (rowErrs ??= []).push(cellError('missing-cell', '', cells, rn, '', at(fields, i).name, i + 1));
    }
    if (rowErrs) for (const e of rowErrs) push(e);
    return true;
  }

  /** Add the row's keys to the indexes; a duplicate (or an all-empty primary key) is worded by keyError. */
  private checkKeys(row: Row, push: (e: ReportError) => void): void {
    const { fields, values } = this;
    const cells = row.cells;
    const rn = row.rowNumber;
    let s = 0;
    for (const u of this.uniques) {
      const v = values[u.field];
      // NaN equals nothing, not even NaN (as in Python)
      if (v !== null && v !== INVALID && v === v) {
        const prev = typeof v === 'number' ? u.index.addOrReplaceNumber(v, rn) : u.index.begin().part(at(fields, u.field).key(v)).addOrReplace(rn);
        if (prev) push(this.keyError(s, prev, cells, rn));
      }
      s++;
    }
    if (this.pk) {
      const vals = this.scratch(this.pk.fields);
      const last = vals[vals.length - 1];
      let prev = 0;
      if (typeof last === 'number') {
        // a key ending in a number: its prefix, then the number by the ascending runs (see KeyIndex);
        // a NaN part equals nothing
        if (!hasNaN(vals)) {
          feedKey(this.pk.index, this.pk.compiled, vals, vals.length - 1);
          prev = this.pk.index.addOrReplaceLast(last, rn);
        }
      } else if (!feedKey(this.pk.index, this.pk.compiled, vals)) push(this.keyError(s, 0, cells, rn));
      else if (!hasNaN(vals)) prev = this.pk.index.addOrReplace(rn);
      if (prev) push(this.keyError(s, prev, cells, rn));
      s++;
    }
    for (const uk of this.uniqueKeys) {
      const vals = this.scratch(uk.fields);
      // SQL UNIQUE semantics (v2); NaN is never equal
      if (!vals.some((v) => v === null || v === INVALID || v !== v)) {
        feedKey(uk.index, uk.compiled, vals);
        const prev = uk.index.addOrReplace(rn);
        if (prev) push(this.keyError(s, prev, cells, rn));
      }
      s++;
    }
  }

  private checkForeignKeys(row: Row, push: (e: ReportError) => void): void {
    const cells = row.cells;
    const rn = row.rowNumber;
    for (const fk of this.fks) {
      const vals = this.scratch(fk.idx);
      if (!feedKey(fk.lookup, fk.compiled, vals)) continue;
      if (!hasNaN(vals) && fk.lookup.has()) continue; // a NaN part is found nowhere
      const fieldCells = fk.idx.map((i) => cellText(cells[i]));
      const note = `for "${fk.fields.join(', ')}": values "${fieldCells.join(', ')}" not found in the lookup table "${fk.referenceName}" as "${fk.referenceFields.join(', ')}"`;
      push(
        buildError('foreign-key', note, {
          cells: rowTexts(cells),
          rowNumber: rn,
          fieldNames: fk.fields,
          fieldCells,
          referenceName: fk.referenceName,
          referenceFieldNames: fk.referenceFields,
        }),
      );
    }
  }
}
