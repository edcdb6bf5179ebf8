/**
 * A large sheet is inflated and parsed on a thread of its own (xlsx-worker.ts) while the main thread
 * casts and checks the rows: the same loop (xlsx-batches.ts) on the same file descriptor, the same
 * batches in the same order, so the report is the one-thread report. Only the XLSX reader loads this
 * module, and only for a sheet of SHEET_THREAD_MIN_BYTES of XML or more (xlsx-thread-choice.ts): small
 * files never load the thread's code.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { TableSourceError, type Row, type SourceErrorType, type TableStats } from './types.js';
import type { SheetContext } from './xlsx-sheet.js';
import { decodeBatch, type WireBatch } from './xlsx-wire.js';
import type { SheetThread } from './xlsx-thread-choice.js';
import type { ZipEntry } from './zip.js';

export interface SheetThreadSetup {
  fd: number;
  size: number;
  part: string;
  /** The zip entry of the part (the directory was read by the main thread). */
  entries: Map<string, ZipEntry>;
  context: Omit<SheetContext, 'sharedStrings'>;
  /** How many shared strings there are: the thread sends their indexes, not their text. */
  sharedStrings: number;
  /** Batches the thread may send before the main thread has taken them. */
  ahead: number;
}

export type ToMain =
  /** `merges`: the merged cells the parser found since the previous batch (it may read past the rows). */
  | { kind: 'rows'; batch: WireBatch; merges: string[] }
  | { kind: 'done'; stats: TableStats; merges: string[] }
  | { kind: 'error'; error: { type: SourceErrorType; note: string; noteId?: string } | { message: string } };

const WORKER = new URL('./xlsx-worker.js', import.meta.url);
/** How often a sheet thread was started (read by the equivalence test). */
export const sheetThreads = { started: 0 };

/** The sheet read on this thread: its rows, and (once they are read) its hashes and merged cells. */
export interface LocalSheet {
  rows(): AsyncGenerator<Row[]>;
  stats(): TableStats;
  merges(): string[];
}

/**
 * Start the sheet thread; undefined when it cannot run here (the TypeScript sources) or cannot start,
 * and the caller reads the sheet itself. When the thread fails before its first batch (no memory for
 * it, refused flags), `local` reads the sheet on this thread after all.
 */
export function startSheetThread(setup: SheetThreadSetup, sharedStrings: readonly string[], local: LocalSheet): SheetThread | undefined {
  if (!existsSync(fileURLToPath(WORKER))) return undefined;
  let w: Worker;
  try {
    // None of the process's flags: --max-old-space-size is refused in a worker.
    w = new Worker(WORKER, { workerData: setup, execArgv: [] });
  } catch {
    return undefined;
  }
  sheetThreads.started++;
  const inbox: ToMain[] = [];
  let failure: Error | undefined;
  let exited = false;
  let wake: (() => void) | undefined;
  w.on('message', (m: ToMain) => {
    inbox.push(m);
    wake?.();
  });
  w.on('error', (e) => {
    failure = e;
    wake?.();
  });
  w.on('exit', () => {
    exited = true;
    wake?.();
  });
  let stats: TableStats | undefined;
  const merges: string[] = [];
  let here = false;
  const next = async (): Promise<ToMain | undefined> => {
    while (!inbox.length && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift();
  };
  async function* batches(): AsyncGenerator<Row[]> {
    let received = 0;
    try {
      for (;;) {
        const m = await next();
        if (!m) {
          if (received === 0) {
            here = true; // the thread did not start: this thread reads the sheet
            yield* local.rows();
            return;
          }
          throw failure ?? new Error('the sheet thread stopped');
        }
        if (m.kind === 'rows') {
          received++;
          w.postMessage({ credit: 1 });
          const rows = decodeBatch(m.batch, sharedStrings);
          for (const r of m.merges) merges.push(r);
          yield rows;
        } else if (m.kind === 'done') {
          for (const r of m.merges) merges.push(r);
          stats = m.stats;
          return;
        } else {
          const e = m.error;
          if ('type' in e) throw new TableSourceError(e.type, e.note, e.noteId);
          throw new Error(`the sheet thread failed: ${e.message}`);
        }
      }
    } finally {
      await w.terminate();
    }
  }
  return {
    batches: batches(),
    stats: () => (here ? local.stats() : stats),
    merges: () => (here ? local.merges() : merges),
    stop: async () => {
      await w.terminate();
    },
  };
}
