/** A row worker thread: checks the chunks the main thread sends (see chunk-checker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkChecker } from './chunk-checker.js';
import type { ToWorker, WorkerSetup } from './protocol.js';

if (!parentPort) throw new Error('invariant broken: a row worker runs without its parent port');
const port = parentPort;
const checker = new ChunkChecker(workerData as WorkerSetup);
port.on('message', (msg: ToWorker) => port.postMessage(checker.run(msg.chunk, msg.arrays)));
