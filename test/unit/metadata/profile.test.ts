import { describe, expect, it } from 'vitest';
import { checkSatudataProfile, satudataProfileWarnings } from '../../../src/metadata/profile.js';
import type { DataPackage } from '../../../src/schema/types.js';
import { completePackage } from './complete-package.js';

type Mutate = (p: DataPackage) => void;
const sdi = (p: DataPackage) => p.sdi as Record<string, unknown>;
const maintainer = (p: DataPackage) => (p.contributors as Record<string, unknown>[])[1];
const field = (p: DataPackage, i: number) => (p.resources[0]!.schema as { fields: Record<string, unknown>[] }).fields[i];

describe('checkSatudataProfile', () => {
  it('passes a complete package', () => {
    expect(checkSatudataProfile(completePackage())).toEqual([]);
  });

  // One mandatory field removed at a time: exactly one error, naming that field.
  const missing: [string, Mutate][] = [
    ['title', (p) => delete p.title],
    ['description', (p) => (p.description = '   ')],
    ['sdi.organisasi', (p) => delete sdi(p).organisasi],
    ['sdi.konsep', (p) => delete sdi(p).konsep],
    ['sdi.definisi', (p) => delete sdi(p).definisi],
    ['sdi.ukuran', (p) => delete sdi(p).ukuran],
    ['sdi.satuan', (p) => delete sdi(p).satuan],
    ['sdi.frekuensi', (p) => delete sdi(p).frekuensi],
    ['sdi.periode', (p) => delete sdi(p).periode],
    ['sdi.cakupan', (p) => delete sdi(p).cakupan],
    ['sdi.tingkat_penyajian', (p) => delete sdi(p).tingkat_penyajian],
    ['licenses', (p) => (p.licenses = [])],
    ['contributors.maintainer.title', (p) => delete maintainer(p)!.title],
    ['contributors.maintainer.email', (p) => delete maintainer(p)!.email],
    ['resources.0.schema.fields.kecamatan.title', (p) => delete field(p, 0)!.title],
    ['resources.0.schema.fields.jumlah.unit', (p) => delete field(p, 1)!.unit],
  ];
  it.each(missing)('missing %s', (key, mutate) => {
    const pkg = completePackage();
    mutate(pkg);
    const errors = checkSatudataProfile(pkg);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'satudata-metadata', note: key });
    expect(errors[0]?.message).toContain(key);
    expect(errors[0]?.message).toContain('belum diisi');
  });

  it('counts a maintainer with v2 `roles`', () => {
    const pkg = completePackage();
    const m = maintainer(pkg);
    delete m!.role;
    m!.roles = ['maintainer'];
    expect(checkSatudataProfile(pkg)).toEqual([]);
  });

  it('a maintainer role is needed: an author e-mail is not a contact', () => {
    const pkg = completePackage();
    pkg.contributors = [{ title: 'Dinas', email: 'a@b.go.id', role: 'author' }];
    expect(checkSatudataProfile(pkg).map((e) => e.note)).toEqual(['contributors.maintainer.title', 'contributors.maintainer.email']);
  });

  it.each<[string, Mutate]>([
    ['contributors.maintainer.email', (p) => (maintainer(p)!.email = 'bukan-email')],
    ['sdi.frekuensi', (p) => (sdi(p).frekuensi = 'kadang-kadang')],
    ['sdi.periode', (p) => (sdi(p).periode = '2024/2019')],
    ['sdi.organisasi', (p) => (sdi(p).organisasi = 'Dinas Kesehatan')],
    ['name', (p) => (p.name = 'Bukan Slug')],
    ['keywords', (p) => (p.keywords = ['x'])],
  ])('invalid %s is reported', (key, mutate) => {
    const pkg = completePackage();
    mutate(pkg);
    const errors = checkSatudataProfile(pkg);
    expect(errors.map((e) => e.note)).toEqual([key]);
    expect(errors[0]?.message).toMatch(/tidak sah/);
  });

  it('reports every missing field of an empty package, in English on request', () => {
    const pkg: DataPackage = {
      resources: [{ name: 'r', path: 'r.csv', schema: { fields: [{ name: 'a' }, { name: 'b', title: 'B' }, { name: 'tahun', type: 'integer', title: 'Tahun' }, { name: 'jumlah', type: 'integer', title: 'Jumlah' }] } }],
    };
    const errors = checkSatudataProfile(pkg, { lang: 'en' });
    expect(errors.map((e) => e.note)).toEqual([
      'title', 'description', 'sdi.konsep', 'sdi.definisi', 'sdi.organisasi', 'licenses', 'sdi.frekuensi', 'sdi.periode',
      'sdi.cakupan', 'sdi.tingkat_penyajian', 'sdi.ukuran', 'sdi.satuan', 'contributors.maintainer.title', 'contributors.maintainer.email',
      'resources.0.schema.fields.a.title', 'resources.0.schema.fields.jumlah.unit',
    ]);
    expect(errors[0]).toMatchObject({ title: 'Satu Data Metadata', pointer: '/title', tags: ['#metadata', '#satudata'] });
    expect(errors[0]?.message).toBe('Mandatory metadata "title" (Dataset title) is missing');
    expect(errors[14]?.pointer).toBe('/resources/0/schema/fields/0/title');
  });

  it('does not read external schema files (the engine passes them loaded)', () => {
    const pkg = completePackage();
    pkg.resources[0]!.schema = 'schema.json';
    expect(checkSatudataProfile(pkg)).toEqual([]);
  });
});

