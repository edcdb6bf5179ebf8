/**
 * `satudata status` against the real CKAN (npm run test:ckan only: the hermetic vitest config
 * excludes *.real.test.ts; test/ckan/vitest.config.ts includes them). A member's token makes the
 * organization's private datasets count as present; without a token they are missing.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { action, loadCkanEnv, uniqueName } from '../ckan/env.js';
import { runCli } from './status-helpers.js';

const env = loadCkanEnv();
const org = env.member.org;
const names = { priv: uniqueName('status-privat'), pub: uniqueName('status-publik'), absent: uniqueName('status-belum') };
let register: string;

interface OrgDoc {
  name: string;
  expected: number;
  present: number;
  missing: { name: string }[];
  stale: { name: string }[];
  onPortal: boolean;
}

beforeAll(async () => {
  // The sysadmin creates them: a member may read private datasets but not create any.
  for (const [name, priv] of [
    [names.priv, true],
    [names.pub, false],
  ] as const) {
    const r = await action(env, 'package_create', {
      token: env.sysadmin.token,
      body: { name, title: `Status ${name}`, owner_org: org, private: priv, resources: [{ name: 'data', url: 'http://example.invalid/data.csv', format: 'CSV' }] },
    });
    expect(r.status, JSON.stringify(r.error)).toBe(200);
  }
  const dir = mkdtempSync(join(tmpdir(), 'status-real-'));
  register = join(dir, 'daftar.csv');
  writeFileSync(
    register,
    ['skpd,dataset,judul,frekuensi', `${org},${names.priv},Privat,tahunan`, `${org},${names.pub},Publik,bulanan`, `${org},${names.absent},Belum ada,tahunan`].join('\n') + '\n',
  );
});

async function auditOrg(token?: string): Promise<{ code: number; doc: { summary: Record<string, number>; organizations: OrgDoc[] }; stderr: string; stdout: string }> {
  const r = await runCli(['status', '--portal', env.url, '--register', register, '--org', org, '--json'], { env: token ? { SATUDATA_API_TOKEN: token } : {} });
  return { code: r.code, doc: JSON.parse(r.stdout), stderr: r.stderr, stdout: r.stdout };
}

describe('status against a real CKAN', () => {
  it('without a token the private dataset is missing', async () => {
    const { code, doc, stderr } = await auditOrg();
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const o = doc.organizations.find((x) => x.name === org)!;
    expect(o.onPortal).toBe(true);
    expect(o.expected).toBe(3);
    expect(o.present).toBe(1);
    expect(o.missing.map((m) => m.name).sort()).toEqual([names.absent, names.priv].sort());
    expect(o.stale).toEqual([]);
  });

  it("with the member's token the private dataset counts as present, and the token is never printed", async () => {
    const { code, doc, stdout, stderr } = await auditOrg(env.member.token);
    expect(stdout + stderr).not.toContain(env.member.token);
    expect(code).toBe(1);
    const o = doc.organizations.find((x) => x.name === org)!;
    expect(o.present).toBe(2);
    expect(o.missing.map((m) => m.name)).toEqual([names.absent]);
    expect(doc.summary).toMatchObject({ organizations: 1, expected: 3, present: 2, missing: 1, stale: 0 });
  });

  it('an organization of the register that the portal lacks is reported as not on the portal', async () => {
    const ghost = uniqueName('org-tidak-ada');
    const dir = mkdtempSync(join(tmpdir(), 'status-real-ghost-'));
    const file = join(dir, 'daftar.csv');
    writeFileSync(file, `skpd,dataset,judul,frekuensi\n${ghost},${names.pub},Publik,tahunan\n`);
    const r = await runCli(['status', '--portal', env.url, '--register', file, '--org', ghost, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).organizations).toEqual([
      {
        name: ghost,
        title: ghost,
        datasets: 0,
        expected: 1,
        present: 0,
        empty: [],
        missing: [{ name: names.pub, title: 'Publik', deleted: false, lastUpdate: null }],
        stale: [],
        unexpected: [],
        onPortal: false,
        lastUpdate: null,
      },
    ]);
  });
});

describe('status honest counts and --check-data against a real CKAN', () => {
  const eorg = env.editor.org;
  const n = { valid: uniqueName('status-valid'), invalid: uniqueName('status-invalid'), empty: uniqueName('status-kosong'), gone: uniqueName('status-dihapus') };
  let reg: string;
  let cacheDir: string;

  beforeAll(async () => {
    // A valid package, pushed with satudata push (schemas stored as push stores them).
    const { packageCopy, runCli: runPush } = await import('./push-helpers.js');
    const dir = packageCopy('kebakaran', n.valid);
    const pushed = await runPush(['push', '--portal', env.url, '--org', eorg, '--json'], { cwd: dir, env: { SATUDATA_API_TOKEN: env.editor.token } });
    expect(pushed.code, pushed.stderr).toBe(0);
    // An invalid one, forced in through the API: push would refuse it, a portal user need not use push.
    const created = await action(env, 'package_create', { token: env.editor.token, body: { name: n.invalid, title: 'Tidak valid', owner_org: eorg } });
    expect(created.status, JSON.stringify(created.error)).toBe(200);
    const form = new FormData();
    form.set('package_id', n.invalid);
    form.set('name', 'data');
    form.set('format', 'CSV');
    form.set('schema', JSON.stringify({ fields: [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah', type: 'integer' }] }));
    form.set('upload', new Blob(['kecamatan,jumlah\nMariso,dua belas\nTallo,4\n'], { type: 'text/csv' }), 'data.csv');
    const up = await action(env, 'resource_create', { token: env.editor.token, body: form });
    expect(up.status, JSON.stringify(up.error)).toBe(200);
    // Empty: private and without any resource (counted as present with a sysadmin token before).
    const empty = await action(env, 'package_create', { token: env.editor.token, body: { name: n.empty, owner_org: eorg, private: true } });
    expect(empty.status, JSON.stringify(empty.error)).toBe(200);
    // Published, then deleted.
    const gone = await action(env, 'package_create', { token: env.editor.token, body: { name: n.gone, owner_org: eorg, resources: [{ name: 'data', url: 'http://example.invalid/a.csv', format: 'CSV' }] } });
    expect(gone.status, JSON.stringify(gone.error)).toBe(200);
    expect((await action(env, 'package_delete', { token: env.editor.token, body: { id: n.gone } })).status).toBe(200);

    const d = mkdtempSync(join(tmpdir(), 'status-real-check-'));
    reg = join(d, 'daftar.csv');
    writeFileSync(reg, ['skpd,dataset,judul,frekuensi', ...Object.values(n).map((x) => `${eorg},${x},${x},tahunan`)].join('\n') + '\n');
    cacheDir = join(d, 'cache');
  });

  const audit = (...extra: string[]) =>
    runCli(['status', '--portal', env.url, '--register', reg, '--org', eorg, '--json', ...extra], { env: { SATUDATA_API_TOKEN: env.sysadmin.token, SATUDATA_CACHE_DIR: cacheDir } });

  it('a resource-less dataset is empty and a deleted one is deleted, with a sysadmin token', async () => {
    const r = await audit('--fail-on', 'missing');
    expect(r.code).toBe(1);
    const o = JSON.parse(r.stdout).organizations.find((x: { name: string }) => x.name === eorg);
    expect(o.present).toBe(2);
    expect(o.empty.map((e: { name: string }) => e.name)).toEqual([n.empty]);
    expect(o.missing).toEqual([{ name: n.gone, title: n.gone, deleted: true, lastUpdate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
  });

  it('--check-data downloads both, finds the forced one invalid with its first error, and a second run uses the cache', async () => {
    const r = await audit('--check-data', '--fail-on', 'never');
    expect(r.stdout + r.stderr).not.toContain(env.sysadmin.token);
    const o = JSON.parse(r.stdout).organizations.find((x: { name: string }) => x.name === eorg);
    expect(o.checked).toBe(3);
    expect(o.unchecked).toBe(0);
    expect(o.invalid).toEqual([{ name: n.invalid, resource: 'data', errors: 1, noSchema: false, firstErrors: [expect.stringMatching(/^baris 2, sel B2: nilai "dua belas" tidak sesuai tipe kolom/)] }]);
    expect(r.stderr).toMatch(/Pemeriksaan data: 3 sumber daya CSV\/XLSX, 3 diunduh/);
    const again = await audit('--check-data', '--fail-on', 'invalid');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Pemeriksaan data: 3 sumber daya CSV\/XLSX, 0 diunduh \(0 KiB\), 3 tidak berubah/);
  });
});
