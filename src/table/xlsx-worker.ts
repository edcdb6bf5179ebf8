/**
 * The sheet thread (see xlsx-thread.ts): parses the sheet part's decoded chunks, which the main
 * thread sends in order, and posts the rows in batches as typed arrays, a few batches ahead of the
 * main thread, then the merged cells. An error the main thread met reading the part (the zip's checks)
 * comes in order after the chunks read before it and is thrown where one thread throws it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sheetBatches } from './xlsx-batches.js';
import { SheetParser } from './xlsx-sheet.js';
import type { SheetThreadSetup, ToMain, ToSheetThread } from './xlsx-thread.js';
import { encodeBatch, fromWireError, sharedRefs, toWireError, transferList, type WireError } from './xlsx-wire.js';
import { onSetup } from '../warm-threads.js';

if (!parentPort) throw new Error('invariant broken: the sheet thread runs without its parent port');
const port = parentPort;
const post = (m: ToMain, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);
const ACK_EVERY = 4;

let credits = 0;
const chunks: string[] = [];
let ended = false;
let failure: WireError | undefined;
let wake: (() => void) | undefined;
const waitForMessage = () => new Promise<void>((resolve) => (wake = resolve));

/** The part's chunks as the main thread read them (taken ones are acknowledged by fours: the main thread keeps a few in flight). */
async function* received(): AsyncGenerator<string> {
  let taken = 0;
  for (;;) {
    const chunk = chunks.shift();
    if (chunk !== undefined) {
      if (++taken % ACK_EVERY === 0 || chunks.length === 0) {
        post({ kind: 'ack', n: taken });
        taken = 0;
      }
      yield chunk;
    } else if (failure) throw fromWireError(failure);
    else if (ended) return;
    else await waitForMessage();
  }
}

async function run(setup: SheetThreadSetup): Promise<void> {
  const { context } = setup;
  const parser = new SheetParser({ ...context, sharedStrings: sharedRefs(setup.sharedStrings) });
  let sent = 0;
  const newMerges = (): string[] => {
    const m = parser.merges.slice(sent);
    sent = parser.merges.length;
    return m;
  };
  for await (const rows of sheetBatches(received(), setup.part, parser, context.label)) {
    const batch = encodeBatch(rows);
    const merges = newMerges();
    while (credits <= 0) await waitForMessage();
    credits--;
    post({ kind: 'rows', batch, merges }, transferList(batch));
  }
  post({ kind: 'done', merges: newMerges() });
}

// Last: with a setup in workerData, `begin` runs at once and uses everything above.
onSetup<SheetThreadSetup, ToSheetThread>(port, workerData, (setup) => {
  credits = setup.ahead;
  run(setup).catch((e: unknown) => post({ kind: 'error', error: toWireError(e) }));
  return (m: ToSheetThread) => {
    if (m.kind === 'credit') credits += m.n;
    else if (m.kind === 'text') chunks.push(m.data);
    else if (m.kind === 'end') ended = true;
    else failure = m.error;
    wake?.();
  };
});
