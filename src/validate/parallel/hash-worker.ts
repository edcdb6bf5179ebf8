/**
 * A hashing thread for the parallel CSV reader: MD5 and SHA-256 of the whole file, read here, so the
 * main thread (the busiest one: splitting, merging, checking its own chunks) does not hash. The main
 * thread compares the file's state before and after the run, so these are the bytes the rows came from.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ByteHasher } from '../../table/source-file.js';
import { readFileBlocks } from './read-blocks.js';

if (!parentPort) throw new Error('invariant broken: a hashing worker runs without its parent port');
const port = parentPort;
const hasher = new ByteHasher();
readFileBlocks(workerData as string, (block) => hasher.update(block)).then(
  () => port.postMessage({ ok: true, stats: hasher.finish() }),
  (e: unknown) => port.postMessage({ ok: false, error: String(e) }),
);
