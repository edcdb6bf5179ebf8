import { describe, expect, it } from 'vitest';
import { licenseToCkan, packageFieldOf, resolveOrganization, SDI_EXTRAS, toCkanDataset, toCkanResource } from '../../../src/ckan/mapping.js';
import { checkCkanDataset, checkDatasetName, checkTag } from '../../../src/ckan/rules.js';
import type { DataPackage } from '../../../src/schema/types.js';

const pkg = (extra: Record<string, unknown> = {}): DataPackage => ({
  name: 'kebakaran-2024',
  title: 'Kebakaran',
  description: 'Jumlah kejadian',
  keywords: ['kebakaran', 'kebakaran', 'damkar'],
  licenses: [{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' }],
  contributors: [
    { title: 'Damkar', role: 'author', email: 'a@x.go.id' },
    { title: 'Seksi Data', email: 'data@x.go.id', role: 'maintainer' },
    { title: 'Diskominfo', role: 'publisher' },
  ],
  sources: [{ title: 'Laporan A' }, { title: 'Laporan B' }],
  sdi: { organisasi: 'damkar', frekuensi: 'tahunan', periode: 2024, satuan: 'kejadian', cakupan: 'Kota Makassar', klasifikasi_akses: 'terbuka' },
  resources: [{ name: 'data', path: 'data.csv' }],
  ...extra,
});

describe('toCkanDataset (satu-data.md §2.4)', () => {
  it('maps every field to its CKAN place, extras as strings', () => {
    const d = toCkanDataset(pkg(), 'damkar');
    expect(d).toMatchObject({
      name: 'kebakaran-2024', title: 'Kebakaran', notes: 'Jumlah kejadian', owner_org: 'damkar', license_id: 'cc-by', private: false,
      author: 'Damkar', author_email: 'a@x.go.id', maintainer: 'Seksi Data', maintainer_email: 'data@x.go.id',
    });
    expect(d.tags).toEqual([{ name: 'kebakaran' }, { name: 'damkar' }]);
    expect(Object.fromEntries(d.extras.map((e) => [e.key, e.value]))).toEqual({
      frekuensi_penerbitan: 'tahunan', tahun: '2024', satuan: 'kejadian', cakupan: 'Kota Makassar', klasifikasi_akses: 'terbuka',
      publisher: 'Diskominfo', sumber_data: 'Laporan A; Laporan B',
    });
  });

  it.each([
    ['terbuka', false],
    ['terbatas', true],
    ['tertutup', true],
    [undefined, false],
  ])('klasifikasi_akses %s → private %s', (access, priv) => {
    expect(toCkanDataset(pkg({ sdi: { klasifikasi_akses: access } }), 'o').private).toBe(priv);
  });

  it.each([
    [{ name: 'CC-BY-4.0' }, 'cc-by'],
    [{ name: 'cc0-1.0' }, 'cc-zero'],
    [{ name: 'ODbL-1.0' }, 'odc-odbl'],
    [{ name: 'x', path: 'http://creativecommons.org/licenses/by-sa/4.0' }, 'cc-by-sa'],
    [{ name: 'other-open' }, 'other-open'],
    [undefined, ''],
  ])('licence %j → %s', (lic, id) => expect(licenseToCkan(lic)).toBe(id));

  it('exports every sdi key with its CKAN extra name', () => {
    const byKey = Object.fromEntries(SDI_EXTRAS.map((e) => [e.sdi, e.extra]));
    expect(byKey).toMatchObject({ frekuensi: 'frekuensi_penerbitan', periode: 'tahun', cakupan: 'cakupan', satuan: 'satuan', tingkat_penyajian: 'tingkat_penyajian' });
  });
});

describe('resolveOrganization precedence: --org > SATUDATA_ORG > sdi.organisasi > config', () => {
  it.each([
    ['flag', { SATUDATA_ORG: 'env' }, 'cfg', 'flag', '--org'],
    [undefined, { SATUDATA_ORG: 'env' }, 'cfg', 'env', 'SATUDATA_ORG'],
    [undefined, {}, 'cfg', 'damkar', 'sdi.organisasi'],
  ])('flag=%s env=%j config=%s → %s', (flag, env, cfg, org, from) => {
    expect(resolveOrganization(pkg(), flag, env, cfg)).toEqual({ org, from });
  });
  it('falls back to the config', () => {
    expect(resolveOrganization(pkg({ sdi: {} }), undefined, {}, 'cfg')).toEqual({ org: 'cfg', from: 'organization (config)' });
    expect(resolveOrganization(pkg({ sdi: {} }), undefined, {}, undefined)).toBeUndefined();
  });
});

describe('toCkanResource', () => {
  it.each([
    [{ name: 'a', path: 'data/a.csv' }, { format: 'CSV', mimetype: 'text/csv', localPath: 'data/a.csv' }],
    [{ name: 'b', path: 'b.xlsx', mediatype: 'application/x-custom' }, { format: 'XLSX', mimetype: 'application/x-custom' }],
    [{ name: 'c', path: 'https://x.id/c.json' }, { format: 'JSON', url: 'https://x.id/c.json' }],
  ])('%j', (res, expected) => expect(toCkanResource(res)).toMatchObject(expected));
  it('keeps the Table Schema as JSON', () => {
    expect(JSON.parse(toCkanResource({ name: 'a', path: 'a.csv', schema: { fields: [{ name: 'x' }] } }).schema)).toEqual({ fields: [{ name: 'x' }] });
  });
});

describe('packageFieldOf: CKAN field → datapackage.json field', () => {
  it.each([
    ['name', 'name'],
    ['notes', 'description'],
    ['owner_org', 'sdi.organisasi'],
    ['tags[2]', 'keywords[2]'],
    ['extras.tahun', 'sdi.periode'],
    ['extras.frekuensi_penerbitan', 'sdi.frekuensi'],
    ['extras.sumber_data', 'sources'],
    ['maintainer_email', 'contributors[role=maintainer].email'],
    ['license_id', 'licenses[0].name'],
  ])('%s → %s', (ckan, dp) => expect(packageFieldOf(ckan)).toBe(dp));
});

describe('CKAN rules pre-check (ckan-api.md §5)', () => {
  it.each([
    ['ok-name_1', 0],
    ['a', 1],
    ['new', 1],
    ['edit', 1],
    ['Has Space', 1],
    ['x'.repeat(101), 1],
    ['UP', 1],
    ['', 1],
  ])('name %s → %i problem(s)', (name, n) => expect(checkDatasetName(name, 'en')).toHaveLength(n));

  it.each([
    ['kebakaran', 0],
    ['lalu lintas', 0],
    ['v1.2_x-y', 0],
    ['x', 1],
    ['a/b', 1],
    ['a,b', 1],
    ['(x)', 1],
    ['ḍata ñ', 0],
  ])('tag %s → %i problem(s)', (tag, n) => expect(checkTag(tag, 'en')).toHaveLength(n));

  it('reports all violations at once, in the user language, mapped to datapackage fields', () => {
    const d = toCkanDataset(pkg({ name: 'search', keywords: ['x', 'ok', 'a&b'], licenses: [] }), '');
    d.extras.push({ key: 'title', value: 'x' }, { key: 'satuan', value: 'again' });
    d.author_email = 'nope';
    const v = checkCkanDataset(d, [{ name: 'data', description: '', format: 'CSV', mimetype: 'text/csv', schema: '', localPath: 'a.csv' }, { name: 'data', description: '', format: '', mimetype: '', schema: '' }], 'id');
    const fields = v.map((x) => x.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'sdi.organisasi', 'licenses[0]', 'keywords[0]', 'keywords[2]', 'sdi.title', 'sdi.satuan', 'contributors[role=author].email', 'resources[1].name', 'resources[1].path']));
    expect(v.find((x) => x.field === 'name')!.message).toMatch(/tidak boleh dipakai/);
  });

  it('checks the licence against the portal list when known', () => {
    const d = toCkanDataset(pkg(), 'damkar');
    const res = [{ name: 'data', description: '', format: 'CSV', mimetype: 'text/csv', schema: '', localPath: 'a.csv' }];
    expect(checkCkanDataset(d, res, 'en', ['cc-by', 'odc-odbl'])).toEqual([]);
    expect(checkCkanDataset(d, res, 'en', ['odc-odbl'])).toEqual([{ field: 'licenses[0]', message: expect.stringMatching(/not in the portal's licence list/) }]);
  });
});
