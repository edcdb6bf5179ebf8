/**
 * push against a portal with ckanext-scheming (the fake CKAN's scheming mode with the shipped
 * templates/ckan/satudata_dataset.json): Satu Data fields travel top-level, a re-push is unchanged,
 * a change patches the top-level field, and the portal's required fields come back named as in
 * datapackage.json.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteAction, startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import type { FakeSchemingSchema } from '../fake-ckan/scheming.js';
import { editPackage, packageCopy, runCli, uniqueName } from './push-helpers.js';

const SCHEMA: FakeSchemingSchema = JSON.parse(readFileSync(new URL('../../templates/ckan/satudata_dataset.json', import.meta.url), 'utf8'));
const MANAGED = ['konsep', 'definisi', 'klasifikasi', 'ukuran', 'satuan', 'frekuensi_penerbitan', 'frekuensi_uri', 'tahun', 'cakupan', 'kode_wilayah', 'tingkat_penyajian', 'publisher', 'sumber_data'];

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan({ scheming: SCHEMA });
});
afterAll(async () => {
  await ckan.close();
});

async function push(dir: string, extra: string[] = []) {
  const before = ckan.calls.length;
  const r = await runCli(['push', '--portal', ckan.url, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
  const calls = ckan.calls.slice(before);
  return { ...r, calls: calls.map((c) => c.action), writes: calls.filter((c) => isWriteAction(c.action)).map((c) => c.action) };
}

const dataset = (name: string) => [...ckan.state.packages.values()].find((x) => x.name === name)!;

describe('satudata push to a portal with ckanext-scheming', () => {
  it('sends the Satu Data fields top-level, never as extras, and a re-push writes nothing', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.calls).toContain('scheming_dataset_schema_show');
    const p = dataset(name);
    expect(p).toMatchObject({ konsep: expect.stringMatching(/^Kejadian kebakaran adalah/), frekuensi_penerbitan: 'tahunan', tahun: '2024', tingkat_penyajian: 'kecamatan', ukuran: 'jumlah', publisher: 'Diskominfo Kota Makassar', sumber_data: 'Laporan kejadian Damkar', kode_wilayah: '73.71' });
    expect(p.extras.map((e) => e.key).filter((k) => MANAGED.includes(k))).toEqual([]);

    const again = await push(dir, ['--json']);
    expect(again.code).toBe(0);
    expect(again.writes).toEqual([]);
    expect(JSON.parse(again.stdout).dataset.action).toBe('unchanged');
  });

  it('a changed Satu Data field is patched top-level and named as in datapackage.json in the plan', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    editPackage(dir, (p) => {
      p.sdi.periode = '2023';
      delete p.sdi.klasifikasi;
    });
    const plan = await push(dir, ['--dry-run', '--json']);
    expect(plan.code).toBe(0);
    const diff = JSON.parse(plan.stdout).diff.dataset;
    expect(diff).toEqual(expect.arrayContaining([
      { field: 'sdi.periode', from: '2024', to: '2023' },
      { field: 'sdi.klasifikasi', from: 'Kecamatan', to: '' },
    ]));
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.writes).toEqual(['package_patch']);
    expect(dataset(name)).toMatchObject({ tahun: '2023', klasifikasi: '' });
    expect(dataset(name).extras.some((e) => e.key === 'tahun')).toBe(false);
    expect((await push(dir)).writes).toEqual([]);
  });

  it('a dataset pushed with extras before the portal had scheming: the fields move top-level, foreign extras stay', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    const plain = await startFakeCkan();
    try {
      expect((await runCli(['push', '--portal', plain.url], { cwd: dir, env: { SATUDATA_API_TOKEN: plain.tokens.editor } })).code).toBe(0);
      const old = [...plain.state.packages.values()].find((x) => x.name === name)!;
      // The same dataset on the portal once scheming is installed (shown as before: extras), plus a walidata's own extra.
      const p = ckan.state.packages;
      const org = ckan.state.org('org-a')!;
      p.set(old.id, { ...old, owner_org: org.id, resources: [], extras: [...old.extras, { key: 'catatan_walidata', value: 'diperiksa' }] });
    } finally {
      await plain.close();
    }
    const r = await push(dir, ['--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).dataset.action).toBe('updated');
    expect(dataset(name)).toMatchObject({ tahun: '2024', frekuensi_penerbitan: 'tahunan', extras: [{ key: 'catatan_walidata', value: 'diperiksa' }] });
    expect((await push(dir)).writes).toEqual([]);
  });

  it("a field the portal's schema requires and the package lacks: exit 3, named as in datapackage.json, nothing created", async () => {
    const strict = await startFakeCkan({
      scheming: { ...SCHEMA, dataset_fields: SCHEMA.dataset_fields.map((f) => (f.field_name === 'kode_wilayah' ? { ...f, required: true } : f)) },
    });
    try {
      const name = uniqueName('kebakaran');
      const dir = packageCopy('kebakaran', name);
      editPackage(dir, (p) => {
        delete p.sdi.kode_wilayah;
      });
      const r = await runCli(['push', '--portal', strict.url], { cwd: dir, env: { SATUDATA_API_TOKEN: strict.tokens.editor } });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/sdi\.kode_wilayah: Missing value/);
      expect([...strict.state.packages.values()].some((p) => p.name === name)).toBe(false);
    } finally {
      await strict.close();
    }
  });
});
