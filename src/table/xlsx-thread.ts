/**
 * A large sheet is parsed on a thread of its own (xlsx-worker.ts) while the main thread inflates and
 * decodes the sheet part, casts and checks the rows, and hashes the file. The thread runs the reader's
 * own batch loop (xlsx-batches.ts) on the same decoded chunks, so the rows come in the same batches and
 * the report is the one-thread report. Only the XLSX reader loads this module, and only for a sheet of
 * SHEET_THREAD_MIN_BYTES of XML or more (xlsx-thread-choice.ts): small files never load the thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Row, TableStats } from './types.js';
import { SHEET_THREAD, type SheetThread } from './xlsx-thread-choice.js';
import { takeThread } from '../warm-threads.js';
import type { SheetContext } from './xlsx-sheet.js';
import { decodeBatch, fromWireError, toWireError, type WireBatch, type WireError } from './xlsx-wire.js';

export interface SheetThreadSetup {
  part: string;
  context: Omit<SheetContext, 'sharedStrings'>;
  /** How many shared strings there are: the thread sends their indexes, not their text. */
  sharedStrings: number;
  /** Batches the thread may send before the main thread has taken them. */
  ahead: number;
}

export type ToSheetThread =
  | { kind: 'text'; data: string }
  | { kind: 'end' }
  | { kind: 'error'; error: WireError }
  | { kind: 'credit'; n: number };

export type ToMain =
  /** `merges`: the merged cells the parser found since the previous batch (it may read past the rows). */
  | { kind: 'rows'; batch: WireBatch; merges: string[] }
  /** `n` more chunks taken. */
  | { kind: 'ack'; n: number }
  | { kind: 'done'; merges: string[] }
  | { kind: 'error'; error: WireError };

/** The sheet read on this thread: its rows, and (once they are read) its hashes and merged cells. */
export interface LocalSheet {
  rows(): AsyncGenerator<Row[]>;
  stats(): TableStats;
  merges(): string[];
}

/** The sheet part, inflated and decoded, and the file's hashes, read on this thread. */
export interface SheetSource {
  texts(): AsyncGenerator<string>;
  hash(): Promise<TableStats>;
}

/** Decoded chunks (~200 KiB each) sent and not yet taken by the thread. */
const CHUNKS_AHEAD = 12;

/** How often a sheet thread was started (read by the equivalence test). */
export const sheetThreads = { started: 0 };

/**
 * Start the sheet thread; undefined when it cannot run here (the TypeScript sources) or cannot start,
 * and the caller reads the sheet itself. When the thread fails before its first batch (no memory for
 * it, refused flags), `local` reads the sheet on this thread after all.
 */
export function startSheetThread(setup: SheetThreadSetup, sharedStrings: readonly string[], local: LocalSheet, source: SheetSource): SheetThread | undefined {
  if (!existsSync(fileURLToPath(SHEET_THREAD.url))) return undefined;
  let w: Worker;
  try {
    w = takeThread(SHEET_THREAD, setup);
  } catch {
    return undefined;
  }
  sheetThreads.started++;
  const inbox: ToMain[] = [];
  let failure: Error | undefined;
  let exited = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  let inFlight = 0;
  let acked: (() => void) | undefined;
  const send = (m: ToSheetThread, transfer?: ArrayBuffer[]) => {
    if (!stopped && !exited) w.postMessage(m, transfer);
  };
  w.on('message', (m: ToMain) => {
    if (m.kind === 'ack') {
      inFlight -= m.n;
      acked?.();
      return;
    }
    inbox.push(m);
    wake?.();
  });
  w.on('error', (e) => {
    failure = e;
    wake?.();
    acked?.();
  });
  w.on('exit', () => {
    exited = true;
    wake?.();
    acked?.();
  });

  // This thread inflates and decodes the part (the zip's checks apply here) and hands each chunk on, a few ahead.
  let stats: TableStats | undefined;
  let hashFailure: unknown;
  const pump = async (): Promise<void> => {
    try {
      for await (const text of source.texts()) {
        if (stopped || exited) return; // leaving the loop releases the inflater
        inFlight++;
        send({ kind: 'text', data: text });
        while (inFlight >= CHUNKS_AHEAD && !stopped && !exited) await new Promise<void>((resolve) => (acked = resolve));
      }
      send({ kind: 'end' });
    } catch (e) {
      send({ kind: 'error', error: toWireError(e) }); // thrown by the thread after the chunks before it
      return;
    }
    if (stopped || exited) return;
    // The file is hashed here while the thread parses the last chunks (one thread hashes after the rows).
    try {
      stats = await source.hash();
    } catch (e) {
      hashFailure = e;
    }
  };
  let pumping: Promise<void> | undefined;

  const merges: string[] = [];
  let here = false;
  /** The thread's last batch was taken: the rows are all read (the hashes count only then, as on one thread). */
  let finished = false;
  const next = async (): Promise<ToMain | undefined> => {
    while (!inbox.length && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
    return inbox.shift();
  };
  async function* batches(): AsyncGenerator<Row[]> {
    pumping = pump();
    let received = 0;
    for (;;) {
      const m = await next();
      if (!m) {
        if (received === 0 && !stopped) {
          await stop();
          here = true; // the thread did not start: this thread reads the sheet
          yield* local.rows();
          return;
        }
        throw failure ?? new Error('the sheet thread stopped');
      }
      if (m.kind === 'rows') {
        received++;
        send({ kind: 'credit', n: 1 });
        const rows = decodeBatch(m.batch, sharedStrings);
        for (const r of m.merges) merges.push(r);
        yield rows;
      } else if (m.kind === 'done') {
        for (const r of m.merges) merges.push(r);
        await pumping;
        if (hashFailure !== undefined) throw hashFailure;
        finished = true;
        return;
      } else if (m.kind === 'error') throw fromWireError(m.error);
    }
  }
  const stop = async (): Promise<void> => {
    stopped = true;
    acked?.();
    await w.terminate();
    await pumping; // it may be reading the file: wait before the caller closes it
  };
  return {
    batches: batches(),
    stats: () => (here ? local.stats() : finished ? stats : undefined),
    merges: () => (here ? local.merges() : merges),
    stop,
  };
}
