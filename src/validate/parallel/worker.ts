/** A row worker thread: checks the chunks the main thread sends (see chunk-checker.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { ChunkChecker } from './chunk-checker.js';
import type { ToWorker, WorkerSetup } from './protocol.js';
import { onSetup } from '../../warm-threads.js';

if (!parentPort) throw new Error('invariant broken: a row worker runs without its parent port');
const port = parentPort;
onSetup<WorkerSetup, ToWorker>(port, workerData, (setup) => {
  const checker = new ChunkChecker(setup);
  return (msg: ToWorker) => port.postMessage(checker.run(msg.chunk, msg.arrays));
});