describe('column dictionary: required, recommended', () => {
  const pkgWith = (fields: Record<string, unknown>[], extra: Record<string, unknown> = {}): DataPackage => {
    const pkg = completePackage();
    pkg.resources[0]!.schema = { fields, ...extra } as never;
    return pkg;
  };

  it.each<[string, Record<string, unknown>, Record<string, unknown>, boolean]>([
    ['an integer count', { name: 'jumlah_dokter', type: 'integer' }, {}, true],
    ['a number', { name: 'persentase', type: 'number' }, {}, true],
    ['a year column', { name: 'tahun', type: 'integer' }, {}, false],
    ['a code column', { name: 'kode_kecamatan', type: 'integer' }, {}, false],
    ['an id column', { name: 'puskesmas_id', type: 'integer' }, {}, false],
    ['a primary key', { name: 'nomor_register', type: 'integer' }, { primaryKey: ['nomor_register'] }, false],
    ['a foreign key', { name: 'wilayah', type: 'integer' }, { foreignKeys: [{ fields: 'wilayah', reference: { resource: 'x', fields: 'id' } }] }, false],
    ['text', { name: 'kecamatan', type: 'string' }, {}, false],
  ])('%s needs a unit: %s', (_n, f, extra, needsUnit) => {
    const pkg = pkgWith([{ ...f, title: 'Judul' }], extra);
    expect(checkSatudataProfile(pkg).map((e) => e.note)).toEqual(needsUnit ? [`resources.0.schema.fields.${String(f.name)}.unit`] : []);
  });

  it('a missing column description is a warning that lists the columns, not an error', () => {
    const pkg = pkgWith([{ name: 'kecamatan', type: 'string', title: 'Kecamatan' }, { name: 'jumlah', type: 'integer', title: 'Jumlah', unit: 'orang', description: 'Banyaknya.' }]);
    expect(checkSatudataProfile(pkg)).toEqual([]);
    const w = satudataProfileWarnings(pkg);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/^1 kolom belum punya deskripsi \(disarankan, tidak wajib\): kebakaran-2024\.kecamatan\./);
    expect(satudataProfileWarnings(completePackage())).toEqual([]);
  });

  it('a long list of columns without a description names the first 20 and counts the rest', () => {
    const fields = Array.from({ length: 23 }, (_, i) => ({ name: `k${i}`, type: 'string' as const, title: `K${i}` }));
    const [id] = satudataProfileWarnings(pkgWith(fields));
    expect(id).toContain('kebakaran-2024.k19, … dan 3 lainnya. Isi dengan');
    expect(id).not.toContain('k20');
    const [en] = satudataProfileWarnings(pkgWith(fields), { lang: 'en' });
    expect(en).toContain('kebakaran-2024.k19, … and 3 more. Fill them');
  });
});
