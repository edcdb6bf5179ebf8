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
      { name: ghost, title: ghost, datasets: 0, expected: 1, present: 0, missing: [{ name: names.pub, title: 'Publik' }], stale: [], unexpected: [], onPortal: false, lastUpdate: null },
    ]);
  });
});
