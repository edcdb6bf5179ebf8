/**
 * Whether a sheet is parsed on a thread of its own (xlsx-thread.ts): kept apart from the thread's
 * code, which only a large sheet loads, so the start-up of a small file does not grow.
 */
import { envNumber, tableThreads } from '../tuning.js';
import type { ThreadKind } from '../warm-threads.js';
import type { Row, TableStats } from './types.js';

/**
 * The sheet thread (xlsx-worker.ts), with none of the process's flags (--max-old-space-size is refused
 * in a worker) and a young generation of 8 MiB: the default (16) cost ~40 MiB more peak RSS on a
 * 1M-row sheet for the same CPU time.
 */
export const SHEET_THREAD: ThreadKind = {
  url: new URL('./xlsx-worker.js', import.meta.url),
  options: { execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } },
};

/** Sheets with this much XML or more get a thread (SATUDATA_PARALLEL_MIN_BYTES overrides, as for CSV). */
export const SHEET_THREAD_MIN_BYTES = 8 << 20;
/**
 * Sheets with more XML than this stay on one thread: the thread costs ~30 MiB of peak RSS, which the
 * key indexes of a larger sheet need to stay under 200 MiB (the bench's 11 columns, two keys: 600,000
 * rows, 237 MiB of XML, 157 MiB on one thread, 186-191 MiB with the thread; 1M rows: 169 and 194-202).
 */
export const SHEET_THREAD_MAX_BYTES = 192 << 20;
/**
 * A workbook file this large likely holds a sheet of SHEET_THREAD_MIN_BYTES of XML (sheet XML zips
 * ~10:1): `validate` starts a sheet thread ahead for it (validate/warm-guess.ts).
 */
export const SHEET_GUESS_MIN_BYTES = 1 << 20;

/** Batches the sheet thread may send before the main thread has taken them (4 × 1,024 rows). */
export const SHEET_THREAD_AHEAD = 4;

/** A workbook with more shared strings stays on one thread (the thread holds a ~32-byte token for each). */
export const SHEET_THREAD_MAX_SHARED_STRINGS = 500_000;

/**
 * Whether a sheet of `xmlBytes` (as the zip declares) in a workbook of `sharedStrings` is parsed on a
 * thread of its own: a choice made from the file, SATUDATA_THREADS and the cores Node may use only.
 */
export function wantsSheetThread(xmlBytes: number, sharedStrings = 0): boolean {
  const threads = tableThreads();
  if (threads < 2 || sharedStrings > SHEET_THREAD_MAX_SHARED_STRINGS) return false;
  return xmlBytes >= (envNumber('SATUDATA_PARALLEL_MIN_BYTES') ?? SHEET_THREAD_MIN_BYTES) && xmlBytes <= SHEET_THREAD_MAX_BYTES;
}

export interface SheetThread {
  /** The rows in batches (read on this thread after all when the thread fails before its first batch). */
  batches: AsyncGenerator<Row[]>;
  /** The file's hashes, once `batches` is done (before that: nothing hashed yet, as on one thread). */
  stats(): TableStats | undefined;
  merges(): string[];
  /** Stop the thread and the reading of the part for it (before the file is closed). */
  stop(): Promise<void>;
}

