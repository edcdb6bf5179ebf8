import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { packageCopy, pushLog, runCli, uniqueName } from './push-helpers.js';

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan();
});
afterAll(async () => {
  await ckan.close();
});

const credFile = (cwd: string) => join(cwd, '.user-config', 'credentials.json');

describe('satudata login / logout', () => {
  it('verifies a token from stdin, shows who and where, stores it 0600; push then uses it; logout removes it', async () => {
    const cwd = packageCopy('kebakaran', uniqueName('login'));
    const token = ckan.tokens.editor;
    const r = await runCli(['login', '--portal', `${ckan.url}/`], { cwd, stdin: `${token}\n` });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ as fake-editor/);
    expect(r.stdout).toMatch(/- org-a/);
    expect(r.stdout + r.stderr).not.toContain(token);
    expect(JSON.parse(readFileSync(credFile(cwd), 'utf8')).portals[ckan.url].token).toBe(token);
    if (process.platform !== 'win32') expect(statSync(credFile(cwd)).mode & 0o777).toBe(0o600);

    const pushed = await runCli(['push', '--portal', ckan.url, '--json'], { cwd });
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout).dataset.action).toBe('created');
    expect(pushed.stdout + pushed.stderr + pushLog(cwd)).not.toContain(token);

    const out = await runCli(['logout', '--portal', ckan.url], { cwd });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/removed/);
    expect(existsSync(credFile(cwd))).toBe(false);
    const again = await runCli(['push', '--portal', ckan.url], { cwd });
    expect(again.code).toBe(2);
  });

  it('--json prints the identity only', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-'));
    const r = await runCli(['login', '--portal', ckan.url, '--json'], { cwd, stdin: ckan.tokens.member });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ portal: ckan.url, user: 'fake-member', organizations: [] });
  });

  it('an invalid token: exit 2, nothing stored, token not echoed', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-'));
    const bad = 'bad-token-0123456789';
    const r = await runCli(['login', '--portal', ckan.url], { cwd, stdin: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid/);
    // The message names where the token came from: here standard input, not the login store.
    expect(r.stderr).toContain('The API token (from standard input (stdin)) is not valid');
    expect(r.stdout + r.stderr).not.toContain(bad);
    expect(existsSync(credFile(cwd))).toBe(false);
  });

  it('an empty stdin or no portal: exit 2', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-'));
    expect((await runCli(['login', '--portal', ckan.url], { cwd, stdin: '\n' })).code).toBe(2);
    const noPortal = await runCli(['login'], { cwd, stdin: 'x' });
    expect(noPortal.code).toBe(2);
    expect(noPortal.stderr).toMatch(/portal/);
  });

  it('an unreachable portal: exit 3 with a network message', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-'));
    const r = await runCli(['login', '--portal', 'http://127.0.0.1:9'], { cwd, stdin: 'some-token-value' });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Cannot reach the portal 127\.0\.0\.1:9/);
  });
});

describe('after login', () => {
  it('the portal of the latest login is the default when nothing else names one', async () => {
    const cwd = packageCopy('kebakaran', uniqueName('login-default'));
    const before = await runCli(['push', '--dry-run'], { cwd, env: { SATUDATA_API_TOKEN: '' } });
    expect(before.code).toBe(2);
    expect(before.stderr).toContain('No portal URL is set.');
    expect(before.stderr).toContain('satudata login --portal');
    expect((await runCli(['login', '--portal', ckan.url], { cwd, stdin: ckan.tokens.editor })).code).toBe(0);
    const r = await runCli(['push', '--dry-run', '--json'], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).portal).toBe(ckan.url);
    const st = await runCli(['status', '--json', '--fail-on', 'never'], { cwd });
    expect(st.code, st.stderr).toBe(0);
  });

  it('logging in as another user on the same portal says so before replacing the token', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-'));
    expect((await runCli(['login', '--portal', ckan.url], { cwd, stdin: ckan.tokens.editor })).code).toBe(0);
    const same = await runCli(['login', '--portal', ckan.url], { cwd, stdin: ckan.tokens.editor });
    expect(same.stderr).not.toContain('belonged to');
    const other = await runCli(['login', '--portal', ckan.url], { cwd, stdin: ckan.tokens.member });
    expect(other.code).toBe(0);
    expect(other.stderr).toContain(`the token stored for ${ckan.url} belonged to fake-editor; it is replaced by the token of fake-member`);
    expect(JSON.parse(readFileSync(credFile(cwd), 'utf8')).portals[ckan.url].user).toBe('fake-member');
  });
});
