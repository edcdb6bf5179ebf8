import { describe, expect, it } from 'vitest';
import { applySets } from '../../../src/metadata/set.js';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import type { DataPackage } from '../../../src/schema/types.js';
import { completePackage } from './complete-package.js';

const bare = (): DataPackage => ({
  resources: [{ name: 'kebakaran-2024', path: 'k.csv', schema: { fields: [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah', type: 'integer' }] } }],
});

describe('applySets', () => {
  it.each([
    ['judul=Jumlah Penduduk', ['title'], 'Jumlah Penduduk'],
    ['deskripsi=Jumlah penduduk per kecamatan', ['description'], 'Jumlah penduduk per kecamatan'],
    ['frekuensi=Semesteran', ['sdi', 'frekuensi'], 'semesteran'],
    ['sdi.frekuensi=per tahun', ['sdi', 'frekuensi'], 'tahunan'],
    ['satuan=jiwa', ['sdi', 'satuan'], 'jiwa'],
    ['tahun=2019-2024', ['sdi', 'periode'], '2019/2024'],
    ['organisasi=dinas-kesehatan', ['sdi', 'organisasi'], 'dinas-kesehatan'],
    ['tingkat_penyajian=Kecamatan', ['sdi', 'tingkat_penyajian'], 'kecamatan'],
    ['ukuran=persen', ['sdi', 'ukuran'], 'persentase'],
    ['konsep=Penduduk adalah…', ['sdi', 'konsep'], 'Penduduk adalah…'],
    ['tags=kependudukan, dukcapil', ['keywords'], ['kependudukan', 'dukcapil']],
    ['sumber=Registrasi Dukcapil', ['sources'], [{ title: 'Registrasi Dukcapil' }]],
    ['lisensi=cc-by', ['licenses', '0', 'name'], 'CC-BY-4.0'],
    ['resources.0.schema.fields.kecamatan.title=Kecamatan', ['resources', '0', 'schema', 'fields', '0', 'title'], 'Kecamatan'],
    ['resources.kebakaran-2024.schema.fields.jumlah.deskripsi=Banyaknya kejadian', ['resources', '0', 'schema', 'fields', '1', 'description'], 'Banyaknya kejadian'],
    ['resources.0.schema.fields.1.satuan=kejadian', ['resources', '0', 'schema', 'fields', '1', 'unit'], 'kejadian'],
    ['resources.0.judul=Kebakaran 2024', ['resources', '0', 'title'], 'Kebakaran 2024'],
    ['title=a=b=c', ['title'], 'a=b=c'],
  ])('%s', (set, path, want) => {
    const pkg = bare();
    const r = applySets(pkg, [set]);
    expect(r.problems).toEqual([]);
    let cur: unknown = pkg;
    for (const k of path) cur = (cur as Record<string, unknown>)[k];
    expect(cur).toEqual(want);
  });

  it('writes the contact as a maintainer contributor and the DCAT frequency URI', () => {
    const pkg = bare();
    applySets(pkg, ['kontak=Andi', 'email=andi@makassarkota.go.id', 'frekuensi=bulanan']);
    expect(pkg.contributors).toEqual([{ title: 'Andi', role: 'maintainer', email: 'andi@makassarkota.go.id' }]);
    expect((pkg.sdi as Record<string, unknown>).frekuensi_uri).toBe('http://purl.org/cld/freq/monthly');
  });

  it.each([
    ['warna=biru', /unknown key "warna"/],
    ['judul', /KEY=VALUE/],
    ['email=bukan-email', /not a valid e-mail/],
    ['frekuensi=kadang', /frequency "kadang" is not known/],
    ['tahun=2024/2019', /runs backwards/],
    ['organisasi=Dinas Kesehatan', /lowercase/],
    ['judul=', /mandatory/],
    ['resources.9.title=x', /there is no resource "9"/],
    ['resources.0.schema.fields.tidak_ada.title=x', /there is no field "tidak_ada"/],
    ['resources.0.schema.fields.jumlah.warna=x', /only title/],
  ])('%s is refused and nothing is applied', (bad, reason) => {
    const pkg = bare();
    const before = JSON.stringify(pkg);
    const r = applySets(pkg, ['judul=Judul Yang Sah', bad, 'satuan=jiwa']);
    expect(r.applied).toEqual([]);
    expect(r.problems.map((p) => p.en).join('\n')).toMatch(reason);
    expect(JSON.stringify(pkg)).toBe(before);
  });

  it('lists every problem at once', () => {
    const r = applySets(bare(), ['warna=biru', 'email=x', 'frekuensi=kadang']);
    expect(r.problems).toHaveLength(3);
  });

  it('an empty value clears an optional field', () => {
    const pkg = completePackage();
    const r = applySets(pkg, ['kode_wilayah=', 'sumber=']);
    expect(r.problems).toEqual([]);
    expect((pkg.sdi as Record<string, unknown>).kode_wilayah).toBeUndefined();
    expect(pkg.sources).toBeUndefined();
    expect(checkSatudataProfile(pkg)).toEqual([]);
  });
});

describe('applySets: keys naming object machinery are refused (hostile inputs)', () => {
  it.each([
    'resources.0.__proto__=P',
    'resources.0.constructor=P',
    'resources.0.prototype=P',
    'resources.0.__PROTO__=P',
    'resources.__proto__.title=P',
    'resources.0.schema.fields.kecamatan.__proto__=P',
    'resources.0.schema.fields.kecamatan.constructor=P',
    '__proto__=P',
    'sdi.constructor=P',
    'constructor.prototype.polluted=P',
  ])('%s', (set) => {
    const pkg = bare();
    const before = JSON.stringify(pkg);
    const r = applySets(pkg, [set]);
    expect(r.applied).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.en).toMatch(/is not allowed in a key \(__proto__, constructor, prototype\)/);
    expect(r.problems[0]!.id).toMatch(/tidak boleh dipakai dalam kunci/);
    expect(JSON.stringify(pkg)).toBe(before);
    expect(JSON.stringify(pkg)).not.toContain('[object Object]');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a column named "constructor" can still be described', () => {
    const pkg: DataPackage = { resources: [{ name: 'r', path: 'r.csv', schema: { fields: [{ name: 'constructor', type: 'string' }] } }] };
    expect(applySets(pkg, ['resources.0.schema.fields.constructor.title=Kontraktor']).problems).toEqual([]);
    expect(pkg.resources[0]!.schema).toMatchObject({ fields: [{ name: 'constructor', title: 'Kontraktor' }] });
  });
});
