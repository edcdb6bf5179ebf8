/**
 * Hostile inputs, the low items: prototype keys in --set, descriptors nested thousands deep, a corrupt
 * credentials store, a world-writable credentials folder, temp files left by kill -9.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';
import { runCli } from './push-helpers.js';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { credentialsPath, writeCredential } from '../../src/config/credentials.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'satudata-low-'));
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const posix = process.platform !== 'win32';

function pkgDir(pkg: string | object): string {
  const dir = fresh();
  writeFileSync(join(dir, 'datapackage.json'), typeof pkg === 'string' ? pkg : JSON.stringify(pkg));
  writeFileSync(join(dir, 'x.csv'), 'id\n1\n');
  return dir;
}

describe('metadata --set with keys naming object machinery', () => {
  it.each(['resources.0.__proto__=P', 'resources.0.constructor=P', 'resources.0.prototype=P'])('%s: refused (exit 2), file untouched', async (set) => {
    const dir = pkgDir({ name: 'x', resources: [{ name: 'x', path: 'x.csv', schema: { fields: [{ name: 'id' }] } }] });
    const before = readFileSync(join(dir, 'datapackage.json'), 'utf8');
    const r = await runInProcess(['--lang', 'en', 'metadata', '--yes', '--set', set], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not allowed in a key \(__proto__, constructor, prototype\)/);
    expect(readFileSync(join(dir, 'datapackage.json'), 'utf8')).toBe(before);
  });
});

describe('descriptors nested 5,000 deep', () => {
  const deep = `{"name":"x","resources":[{"name":"x","path":"x.csv"}],"extra":${nested(5000)}}`;

  it.each([
    [['metadata', '--yes'], 2],
    [['metadata', '--yes', '--set', 'judul=Jumlah Penduduk'], 2],
    [['template', '.', '-o', 'out.xlsx'], 2],
    [['validate', '.'], 1],
  ])('%j: a clear error (exit %i), no crash', async (args, code) => {
    const dir = pkgDir(deep);
    const r = await runInProcess(['--lang', 'en', ...args], { cwd: dir });
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout + r.stderr).toMatch(/nested more than 100 levels/);
    expect(r.stdout + r.stderr).not.toMatch(/Internal error|Maximum call stack/);
  });

  it('a schema file nested 5,000 deep is a schema-error', async () => {
    const dir = pkgDir({ name: 'x', resources: [{ name: 'x', path: 'x.csv', schema: 's.json' }] });
    writeFileSync(join(dir, 's.json'), `{"fields":[{"name":"id","constraints":{"enum":${nested(5000)}}}]}`);
    const r = await runInProcess(['--lang', 'en', 'validate', '.', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).tasks[0].errors[0]).toMatchObject({ type: 'schema-error', note: expect.stringMatching(/nested more than 100 levels/) });
  });

  it('a repository config nested 5,000 deep is a config error (exit 2)', async () => {
    const dir = pkgDir({ name: 'x', resources: [] });
    writeFileSync(join(dir, '.satudatarc.json'), `{"lang":"en","organization":${nested(5000)}}`);
    const r = await runInProcess(['validate', '.'], { cwd: dir, env: { SATUDATA_CONFIG_DIR: join(dir, 'user') } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bersarang lebih dari 100 tingkat|nested more than 100/);
  });
});

describe('the credentials store', () => {
  let ckan: FakeCkan;
  beforeAll(async () => {
    ckan = await startFakeCkan();
  });
  afterAll(async () => {
    await ckan.close();
  });

  it.each([
    ['not JSON', '{"version":1,"portals":{"https://a.id":{"token":"tok-a"'],
    ['no portals', '{"version":1}'],
    ['an entry without token', '{"version":1,"portals":{"https://a.id":{"user":"x"}}}'],
    ['nested 5,000 deep', `{"version":1,"portals":{"https://a.id":{"token":"tok-a"}},"x":${nested(5000)}}`],
  ])('corrupt (%s): login refuses clearly (exit 2), sends nothing, leaves the file as it is', async (_what, text) => {
    const dir = fresh();
    const store = join(dir, '.user-config');
    mkdirSync(store);
    writeFileSync(credentialsPath(store), text);
    const before = ckan.calls.length;
    const r = await runCli(['login', '--portal', ckan.url], { cwd: dir, stdin: `${ckan.tokens.editor}\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not a valid satudata credentials file/);
    expect(r.stderr).toMatch(/satudata login/);
    expect(readFileSync(credentialsPath(store), 'utf8')).toBe(text);
    expect(ckan.calls.length).toBe(before);
  });

  it('a good store keeps the other portals when one more logs in', async () => {
    const dir = fresh();
    const store = join(dir, '.user-config');
    await writeCredential(store, 'https://other.id', { token: 'tok-other', savedAt: 'x' });
    const r = await runCli(['login', '--portal', ckan.url], { cwd: dir, stdin: `${ckan.tokens.editor}\n` });
    expect(r.code, r.stderr).toBe(0);
    const saved = JSON.parse(readFileSync(credentialsPath(store), 'utf8'));
    expect(Object.keys(saved.portals).sort()).toEqual([ckan.url, 'https://other.id'].sort());
  });

  it.runIf(posix)('an existing folder with mode 0777 is tightened to 0700 when a token is written', async () => {
    const dir = fresh();
    const store = join(dir, '.user-config');
    mkdirSync(store);
    chmodSync(store, 0o777);
    const r = await runCli(['login', '--portal', ckan.url], { cwd: dir, stdin: `${ckan.tokens.editor}\n` });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o700);
    expect(statSync(credentialsPath(store)).mode & 0o777).toBe(0o600);
  });
});

describe('temp files of datapackage.json left by kill -9', () => {
  /** The pid of a process that has ended. */
  const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

  it('the next metadata run removes those of dead writers and keeps a live writer\'s', async () => {
    const dir = pkgDir({ name: 'x', title: 'X', resources: [{ name: 'x', path: 'x.csv', schema: { fields: [{ name: 'id' }] } }] });
    const stale = `.datapackage.json.${deadPid()}.${Date.now()}.tmp`;
    const old = `.datapackage.json.${process.pid + 1}.${Date.now() - 2 * 24 * 3600 * 1000}.tmp`;
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    const running = `.datapackage.json.${live.pid}.${Date.now()}.tmp`;
    for (const f of [stale, old, running]) writeFileSync(join(dir, f), 'x'.repeat(1_000_000));
    try {
      const r = await runInProcess(['--lang', 'en', 'metadata', '--yes', '--set', 'judul=Jumlah Penduduk'], { cwd: dir });
      expect(r.stderr).not.toMatch(/Internal error/);
      const left = readdirSync(dir).filter((f) => f.endsWith('.tmp'));
      expect(left).toEqual([running]);
      expect(existsSync(join(dir, stale))).toBe(false);
    } finally {
      live.kill();
    }
  });

  it.runIf(posix)('a metadata process killed with SIGKILL mid-run leaves nothing that the next run keeps', async () => {
    const dir = pkgDir({ name: 'x', title: 'X', resources: [{ name: 'x', path: 'x.csv', schema: { fields: [{ name: 'id' }] } }] });
    // The state kill -9 leaves at the worst moment: a temp file of a process that no longer exists.
    const child = spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(join(dir, '.datapackage.json.'))} + process.pid + '.' + Date.now() + '.tmp', 'x'.repeat(5e6)); process.kill(process.pid, 'SIGKILL')`]);
    expect(child.signal).toBe('SIGKILL');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toHaveLength(1);
    await runInProcess(['metadata', '--yes', '--set', 'judul=Jumlah Penduduk'], { cwd: dir });
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
