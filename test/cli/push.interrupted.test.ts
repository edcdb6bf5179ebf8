/**
 * Issue 14, interrupted and concurrent runs, with real child processes of the built binary: a push
 * killed with SIGKILL in the middle of an upload leaves a private dataset (never public while
 * half-empty) and a stale lock; a second push started meanwhile refuses clearly; the next push takes the
 * stale lock over and finishes without duplicates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteAction, startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { packageCopy, runCli, uniqueName } from './push-helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'satudata.js');

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan();
});
afterAll(async () => {
  await ckan.close();
});

function child(dir: string, env: NodeJS.ProcessEnv = {}): { proc: ChildProcess; done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const proc = spawn(process.execPath, [BIN, 'push', '--portal', ckan.url], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, SATUDATA_LANG: 'en', SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_CONFIG_DIR: join(dir, '.user-config'), SATUDATA_RETRY_DELAY_MS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += String(c)));
  proc.stdout!.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => proc.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { proc, done };
}

async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('push interrupted by kill -9 during an upload, and a concurrent push', () => {
  it('refuses the concurrent run, stays private while half-empty, and the next push finishes without duplicates', async () => {
    const name = uniqueName('killed');
    const dir = packageCopy('kebakaran', name);
    // ~1.3 MB, so that the killed upload is really cut in the middle (socket buffers are smaller).
    const rows: string[] = [];
    for (let i = 0; i < 50_000; i++) rows.push(`73.71.${String(10 + (i % 80)).padStart(2, '0')},Kec ${i},2024,${i % 50}`);
    appendFileSync(join(dir, 'kebakaran.csv'), rows.join('\n') + '\n');

    // The portal takes the first upload and never reads it: the client is stuck mid-body.
    ckan.setFault({ action: 'resource_create', kind: 'stall', times: 1 });
    const before = ckan.calls.length;
    const a = child(dir);
    await until(() => ckan.calls.slice(before).some((c) => c.action === 'resource_create' && c.status === -3), 'the first upload to start');
    const lockFile = join(dir, '.satudata', 'push.lock');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(a.proc.pid);

    // A second push of the same package meanwhile: waits 1 s for the lock, then refuses clearly.
    const b = await child(dir, { SATUDATA_LOCK_WAIT_SECONDS: '1' }).done;
    expect(b.code).toBe(3);
    expect(b.stderr).toMatch(new RegExp(`Another push of this package is running \\(pid ${a.proc.pid} @`));
    expect(b.stderr).not.toMatch(/\n\s+at /);

    a.proc.kill('SIGKILL');
    const killed = await a.done;
    expect(killed.signal).toBe('SIGKILL');
    const half = [...ckan.state.packages.values()].filter((p) => p.name === name);
    expect(half).toHaveLength(1);
    expect(half[0]?.private).toBe(true); // never public while half-empty
    expect(half[0]?.resources).toHaveLength(0);
    expect(existsSync(lockFile)).toBe(true); // left behind by the killed process

    ckan.clearFaults();
    const c = await child(dir).done;
    expect(c.stderr).toMatch(new RegExp(`took over the lock left by an interrupted push \\(pid ${a.proc.pid}`));
    expect(c.code).toBe(0);
    const done = [...ckan.state.packages.values()].filter((p) => p.name === name);
    expect(done).toHaveLength(1);
    expect(done[0]?.private).toBe(false);
    expect(done[0]?.resources.map((r) => r.satudata_name).sort()).toEqual(['kebakaran', 'kecamatan']);
    const big = done[0]!.resources.find((r) => r.satudata_name === 'kebakaran')!;
    expect(ckan.state.files.get(big.id)!.bytes.equals(readFileSync(join(dir, 'kebakaran.csv')))).toBe(true);
    expect(existsSync(lockFile)).toBe(false);

    const calls = ckan.calls.length;
    const again = await runCli(['push', '--portal', ckan.url], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
    expect(again.code).toBe(0);
    expect(ckan.calls.slice(calls).filter((x) => isWriteAction(x.action))).toEqual([]);
  }, 90_000);

  it('two pushes of the same package started together: one publishes, the other waits for it and then writes nothing', async () => {
    const name = uniqueName('together');
    const dir = packageCopy('kebakaran', name);
    const [x, y] = await Promise.all([child(dir).done, child(dir).done]);
    expect([x.code, y.code]).toEqual([0, 0]);
    const found = [...ckan.state.packages.values()].filter((p) => p.name === name);
    expect(found).toHaveLength(1);
    expect(found[0]?.resources.map((r) => r.satudata_name).sort()).toEqual(['kebakaran', 'kecamatan']);
    expect(found[0]?.private).toBe(false);
  }, 60_000);
});
