/**
 * Worker threads started before they are needed. A worker thread takes ~25 ms to start and ~50 ms
 * more to load its modules; the CSV row workers and the XLSX sheet thread are only asked for once the
 * table's sample is read (~0.15 s after the process started). `satudata validate` guesses from the
 * sizes of the files it was given (../validate/warm-guess.ts) and starts them at once, while the main
 * thread loads its own modules and reads the descriptor; the reader then takes a waiting one and sends
 * it its setup. A guess that was wrong costs a thread that never did anything: it is terminated at the
 * end of the command (releaseWarm) and never keeps the process alive.
 *
 * On the worker's side, `onSetup` gets the setup from `workerData` (a thread started when needed) or
 * from the first message (a warm thread), then hands it every later message.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort, type WorkerOptions } from 'node:worker_threads';

/** A kind of worker thread: its module and the options it is always started with. */
export interface ThreadKind {
  url: URL;
  options: Omit<WorkerOptions, 'workerData'>;
}

/** The `workerData` of a warm thread: its setup comes in the first message. */
const WARM = '@satudata/warm-thread';
interface SetupMessage {
  [WARM]: unknown;
}

const waiting = new Map<string, Worker[]>();

/** How many warm threads were started and taken (read by tests). */
export const warmThreads = { started: 0, taken: 0 };

/** Warm threads of `kind` waiting to be taken. */
export function warmWaiting(kind: ThreadKind): number {
  return waiting.get(kind.url.href)?.length ?? 0;
}

/** Start `count` threads of `kind` now, to be taken by `takeThread`. Does nothing when they cannot start. */
export function warm(kind: ThreadKind, count: number): void {
  if (count < 1 || !existsSync(fileURLToPath(kind.url))) return; // running from the TypeScript sources
  const list = waiting.get(kind.url.href) ?? [];
  waiting.set(kind.url.href, list);
  for (let i = 0; i < count; i++) {
    let w: Worker;
    try {
      w = new Worker(kind.url, { ...kind.options, workerData: WARM });
    } catch {
      return; // no thread now (refused flags, no memory): the reader starts one or reads on one thread
    }
    w.unref();
    const gone = () => {
      const at = list.indexOf(w);
      if (at >= 0) list.splice(at, 1);
    };
    w.once('error', gone);
    w.once('exit', gone);
    list.push(w);
    warmThreads.started++;
  }
}

/**
 * A thread of `kind` working on `setup`: a warm one when one waits, else one started now. Throws as
 * `new Worker` does. A warm thread that failed unseen fails like a fresh one: the caller's listeners see it.
 */
export function takeThread(kind: ThreadKind, setup: unknown): Worker {
  const w = waiting.get(kind.url.href)?.shift();
  if (!w) return new Worker(kind.url, { ...kind.options, workerData: setup });
  w.removeAllListeners();
  w.ref();
  const message: SetupMessage = { [WARM]: setup };
  w.postMessage(message);
  warmThreads.taken++;
  return w;
}

/** Terminate the waiting threads of `kind`: the table they were started for turned out not to want them. */
export function dropWarm(kind: ThreadKind): void {
  const list = waiting.get(kind.url.href);
  if (!list?.length) return;
  for (const w of list.splice(0)) void w.terminate().catch(() => undefined);
}

/** Terminate the warm threads nobody took. */
export async function releaseWarm(): Promise<void> {
  const all = [...waiting.values()].flat();
  waiting.clear();
  await Promise.all(all.map((w) => w.terminate().catch(() => undefined)));
}

/**
 * In a worker thread: `begin` gets the setup (from `workerData`, or the first message of a warm
 * thread) and returns the handler of every later message.
 */
export function onSetup<T, M>(port: MessagePort, data: unknown, begin: (setup: T) => (message: M) => void): void {
  if (data !== WARM) {
    const handle = begin(data as T);
    port.on('message', (m: M) => handle(m));
    return;
  }
  let handle: ((message: M) => void) | undefined;
  port.on('message', (m: unknown) => {
    if (handle) handle(m as M);
    else handle = begin((m as SetupMessage)[WARM] as T);
  });
}
