/**
 * The sheet thread (see xlsx-thread.ts): inflates and parses the sheet part of the file the main thread
 * opened (the same file descriptor), posts the rows in batches as typed arrays, a few batches ahead of
 * the main thread, then hashes the file and posts the hashes and the merged cells.
 */
import { read } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { ByteHasher, hashFile } from './source-file.js';
import { TableSourceError } from './types.js';
import { sheetBatches } from './xlsx-batches.js';
import { SheetParser } from './xlsx-sheet.js';
import type { SheetThreadSetup, ToMain } from './xlsx-thread.js';
import { encodeBatch, sharedRefs, transferList } from './xlsx-wire.js';
import { ZipReader } from './zip.js';

if (!parentPort) throw new Error('invariant broken: the sheet thread runs without its parent port');
const port = parentPort;
const setup = workerData as SheetThreadSetup;

/** The reads the zip reader and the hasher make, on the main thread's descriptor (positioned reads only). */
const fh = {
  read: (buffer: Buffer, offset: number, length: number, position: number) =>
    new Promise<{ bytesRead: number; buffer: Buffer }>((resolve, reject) => {
      read(setup.fd, buffer, offset, length, position, (err, bytesRead) => (err ? reject(err) : resolve({ bytesRead, buffer })));
    }),
} as unknown as FileHandle;

let credits = setup.ahead;
let wake: (() => void) | undefined;
port.on('message', (m: { credit: number }) => {
  credits += m.credit;
  wake?.();
});

async function run(): Promise<void> {
  const { context } = setup;
  const zip = ZipReader.ofEntries(fh, context.label, setup.entries);
  const parser = new SheetParser({ ...context, sharedStrings: sharedRefs(setup.sharedStrings) });
  let sent = 0;
  const newMerges = (): string[] => {
    const m = parser.merges.slice(sent);
    sent = parser.merges.length;
    return m;
  };
  for await (const rows of sheetBatches(zip, setup.part, parser, context.label)) {
    const batch = encodeBatch(rows);
    const merges = newMerges();
    while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
    credits--;
    port.postMessage({ kind: 'rows', batch, merges } satisfies ToMain, transferList(batch));
  }
  const stats = await hashFile(fh, setup.size, new ByteHasher());
  port.postMessage({ kind: 'done', stats, merges: newMerges() } satisfies ToMain);
}

run().catch((e: unknown) => {
  const error = e instanceof TableSourceError ? { type: e.type, note: e.note, noteId: e.noteId } : { message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  port.postMessage({ kind: 'error', error } satisfies ToMain);
});
