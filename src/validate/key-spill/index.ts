/**
 * Exact key checks for a CSV file whose key indexes would not fit in memory (issue #18: peak RSS
 * ≤ 200 MiB at any size). The file is read twice:
 *
 * 1. Pass 1 reads the rows exactly as validation does (same row numbers, header, blank rows without
 *    keys, no key for an empty, invalid or NaN part) and appends each key's fingerprint and row to
 *    bucket files in a temporary folder, partitioned by fingerprint bits (on all cores when the file
 *    qualifies: the workers compute the fingerprints anyway).
 * 2. Each bucket is replayed into a fresh KeyIndex in row order (resolve.ts), and only the duplicates
 *    that can reach the report are kept: the smallest (row, slot) pairs, as many as the error budget
 *    can hold.
 * 3. Pass 2 is the normal validation with the key indexes replaced by lookups into those duplicates,
 *    so errors come out in the usual order through the usual error budget: the report is the one-pass
 *    report.
 *
 * The temporary folder is removed on every exit path (errors, exit, Ctrl-C). The caller compares the
 * file's size, modification time and inode before pass 1 and after pass 2.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { notes } from '../../i18n.js';
import { LIMITS } from '../../table/limits.js';
import { TableSourceError, type OpenedTable } from '../../table/types.js';
import { ErrorBudget } from '../budget.js';
import { ERROR_OVERHEAD } from '../error-budget.js';
import { onExitCleanup } from '../exit-cleanup.js';
import { isCommentRow } from '../header.js';
import type { KeyIndex } from '../key-index.js';
import { RowChecker } from '../row-checker.js';
import type { TableJob, TableLimits, TablePlan } from '../table.js';
import { BucketWriter, MAX_BUCKETS } from './buckets.js';
import { bucketKeys } from './eligible.js';
import { BoundedHeap } from './heap.js';
import { DuplicateLookup, SpillSink } from './probes.js';
import { resolveBuckets } from './resolve.js';

export interface SpillInput {
  job: TableJob;
  path: string;
  /** The table as opened for the sample (its encoding and dialect; it is closed). */
  table: OpenedTable;
  plan: TablePlan;
  limits: TableLimits;
  /** Rows the file probably holds (estimateRows). */
  rows: number;
  /** Pass 1 on all cores. */
  parallel: boolean;
}

export interface Duplicates {
  /** The stand-in key index of each key slot, for pass 2 (a RowChecker's makeIndex). */
  keys: (slot: number) => KeyIndex;
  /** Duplicates kept (at most the error budget's capacity). */
  kept: number;
}

/** How often pass 1 ran, and on all cores (read by the tests). */
export const spillRuns = { started: 0, parallel: 0 };

/**
 * Duplicate keys that can be reported: at most `limitErrors` errors fit, and each error takes at least
 * ERROR_OVERHEAD characters of the LIMITS.reportChars a table may have.
 */
export function reportableErrors(limitErrors: number): number {
  return Math.max(0, Math.min(limitErrors, Math.floor(LIMITS.reportChars / ERROR_OVERHEAD) + 1));
}

export function changedError(path: string): TableSourceError {
  return new TableSourceError('source-error', ...notes('source.csv.changed_between_passes', { path }));
}

/** Passes 1 and 2 (the resolve): the duplicates pass 2 needs. */
export async function findDuplicates(input: SpillInput): Promise<Duplicates> {
  const { plan, limits } = input;
  const slots = new RowChecker(plan.schema, plan.mapping, false, [], 0).keySlots;
  const maxKeys = bucketKeys();
  const buckets = Math.min(MAX_BUCKETS, Math.max(1, Math.ceil((input.rows * slots * 1.25) / maxKeys)));
  spillRuns.started++;
  // The clean-up is hooked before the folder exists: a Ctrl-C that comes right after mkdtemp would
  // otherwise find no listener and end the process with the folder left behind.
  let dir: string | undefined;
  const remove = () => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  };
  const forget = onExitCleanup(remove);
  try {
    dir = tempDir();
    const heap = new BoundedHeap(reportableErrors(limits.limitErrors));
    const writer = new BucketWriter(dir, 'k', buckets, slots, 0);
    try {
      await spillKeys(input, writer, slots);
    } finally {
      writer.close();
    }
    resolveBuckets(writer, { slots, maxKeys, heap });
    const dups = heap.toMap();
    return { keys: (slot) => new DuplicateLookup(dups, slot, slots), kept: dups.size };
  } catch (e) {
    throw diskError(e);
  } finally {
    remove();
    forget();
  }
}

function tempDir(): string {
  try {
    return mkdtempSync(join(tmpdir(), 'satudata-keys-'));
  } catch (e) {
    throw diskError(e);
  }
}

/** The temporary folder failed (full disk, no permission): the caller checks the keys in memory instead, with `warning`. */
export class SpillUnavailable extends Error {
  constructor(readonly warning: string) {
    super(warning);
  }
}

function diskError(e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof SpillUnavailable || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return e;
  return new SpillUnavailable(`keys checked in memory: no room for their fingerprints in ${tmpdir()} (${code}); free disk space there or set TMPDIR to a larger disk`);
}

async function spillKeys(input: SpillInput, writer: BucketWriter, slots: number): Promise<void> {
  if (input.parallel) {
    const { checkRowsParallel } = await import('../parallel/index.js');
    const done = await checkRowsParallel({
      path: input.path,
      fileBytes: input.job.fileBytes ?? 0,
      table: input.table,
      plan: input.plan,
      foreignKeys: [],
      capacity: 0,
      budget: new ErrorBudget([], Infinity),
      limits: { limitErrors: Infinity },
      keys: (slot) => new SpillSink(writer, slot),
      keysOnly: true,
    });
    if (done) {
      spillRuns.parallel++;
      return;
    }
    writer.reset(); // the split could not be proven safe: read again on one thread
  }
  await spillOnOneThread(input, writer, slots);
}

async function spillOnOneThread(input: SpillInput, writer: BucketWriter, slots: number): Promise<void> {
  const { plan, limits } = input;
  const layout = plan.layout;
  const checker = new RowChecker(plan.schema, plan.mapping, false, [], 0);
  const status = new Uint8Array(slots);
  const hashes = new Int32Array(slots * 3);
  let dataRows = 0;
  const table = await input.job.open();
  try {
    for await (const batch of table.batches) {
      for (const row of batch) {
        const rn = row.rowNumber;
        if (rn <= layout.headerEnd || isCommentRow(layout, rn, row.cells)) continue;
        if (limits.limitRows !== undefined && dataRows >= limits.limitRows) return;
        dataRows++;
        checker.keyFingerprints(row, status, hashes, 0);
        for (let s = 0; s < slots; s++) if (status[s] === 1) writer.add(s, hashes, s * 3, rn);
      }
    }
  } catch (e) {
    // A file that cannot be read to its end: pass 2 meets the same failure (the task is then that
    // error alone) or stops before it; either way no key after it reaches the report.
    if (!(e instanceof TableSourceError)) throw e;
  } finally {
    await table.close();
  }
}
