import { afterEach, describe, expect, it } from 'vitest';
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { dropWarm, releaseWarm, takeThread, warm, warmThreads, warmWaiting, type ThreadKind } from '../../src/warm-threads.js';

// The workers are plain .mjs files that use the built onSetup (dist/warm-threads.js; npm test builds first).
const ECHO: ThreadKind = { url: new URL('../fixtures/workers/echo-worker.mjs', import.meta.url), options: { execArgv: [] } };
const BROKEN: ThreadKind = { url: new URL('../fixtures/workers/broken-worker.mjs', import.meta.url), options: { execArgv: [] } };
const MISSING: ThreadKind = { url: new URL('../fixtures/workers/no-such-worker.mjs', import.meta.url), options: { execArgv: [] } };

const started: Worker[] = [];
afterEach(async () => {
  await releaseWarm();
  await Promise.all(started.splice(0).map((w) => w.terminate()));
});

/** The next `n` messages of `w`. */
function messages(w: Worker, n: number): Promise<unknown[]> {
  const got: unknown[] = [];
  return new Promise((resolve, reject) => {
    w.on('message', (m) => {
      got.push(m);
      if (got.length === n) resolve(got);
    });
    w.once('error', reject);
  });
}

describe('worker threads started ahead of their use', () => {
  it.each([
    ['warm: the setup comes in the first message', true],
    ['cold: the setup comes as workerData', false],
  ])('%s; the thread answers it, then its messages, in order', async (_name, ahead) => {
    const before = { ...warmThreads };
    if (ahead) warm(ECHO, 1);
    const w = takeThread(ECHO, { table: 'bench', n: 1 });
    started.push(w);
    w.postMessage('a');
    w.postMessage('b');
    expect(await messages(w, 3)).toEqual([
      { setup: { table: 'bench', n: 1 } },
      { setup: { table: 'bench', n: 1 }, echo: 'a' },
      { setup: { table: 'bench', n: 1 }, echo: 'b' },
    ]);
    expect(warmThreads.started - before.started).toBe(ahead ? 1 : 0);
    expect(warmThreads.taken - before.taken).toBe(ahead ? 1 : 0);
  });

  it('each warm thread is taken once; then threads start when asked', async () => {
    warm(ECHO, 2);
    const before = warmThreads.taken;
    const ws = [1, 2, 3].map((n) => takeThread(ECHO, { n }));
    started.push(...ws);
    expect(warmThreads.taken - before).toBe(2);
    expect(warmWaiting(ECHO)).toBe(0);
    expect(new Set(ws).size).toBe(3);
    const firsts = await Promise.all(ws.map((w) => messages(w, 1)));
    expect(firsts.map((m) => m[0])).toEqual([{ setup: { n: 1 } }, { setup: { n: 2 } }, { setup: { n: 3 } }]);
  });

  it('releaseWarm ends the threads nobody took, and a later take starts a new one', async () => {
    warm(ECHO, 1);
    const before = warmThreads.taken;
    await releaseWarm();
    const w = takeThread(ECHO, { after: true });
    started.push(w);
    expect(warmThreads.taken).toBe(before);
    expect((await messages(w, 1))[0]).toEqual({ setup: { after: true } });
  });

  it('dropWarm ends the waiting threads of one kind only', async () => {
    warm(ECHO, 2);
    warm(BROKEN, 1);
    dropWarm(ECHO);
    expect(warmWaiting(ECHO)).toBe(0);
    expect(warmWaiting(BROKEN)).toBe(1);
    const before = warmThreads.taken;
    const w = takeThread(ECHO, { dropped: true });
    started.push(w);
    expect(warmThreads.taken).toBe(before);
    expect((await messages(w, 1))[0]).toEqual({ setup: { dropped: true } });
  });

  it('a warm thread that failed while waiting is not handed out; its failure is not an uncaught error', async () => {
    warm(BROKEN, 1);
    const before = warmThreads.taken;
    expect(warmWaiting(BROKEN)).toBe(1);
    await expect.poll(() => warmWaiting(BROKEN), { timeout: 20_000 }).toBe(0); // it fails as its module loads
    const w = takeThread(BROKEN, {});
    started.push(w);
    expect(warmThreads.taken).toBe(before); // a fresh thread, which fails in front of its caller
    const [err] = (await once(w, 'error')) as [Error];
    expect(err.message).toContain('broken on purpose');
  });

  it('a module that is not there (running from the sources) starts nothing ahead', () => {
    const before = warmThreads.started;
    warm(MISSING, 2);
    expect(warmThreads.started).toBe(before);
  });
});
