/** A row worker thread: checks the chunks the main thread sends (see chunk-checker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkChecker } from './chunk-checker.js';
import type { ToWorker, WorkerSetup } from './protocol.js';

const checker = new ChunkChecker(workerData as WorkerSetup);
parentPort!.on('message', (msg: ToWorker) => parentPort!.postMessage(checker.run(msg.chunk, msg.arrays)));
