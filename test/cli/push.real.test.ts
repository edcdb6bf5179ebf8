/**
 * The push end-to-end tests against a real CKAN (run by test/ckan/run.sh with SATUDATA_CKAN_ENV; kept
 * out of the hermetic suite by the *.real.test.ts exclusion). Fault injection needs the fake and lives
 * in push.test.ts; here: create, no-op re-push, one-file re-upload, metadata patch, dry run, rights.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../src/portal/client.js';
import type { CkanEnv } from '../fake-ckan/server.js';
import { editPackage, packageCopy, pushLog, replaceFileElsewhere, runCli, uniqueName } from './push-helpers.js';

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

type Shown = {
  id: string;
  metadata_modified: string;
  private: boolean;
  resources: { id: string; name: string; satudata_name: string; metadata_modified: string; satudata_sha256: string; url: string; size: number; last_modified: string; satudata_last_modified: string }[];
};
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
    // CKAN shows `name` as the title: the human title, the package resource name in satudata_name.
    expect(created.resources.map((r) => [r.name, r.satudata_name])).toEqual([['Kejadian kebakaran per kecamatan', 'kebakaran'], ['Daftar kecamatan', 'kecamatan']]);
    expect(created.resources.every((r) => r.satudata_last_modified === r.last_modified)).toBe(true);
    const res = created.resources[0];
    const body = await (await fetch(res!.url)).text();
    expect(body).toBe(readFileSync(join(dir, 'kebakaran.csv'), 'utf8'));

    const second = await push(dir, ['--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).dataset.action).toBe('unchanged');
    expect((await show(name)).metadata_modified).toBe(created.metadata_modified);

    appendFileSync(join(dir, 'kebakaran.csv'), '73.71.06,Bontoala,2024,3\n');
    const third = await push(dir, ['--json']);
    expect(JSON.parse(third.stdout).resources.map((r: { action: string }) => r.action)).toEqual(['updated', 'unchanged']);
    const after = await show(name);
    expect(after.resources[0]?.satudata_sha256).not.toBe(res!.satudata_sha256);
    expect(after.resources[1]?.metadata_modified).toBe(created.resources[1]!.metadata_modified);

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

  it('drift: a file replaced on the portal by another route is uploaded again, and the push says so', async () => {
    const name = uniqueName('real-drift');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const before = await show(name);
    await replaceFileElsewhere(env.url, env.sysadmin.token, before.resources[0]!.id, 'kode,x\n1,2\n');
    const replaced = await show(name);
    expect(replaced.resources[0]?.satudata_sha256).toBe(before.resources[0]!.satudata_sha256);
    expect(replaced.resources[0]?.size).toBe(11);
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/resource kebakaran: the portal copy had been changed by another route \(size 11 B ≠ 173 B\); uploading it again/);
    const after = await show(name);
    expect(await (await fetch(after.resources[0]!.url, { headers: { Authorization: env.sysadmin.token } })).text()).toBe(readFileSync(join(dir, 'kebakaran.csv'), 'utf8'));
    const quiet = await push(dir, ['--json']);
    expect(JSON.parse(quiet.stdout).resources.map((x: { action: string }) => x.action)).toEqual(['unchanged', 'unchanged']);
    expect((await show(name)).metadata_modified).toBe(after.metadata_modified);
  });

  it('migrates a dataset pushed by an earlier version (name = package resource name) without duplicates', async () => {
    const name = uniqueName('real-migrate');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const first = await show(name);
    for (const r of first.resources) await admin.action('resource_patch', { id: r.id, name: r.satudata_name, satudata_name: '', satudata_last_modified: '' });
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    const after = await show(name);
    expect(after.resources.map((x) => [x.id, x.name, x.satudata_name])).toEqual(first.resources.map((x) => [x.id, x.name, x.satudata_name]));
    const quiet = await push(dir, ['--json']);
    expect(JSON.parse(quiet.stdout).dataset.action).toBe('unchanged');
    expect((await show(name)).metadata_modified).toBe(after.metadata_modified);
  });

  it("a first push refused by CKAN's max_resource_size (409) names the private, unfinished dataset; a smaller file finishes it", async () => {
    const name = uniqueName('real-toobig');
    const dir = packageCopy('kebakaran', name);
    writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify({ maxUploadMB: 50 }));
    const rows: string[] = [];
    for (let i = 0; i < 420_000; i++) rows.push(`73.71.${String(10 + (i % 80)).padStart(2, '0')},Kecamatan ${i},2024,${i % 50}`);
    const original = readFileSync(join(dir, 'kebakaran.csv'), 'utf8');
    appendFileSync(join(dir, 'kebakaran.csv'), rows.join('\n') + '\n');
    const failed = await push(dir);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(/File upload too large/);
    expect(failed.stderr).toMatch(new RegExp(`The dataset "${name}" was left private and unfinished on the portal \\(${env.url}/dataset/${name}\\)`));
    expect(failed.stderr).toMatch(/Fix the problem above and run "satudata push" again to finish it, or delete it on the portal/);
    expect((await show(name)).private).toBe(true);
    writeFileSync(join(dir, 'kebakaran.csv'), original);
    const fixed = await push(dir, ['--json']);
    expect(fixed.code).toBe(0);
    const done = await show(name);
    expect(done.private).toBe(false);
    expect(done.resources.map((x) => x.satudata_name)).toEqual(['kebakaran', 'kecamatan']);
  }, 120_000);
});

