/**
 * When a table's rows are checked on all cores (see ./index.ts). Kept apart from the worker code so a
 * small file never loads it: start-up stays what it was.
 */
import { envNumber, tableThreads } from '../../tuning.js';
import type { OpenedTable } from '../../table/types.js';
import type { ThreadKind } from '../../warm-threads.js';
import type { RowLayout } from '../header.js';

/**
 * The row worker (worker.ts), started with none of the process's flags (--input-type of `node -e` is
 * not for a file; --max-old-space-size is refused in a worker) and a young generation of 12 MiB: 6 MiB
 * cost the worker a third of its time in GC (--cpu-prof); 12 MiB costs the same CPU time as 24 MiB
 * (1M-row bench, 3 runs each) for ~10 MiB less peak RSS.
 */
export const ROW_THREAD: ThreadKind = {
  url: new URL('./worker.js', import.meta.url),
  options: { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: envNumber('SATUDATA_WORKER_YOUNG_MB') || 12 } },
};

/** CSV files from this size up are split across worker threads (SATUDATA_PARALLEL_MIN_BYTES overrides). */
export const PARALLEL_MIN_BYTES = 8 << 20;

/** Worker threads to use: SATUDATA_THREADS, else the cores Node may use. */
export function parallelThreads(): number {
  return tableThreads();
}

export function parallelMinBytes(): number {
  return envNumber('SATUDATA_PARALLEL_MIN_BYTES') ?? PARALLEL_MIN_BYTES;
}

/** A test hook: chunk size in bytes (normally derived from the file size). */
export function chunkBytesOverride(): number | undefined {
  const n = envNumber('SATUDATA_PARALLEL_CHUNK_BYTES');
  return n && n >= 1 ? Math.floor(n) : undefined;
}

/**
 * The parallel path handles what it can prove equal to the single-threaded reader: a local CSV file
 * (not multipart) in UTF-8 or Windows-1252 (a line break is then one byte that no other character
 * contains), a quote char of one ASCII character (or none), no comment rows named by number (a worker
 * does not know its rows' numbers) and no row limit (a row limit reads the start of the file only).
 */
export function wantsParallel(table: OpenedTable, path: string | undefined, fileBytes: number | undefined, layout: RowLayout, limitRows: number | undefined): path is string {
  if (!path || table.format !== 'csv' || fileBytes === undefined || limitRows !== undefined) return false;
  if (fileBytes < parallelMinBytes() || parallelThreads() < 2) return false;
  if (table.encoding !== 'utf-8' && table.encoding !== 'windows-1252') return false;
  const q = table.dialect.quoteChar ?? '"';
  if (q.length > 1 || (q.length === 1 && q.charCodeAt(0) > 127)) return false;
  return layout.commentRows.size === 0;
}
