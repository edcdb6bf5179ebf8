/** Messages between the main thread and the row workers, and the rebasing of a worker's errors. */
import type { CsvParserOptions } from '../../table/csv-parser.js';
import { cellRef } from '../../table/types.js';
import type { Schema } from '../../schema/types.js';
import { buildError } from '../build-error.js';
import type { RowLayout } from '../header.js';
import type { SharedKeys } from '../key-index.js';
import type { ReportError } from '../types.js';
import type { ChunkEncoding, ChunkRange } from './chunk.js';

export interface WorkerSetup {
  path: string;
  encoding: ChunkEncoding;
  popts: CsvParserOptions;
  schema: Schema;
  labels: string[];
  noLabels: boolean;
  layout: RowLayout;
  foreignKeys: { fields: string[]; referenceName: string; referenceFields: string[]; lookup: SharedKeys }[];
  /** A chunk stops collecting errors past these (the main thread stops at or before them). */
  limitErrors: number;
  reportChars: number;
  /** Pass 1 of the two-pass reader (key-spill/): the rows' errors are not collected, only their keys. */
  keysOnly?: boolean;
}

/** A data row's error; `post` ones (foreign keys) come after the row's key errors. */
export interface RowFinding {
  j: number;
  post: boolean;
  e: ReportError;
}

/**
 * Per data row j of a chunk: its record number within the chunk, and its key slots at j * slots (see
 * RowChecker.checkDeferred). In shared memory, from a pool the main thread reuses: arrays transferred
 * anew for every chunk piled up in the main thread, which allocates too little to collect them often.
 */
export interface RowArrays {
  rns: Int32Array;
  status: Uint8Array;
  hashes: Int32Array;
  /** A key slot's last part when it is a number (RowChecker.checkDeferred), else NaN. */
  nums: Float64Array;
  /** Three words a slot: the fingerprint state of the key's other parts, where nums holds a number. */
  heads: Int32Array;
}

function shared<T extends Int32Array | Uint8Array | Float64Array>(make: new (b: SharedArrayBuffer) => T, bytes: number): T {
  return new make(new SharedArrayBuffer(bytes));
}

export function newArrays(rows: number, slots: number): RowArrays {
  return {
    rns: shared(Int32Array, rows * 4),
    status: shared(Uint8Array, rows * slots),
    hashes: shared(Int32Array, rows * slots * 12),
    nums: shared(Float64Array, rows * slots * 8),
    heads: shared(Int32Array, rows * slots * 12),
  };
}

/** Room for `rows` rows, the old content kept (the pool then holds the larger arrays). */
export function growArrays(a: RowArrays, rows: number, slots: number): RowArrays {
  const b = newArrays(rows, slots);
  b.rns.set(a.rns);
  b.status.set(a.status);
  b.hashes.set(a.hashes);
  b.nums.set(a.nums);
  b.heads.set(a.heads);
  return b;
}

export type ChunkResult =
  | {
      ok: true;
      index: number;
      /** Records parsed (all physical rows, header and comment rows too). */
      records: number;
      dataRows: number;
      arrays: RowArrays;
      findings: RowFinding[];
      /** The worker stopped early: its errors alone spend the error budget. */
      truncated: boolean;
    }
  | { ok: false; index: number; reason: string };

export type ToWorker = { chunk: ChunkRange; arrays: RowArrays };

type OkResult = Extract<ChunkResult, { ok: true }>;

/**
 * A chunk's result, built here for the main thread's own chunks and again (sameShape) for every result
 * a worker posts: a posted object comes out of the deserializer with maps of its own, and the merge,
 * which saw both kinds, was deoptimised and recompiled ~6 times a run ("wrong map").
 */
export function okResult(index: number, records: number, dataRows: number, arrays: RowArrays, findings: RowFinding[], truncated: boolean): OkResult {
  return { ok: true, index, records, dataRows, arrays: { rns: arrays.rns, status: arrays.status, hashes: arrays.hashes, nums: arrays.nums, heads: arrays.heads }, findings, truncated };
}

export function failedResult(index: number, reason: string): ChunkResult {
  return { ok: false, index, reason };
}

/** A posted result, rebuilt with the maps of one made on this thread (see okResult). */
export function sameShape(m: ChunkResult): ChunkResult {
  if (!m.ok) return failedResult(m.index, m.reason);
  const findings: RowFinding[] = [];
  for (const f of m.findings) findings.push({ j: f.j, post: f.post, e: f.e });
  return okResult(m.index, m.records, m.dataRows, m.arrays, findings, m.truncated);
}

/** A worker's error numbered within its chunk, renumbered for the whole file (message and cell reference too). */
export function rebaseError(e: ReportError, offset: number): ReportError {
  if (offset === 0 || e.rowNumber === undefined) return e;
  const { type, title: _t, description: _d, message: _m, tags: _g, note, ...props } = e;
  props.rowNumber = e.rowNumber + offset;
  if (props.cellRef !== undefined && props.fieldNumber !== undefined) props.cellRef = cellRef(props.fieldNumber, props.rowNumber);
  return buildError(type, note, props);
}
