import { describe, expect, it } from 'vitest';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import type { DataPackage } from '../../../src/schema/types.js';
import { completePackage } from './complete-package.js';

type Mutate = (p: DataPackage) => void;
const sdi = (p: DataPackage) => p.sdi as Record<string, unknown>;
const maintainer = (p: DataPackage) => (p.contributors as Record<string, unknown>[])[1];
const field = (p: DataPackage, i: number) => (p.resources[0].schema as { fields: Record<string, unknown>[] }).fields[i];

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
    ['contributors.maintainer.title', (p) => delete maintainer(p).title],
    ['contributors.maintainer.email', (p) => delete maintainer(p).email],
    ['resources.0.schema.fields.kecamatan.title', (p) => delete field(p, 0).title],
    ['resources.0.schema.fields.jumlah.description', (p) => delete field(p, 1).description],
  ];
  it.each(missing)('missing %s', (key, mutate) => {
    const pkg = completePackage();
    mutate(pkg);
    const errors = checkSatudataProfile(pkg);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ type: 'satudata-metadata', note: key });
    expect(errors[0].message).toContain(key);
    expect(errors[0].message).toContain('belum diisi');
  });

  it('counts a maintainer with v2 `roles`', () => {
    const pkg = completePackage();
    const m = maintainer(pkg);
    delete m.role;
    m.roles = ['maintainer'];
    expect(checkSatudataProfile(pkg)).toEqual([]);
  });

  it('a maintainer role is needed: an author e-mail is not a contact', () => {
    const pkg = completePackage();
    pkg.contributors = [{ title: 'Dinas', email: 'a@b.go.id', role: 'author' }];
    expect(checkSatudataProfile(pkg).map((e) => e.note)).toEqual(['contributors.maintainer.title', 'contributors.maintainer.email']);
  });

  it.each<[string, Mutate]>([
    ['contributors.maintainer.email', (p) => (maintainer(p).email = 'bukan-email')],
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
    expect(errors[0].message).toMatch(/tidak sah/);
  });

  it('reports every missing field of an empty package, in English on request', () => {
    const pkg: DataPackage = {
      resources: [{ name: 'r', path: 'r.csv', schema: { fields: [{ name: 'a' }, { name: 'b', title: 'B' }] } }],
    };
    const errors = checkSatudataProfile(pkg, { lang: 'en' });
    expect(errors.map((e) => e.note)).toEqual([
      'title', 'description', 'sdi.konsep', 'sdi.definisi', 'sdi.organisasi', 'licenses', 'sdi.frekuensi', 'sdi.periode',
      'sdi.cakupan', 'sdi.tingkat_penyajian', 'sdi.ukuran', 'sdi.satuan', 'contributors.maintainer.title', 'contributors.maintainer.email',
      'resources.0.schema.fields.a.title', 'resources.0.schema.fields.a.description', 'resources.0.schema.fields.b.description',
    ]);
    expect(errors[0]).toMatchObject({ title: 'Satu Data Metadata', pointer: '/title', tags: ['#metadata', '#satudata'] });
    expect(errors[0].message).toBe('Mandatory metadata "title" (Dataset title) is missing');
    expect(errors[14].pointer).toBe('/resources/0/schema/fields/0/title');
  });

  it('does not read external schema files (the engine passes them loaded)', () => {
    const pkg = completePackage();
    pkg.resources[0].schema = 'schema.json';
    expect(checkSatudataProfile(pkg)).toEqual([]);
  });
});
