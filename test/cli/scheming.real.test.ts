/**
 * push against the real CKAN with ckanext-scheming and the shipped Satu Data schema (env.schemingUrl,
 * the second server of test/ckan/start.sh): the Satu Data fields are stored top-level (package_show
 * shows them there, not in extras), the schema's labels are what the portal serves, a re-push is
 * unchanged, a change lands top-level.
 */
import { describe, expect, it } from 'vitest';
import { action, loadCkanEnv } from '../ckan/env.js';
import { editPackage, packageCopy, pushLog, runCli, uniqueName } from './push-helpers.js';

const env = loadCkanEnv();

async function push(dir: string, extra: string[] = []) {
  const r = await runCli(['push', '--portal', env.schemingUrl, '--org', env.editor.org, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: env.editor.token } });
  expect(r.stdout + r.stderr + pushLog(dir)).not.toContain(env.editor.token);
  return r;
}
const show = async (name: string) => (await action(env, 'package_show', { base: env.schemingUrl, token: env.editor.token, query: { id: name } })).result;

describe('satudata push to a real CKAN with ckanext-scheming', () => {
  it('stores the Satu Data fields top-level, re-pushes unchanged, and patches a changed field top-level', async () => {
    const name = uniqueName('real-scheming');
    const dir = packageCopy('kebakaran', name);
    const first = await push(dir, ['--json']);
    expect(first.stderr).not.toMatch(/Error|Galat/);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).dataset.action).toBe('created');
    const shown = await show(name);
    expect(shown).toMatchObject({ konsep: expect.stringMatching(/^Kejadian kebakaran adalah/), frekuensi_penerbitan: 'tahunan', tahun: '2024', tingkat_penyajian: 'kecamatan', ukuran: 'jumlah', satuan: 'kejadian', cakupan: 'Kota Makassar', kode_wilayah: '73.71', publisher: 'Diskominfo Kota Makassar', sumber_data: 'Laporan kejadian Damkar', frekuensi_uri: 'http://purl.org/cld/freq/annual' });
    expect((shown.extras ?? []).map((e: { key: string }) => e.key)).toEqual([]);

    const again = await push(dir, ['--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).dataset.action).toBe('unchanged');
    expect((await show(name)).metadata_modified).toBe(shown.metadata_modified);

    editPackage(dir, (p) => {
      p.sdi.periode = '2023';
    });
    const changed = await push(dir, ['--json']);
    expect(changed.code).toBe(0);
    expect(JSON.parse(changed.stdout).dataset.action).toBe('updated');
    const after = await show(name);
    expect(after.tahun).toBe('2023');
    expect(after.konsep).toBe(shown.konsep);
    expect((after.extras ?? []).length).toBe(0);
  });

  it('serves the Indonesian and English labels and choices of the shipped schema', async () => {
    const res = await action(env, 'scheming_dataset_schema_show', { base: env.schemingUrl, query: { type: 'dataset' } });
    const f = (n: string) => res.result.dataset_fields.find((x: { field_name: string }) => x.field_name === n);
    expect(f('frekuensi_penerbitan').label).toEqual({ id: 'Frekuensi penerbitan', en: 'Release frequency' });
    expect(f('frekuensi_penerbitan').required).toBe(true);
    expect(f('tingkat_penyajian').choices.map((c: { value: string }) => c.value)).toEqual(['kota', 'kecamatan', 'kelurahan', 'titik']);
    expect(f('konsep').help_text.id).toMatch(/Perpres 39\/2019/);
  });

  it('the dataset page shows the Indonesian labels (with /id/) and the English ones by default', async () => {
    const name = uniqueName('real-label');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const id = await (await fetch(`${env.schemingUrl}/id/dataset/${name}`)).text();
    expect(id).toContain('Frekuensi penerbitan');
    expect(id).toContain('Tahunan');
    const en = await (await fetch(`${env.schemingUrl}/dataset/${name}`)).text();
    expect(en).toContain('Release frequency');
    expect(en).toContain('Annual');
  });
});

describe('a portal that installs ckanext-scheming after datasets were pushed with extras', () => {
  it('the next push moves the Satu Data extras to the schema fields, keeps foreign extras, and is then unchanged', async () => {
    const name = uniqueName('real-migrate');
    const dir = packageCopy('kebakaran', name);
    // Before scheming: pushed through the plain server, Satu Data fields as extras; plus a foreign extra.
    const plain = await runCli(['push', '--portal', env.url, '--org', env.editor.org], { cwd: dir, env: { SATUDATA_API_TOKEN: env.editor.token } });
    expect(plain.code, plain.stderr).toBe(0);
    const before = (await action(env, 'package_show', { token: env.editor.token, query: { id: name } })).result;
    expect(before.extras.map((e: { key: string }) => e.key)).toContain('tahun');
    const patched = await action(env, 'package_patch', { token: env.editor.token, body: { id: name, extras: [...before.extras, { key: 'catatan_walidata', value: 'diperiksa' }] } });
    expect(patched.status).toBe(200);

    const moved = await push(dir, ['--json']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(JSON.parse(moved.stdout).dataset.action).toBe('updated');
    const after = await show(name);
    expect(after).toMatchObject({ tahun: '2024', frekuensi_penerbitan: 'tahunan', konsep: before.extras.find((e: { key: string }) => e.key === 'konsep').value });
    expect(after.extras).toEqual([{ key: 'catatan_walidata', value: 'diperiksa' }]);
    const again = await push(dir, ['--json']);
    expect(JSON.parse(again.stdout).dataset.action).toBe('unchanged');
  });
});
