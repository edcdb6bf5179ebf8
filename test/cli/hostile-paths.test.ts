/**
 * Hostile inputs, item 1 of the issue on hostile inputs: a data repository names files through its
 * descriptor; push must never publish a file outside the package (a symlink to /proc/self/environ or
 * to a credentials file), and publishes exactly the bytes validate checked.
 */
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteAction, startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { editPackage, packageCopy, runCli, uniqueName } from './push-helpers.js';

const FAKE_TOKEN = 'fake-stolen-token-7f3a9c';
let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan();
});
afterAll(async () => {
  await ckan.close();
});

/** Everything the portal now holds, as text: metadata of every dataset and every uploaded file. */
function portalText(): string {
  const files = [...ckan.state.files.values()].map((f) => f.bytes.toString('latin1')).join('\n');
  return JSON.stringify([...ckan.state.packages.values()]) + '\n' + files;
}

/** A credentials-like file outside the package, holding a fake token. */
function credentialsOutside(dir: string): string {
  const file = join(dir, '..', `creds-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ fields: [{ name: FAKE_TOKEN }], version: 1, portals: { x: { token: FAKE_TOKEN } } }));
  return file;
}

async function push(dir: string) {
  const before = ckan.calls.length;
  const env = { SATUDATA_API_TOKEN: ckan.tokens.editor };
  const r = await runCli(['push', '--portal', ckan.url, '--json'], { cwd: dir, env });
  const writes = ckan.calls.slice(before).filter((c) => isWriteAction(c.action));
  return { ...r, writes };
}

function expectNothingLeaked() {
  const text = portalText();
  expect(text).not.toContain(FAKE_TOKEN);
  expect(text).not.toContain('SATUDATA_API_TOKEN');
  expect(text).not.toContain(ckan.tokens.editor);
}

describe.runIf(process.platform !== 'win32')('push publishes only files inside the package', () => {
  it('"data\\\\b.csv" is data/b.csv, never a file literally named so that links to /proc/self/environ', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    mkdirSync(join(dir, 'data'));
    copyFileSync(join(dir, 'kebakaran.csv'), join(dir, 'data', 'b.csv'));
    symlinkSync('/proc/self/environ', join(dir, 'data\\b.csv'));
    editPackage(dir, (p) => {
      p.resources[0].path = 'data\\b.csv';
    });
    const r = await push(dir);
    expect(r.code, r.stderr).toBe(0);
    const res = [...ckan.state.packages.values()].find((p) => p.name === name)!.resources.find((x) => (x as Record<string, unknown>).satudata_name === 'kebakaran')!;
    expect(await (await fetch(res.url)).text()).toBe(readFileSync(join(dir, 'data', 'b.csv'), 'utf8'));
    expectNothingLeaked();
  });

  it('"schema": "data\\\\s.json" is data/s.json, never a link named so to a credentials file', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    mkdirSync(join(dir, 'data'));
    let inline: unknown;
    editPackage(dir, (p) => {
      inline = p.resources[0].schema;
      p.resources[0].schema = 'data\\s.json';
    });
    writeFileSync(join(dir, 'data', 's.json'), JSON.stringify(inline));
    symlinkSync(credentialsOutside(dir), join(dir, 'data\\s.json'));
    const r = await push(dir);
    expect(r.code, r.stderr).toBe(0);
    const res = [...ckan.state.packages.values()].find((p) => p.name === name)!.resources.find((x) => (x as Record<string, unknown>).satudata_name === 'kebakaran')!;
    expect(JSON.parse(String(res.schema))).toEqual(inline);
    expectNothingLeaked();
  });

  it.each([
    ['a data file linked to /proc/self/environ', (dir: string) => (symlinkSync('/proc/self/environ', join(dir, 'environ.csv')), { path: 'environ.csv' })],
    ['a data file linked outside the package', (dir: string) => (symlinkSync(credentialsOutside(dir), join(dir, 'leak.csv')), { path: 'leak.csv' })],
    ['a schema linked to a credentials file', (dir: string) => (symlinkSync(credentialsOutside(dir), join(dir, 's.json')), { schema: 's.json' })],
    ['a schema path leaving the package', (dir: string) => ({ schema: `../${credentialsOutside(dir).split('/').pop()}` })],
    ['an absolute schema path', (dir: string) => ({ schema: credentialsOutside(dir) })],
    ['a dialect linked to a credentials file', (dir: string) => (symlinkSync(credentialsOutside(dir), join(dir, 'd.json')), { dialect: 'd.json' })],
  ])('%s: refused, nothing is written to the portal', async (_what, attack) => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    const change = attack(dir);
    editPackage(dir, (p) => Object.assign(p.resources[0], change));
    const r = await push(dir);
    expect(r.code).toBe(1);
    expect(r.writes).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(FAKE_TOKEN);
    expect([...ckan.state.packages.values()].some((p) => p.name === name)).toBe(false);
    expectNothingLeaked();
  });
});

describe.runIf(process.platform !== 'win32')('a datapackage.json found in a folder belongs to it', () => {
  it.each(['push', 'metadata'])('%s: a datapackage.json linked to a file outside the folder is refused (exit 2)', async (cmd) => {
    const dir = packageCopy('kebakaran', uniqueName('kebakaran'));
    const outside = join(dir, '..', `pkg-${Math.random().toString(36).slice(2)}.json`);
    copyFileSync(join(dir, 'datapackage.json'), outside);
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'datapackage.json'));
    symlinkSync(outside, join(dir, 'datapackage.json'));
    const r = await runCli([cmd, '--portal', ckan.url, ...(cmd === 'metadata' ? ['--yes'] : [])], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/symbolic link/);
  });

  it('a FIFO named datapackage.json is refused at once, not read forever', async () => {
    const dir = packageCopy('kebakaran', uniqueName('kebakaran'));
    const { rmSync } = await import('node:fs');
    const { execFileSync } = await import('node:child_process');
    rmSync(join(dir, 'datapackage.json'));
    execFileSync('mkfifo', [join(dir, 'datapackage.json')]);
    const r = await runCli(['metadata', '--yes'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a regular file/);
  });
});
