/**
 * login / logout end to end against a real CKAN (run by test/ckan/run.sh with SATUDATA_CKAN_ENV; kept
 * out of the hermetic suite by the *.real.test.ts exclusion): who the token belongs to and where it may
 * publish come from CKAN's own user_show and organization_list_for_user.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CkanEnv } from '../fake-ckan/server.js';
import { packageCopy, runCli, uniqueName } from './push-helpers.js';

let env: CkanEnv;
beforeAll(() => {
  const file = process.env.SATUDATA_CKAN_ENV;
  if (!file) throw new Error('SATUDATA_CKAN_ENV must name the real CKAN environment file (test/ckan/run.sh sets it)');
  env = JSON.parse(readFileSync(file, 'utf8')) as CkanEnv;
});

const credFile = (cwd: string) => join(cwd, '.user-config', 'credentials.json');

describe('satudata login / logout against a real CKAN', () => {
  it("the editor's token: shows the user and org-a, is stored, push uses it, logout removes it", async () => {
    const cwd = packageCopy('kebakaran', uniqueName('login-real'));
    const r = await runCli(['login', '--portal', env.url, '--json'], { cwd, stdin: `${env.editor.token}\n` });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ user: env.editor.name, organizations: [env.editor.org] });
    expect(r.stdout + r.stderr).not.toContain(env.editor.token);
    expect(existsSync(credFile(cwd))).toBe(true);

    const pushed = await runCli(['push', '--portal', env.url, '--org', env.editor.org, '--json'], { cwd });
    expect(pushed.code).toBe(0);
    expect(JSON.parse(pushed.stdout).dataset.action).toBe('created');

    expect((await runCli(['logout', '--portal', env.url], { cwd })).code).toBe(0);
    expect(existsSync(credFile(cwd))).toBe(false);
  });

  it("a member's token logs in but may publish nowhere; a bad token exits 2", async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-real-'));
    const member = await runCli(['login', '--portal', env.url, '--json'], { cwd, stdin: env.member.token });
    expect(member.code).toBe(0);
    expect(JSON.parse(member.stdout)).toMatchObject({ user: env.member.name, organizations: [] });
    const bad = await runCli(['login', '--portal', env.url], { cwd, stdin: 'not-a-real-token-0123456789' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not valid/);
  });
});
