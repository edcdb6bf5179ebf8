/**
 * The push end-to-end tests against a real CKAN (run by test/ckan/run.sh with SATUDATA_CKAN_ENV; kept
 * out of the hermetic suite by the *.real.test.ts exclusion). Fault injection needs the fake and lives
 * in push.test.ts; here: create, no-op re-push, one-file re-upload, metadata patch, dry run, rights.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../src/portal/client.js';
import type { CkanEnv } from '../fake-ckan/server.js';
import { editPackage, packageCopy, pushLog, runCli, uniqueName } from './push-helpers.js';

let env: CkanEnv;
let admin: CkanClient;
beforeAll(() => {
  const file = process.env.SATUDATA_CKAN_ENV;
  if (!file) throw new Error('SATUDATA_CKAN_ENV must name the real CKAN environment file (test/ckan/run.sh sets it)');
  env = JSON.parse(readFileSync(file, 'utf8')) as CkanEnv;
  admin = new CkanClient({ portal: env.url, token: env.sysadmin.token, env: {}, lang: 'en' });
});
afterAll(async () => {
  await admin?.close();
});

type Shown = { metadata_modified: string; private: boolean; resources: { name: string; metadata_modified: string; satudata_sha256: string; url: string }[] };
const show = (name: string) => admin.action<Shown>('package_show', { id: name });

async function push(dir: string, extra: string[] = [], token = env.editor.token) {
  const r = await runCli(['push', '--portal', env.url, '--org', env.editor.org, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: token } });
  for (const t of [env.editor.token, env.member.token, env.sysadmin.token]) expect(r.stdout + r.stderr + pushLog(dir)).not.toContain(t);
  return r;
}

describe('satudata push against a real CKAN', () => {
  it('creates, then re-pushes without writing, re-uploads one changed file, patches metadata', async () => {
    const name = uniqueName('real-push');
    const dir = packageCopy('kebakaran', name);
    const dry = await push(dir, ['--dry-run', '--json']);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout).dataset.action).toBe('created');
    await expect(show(name)).rejects.toThrow();

    const first = await push(dir, ['--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).dataset.action).toBe('created');
    const created = await show(name);
    expect(created.private).toBe(false);
    expect(created.resources.map((r) => r.name)).toEqual(['kebakaran', 'kecamatan']);
    const res = created.resources[0];
    const body = await (await fetch(res.url)).text();
    expect(body).toBe(readFileSync(join(dir, 'kebakaran.csv'), 'utf8'));

    const second = await push(dir, ['--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).dataset.action).toBe('unchanged');
    expect((await show(name)).metadata_modified).toBe(created.metadata_modified);

    appendFileSync(join(dir, 'kebakaran.csv'), '73.71.06,Bontoala,2024,3\n');
    const third = await push(dir, ['--json']);
    expect(JSON.parse(third.stdout).resources.map((r: { action: string }) => r.action)).toEqual(['updated', 'unchanged']);
    const after = await show(name);
    expect(after.resources[0].satudata_sha256).not.toBe(res.satudata_sha256);
    expect(after.resources[1].metadata_modified).toBe(created.resources[1].metadata_modified);

    editPackage(dir, (p) => {
      p.title = 'Judul baru';
    });
    const fourth = await push(dir, ['--json']);
    expect(JSON.parse(fourth.stdout).dataset.action).toBe('updated');
    expect(JSON.parse(fourth.stdout).resources.map((r: { action: string }) => r.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('a member token exits 3 (no rights); a bad token exits 2', async () => {
    const dir = packageCopy('kebakaran', uniqueName('real-rights'));
    const member = await push(dir, [], env.member.token);
    expect(member.code).toBe(3);
    expect(member.stderr).toMatch(/no right to publish/);
    const bad = await push(dir, [], 'not-a-valid-token-abcdef');
    expect(bad.code).toBe(2);
  });
});
