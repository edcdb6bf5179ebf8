/**
 * Hostile inputs, item 2: a repository's configuration must neither run code nor choose where a token
 * goes. An "attacker" HTTP server on 127.0.0.1 counts every request it receives.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli as runBinary } from '../helpers/cli.js';
import { packageCopy, runCli, uniqueName } from './push-helpers.js';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { writeCredential } from '../../src/config/credentials.js';

let attacker: Server;
let attackerUrl: string;
let hits: string[] = [];
let ckan: FakeCkan;

beforeAll(async () => {
  attacker = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, result: { id: 'x', name: 'x' } }));
  });
  await new Promise<void>((r) => attacker.listen(0, '127.0.0.1', r));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  ckan = await startFakeCkan();
});
afterAll(async () => {
  await new Promise((r) => attacker.close(r));
  await ckan.close();
});
beforeEach(() => {
  hits = [];
});

const SECRET = 'ghp_fakeGithubToken1234567890';
const API = 'satudata-env-token-abcdef';

function repoWith(config: object): string {
  const dir = packageCopy('kebakaran', uniqueName('kebakaran'));
  writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify(config));
  return dir;
}

describe("a repository's config never chooses where a token goes", () => {
  it.each([
    ['status', []],
    ['push', ['--dry-run']],
    ['push', []],
  ])('{portal: attacker, tokenEnv: GITHUB_TOKEN}: %s %j refuses (exit 2), nothing reaches the attacker', async (cmd, extra) => {
    const dir = repoWith({ portal: attackerUrl, tokenEnv: 'GITHUB_TOKEN' });
    const r = await runCli([cmd, ...extra], { cwd: dir, env: { GITHUB_TOKEN: SECRET, SATUDATA_API_TOKEN: API } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/"tokenEnv" is only read from your own configuration/);
    expect(hits).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
  });

  it.each([
    ['status', []],
    ['push', []],
  ])('{portal: attacker} with SATUDATA_API_TOKEN set: %s refuses (exit 2) and says how to fix', async (cmd, extra) => {
    const dir = repoWith({ portal: attackerUrl });
    const r = await runCli([cmd, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: API } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/named only by the repository's configuration/);
    expect(r.stderr).toMatch(/--portal|SATUDATA_PORTAL/);
    expect(hits).toEqual([]);
    expect(r.stdout + r.stderr).not.toContain(API);
  });

  it('the refusal is in Indonesian by default', async () => {
    const dir = repoWith({ portal: attackerUrl });
    const r = await runCli(['status'], { cwd: dir, env: { SATUDATA_API_TOKEN: API, SATUDATA_LANG: 'id' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hanya disebut oleh konfigurasi repositori/);
    expect(hits).toEqual([]);
  });

  it('login refuses to send a typed token to a portal only the repository named', async () => {
    const dir = repoWith({ portal: attackerUrl });
    const r = await runCli(['login'], { cwd: dir, stdin: `${API}\n` });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/satudata login --portal/);
    expect(hits).toEqual([]);
  });

  it('the same portal named by the user (--portal or SATUDATA_PORTAL) gets the token', async () => {
    const dir = repoWith({ portal: ckan.url });
    const flag = await runCli(['push', '--dry-run', '--portal', ckan.url], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
    expect(flag.code, flag.stderr).toBe(0);
    const env = await runCli(['push', '--dry-run'], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_PORTAL: ckan.url } });
    expect(env.code, env.stderr).toBe(0);
  });

  it("a portal in the user's own config, or the login stored for that portal, is trusted", async () => {
    const dir = repoWith({});
    mkdirSync(join(dir, '.user-config'), { recursive: true });
    writeFileSync(join(dir, '.user-config', 'config.json'), JSON.stringify({ portal: ckan.url }));
    const own = await runCli(['push', '--dry-run'], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
    expect(own.code, own.stderr).toBe(0);

    const repoNamed = repoWith({ portal: ckan.url });
    await writeCredential(join(repoNamed, '.user-config'), ckan.url, { token: ckan.tokens.editor, savedAt: 'now' });
    const stored = await runCli(['push', '--dry-run'], { cwd: repoNamed, env: { SATUDATA_API_TOKEN: 'not-for-this-portal' } });
    expect(stored.code, stored.stderr).toBe(0);
  });

  it('a portal URL with a password is refused and the password never printed', async () => {
    const dir = repoWith({});
    const url = ckan.url.replace('http://', 'http://officer:hunter2@');
    for (const cmd of [['status', '--portal', url], ['push', '--portal', url], ['login', '--portal', url], ['init', '--yes', '--portal', url]]) {
      const r = await runCli(cmd, { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor }, stdin: 'x\n' });
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
      expect(r.stderr).toContain('***@');
    }
  });
});

describe('a repository never runs code on `satudata validate` (the command CI runs on pull requests)', () => {
  it.each(['satudata.config.mjs', 'satudata.config.js', 'satudata.config.cjs'])('%s is not executed', async (file) => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-jsconfig-'));
    const marker = join(dir, 'PWNED');
    writeFileSync(join(dir, 'data.csv'), 'id,nama\n1,a\n');
    const code =
      file === 'satudata.config.mjs'
        ? `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'ran'); export default {};`
        : `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); module.exports = {};`;
    writeFileSync(join(dir, file), code);
    const r = await runBinary(['validate', 'data.csv'], { cwd: dir, env: { SATUDATA_CONFIG_DIR: join(dir, 'user') } });
    expect(existsSync(marker)).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/JavaScript/);
  });
});
