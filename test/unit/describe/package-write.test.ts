import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeResource, slug, upsertResource, writeResourceToPackage } from '../../../src/describe/package-write.js';
import type { Resource, Schema } from '../../../src/schema/types.js';

const fresh: Resource = {
  name: 'data',
  type: 'table',
  path: 'data.csv',
  format: 'csv',
  encoding: 'utf-8',
  dialect: { header: false, commentRows: [1] },
  schema: { fields: [{ name: 'a', type: 'integer', title: 'A' }, { name: 'b', type: 'string' }], missingValues: ['', '-'] },
};

describe('upsertResource / mergeResource', () => {
  it('creates a v2 package when there is none', () => {
    const pkg = upsertResource(undefined, fresh, 'laporan');
    expect(pkg).toEqual({ $schema: 'https://datapackage.org/profiles/2.0/datapackage.json', name: 'laporan', resources: [fresh] });
  });

  it.each(['data\\in\\file.csv', './data/in/file.csv', 'data//in/file.csv'])('%s is the same file as data/in/file.csv: updated, never a second resource', (old) => {
    const pkg = upsertResource({ name: 'p', resources: [{ name: 'mine', path: old }] }, { ...fresh, path: 'data/in/file.csv' }, 'x');
    expect(pkg.resources.map((r) => r.name)).toEqual(['mine']);
  });

  it('keeps other resources and package keys, and renames a clashing new resource', () => {
    const pkg = upsertResource({ name: 'p', title: 'T', resources: [{ name: 'data', path: 'lain.csv' }] }, fresh, 'x');
    expect(pkg.title).toBe('T');
    expect(pkg.resources.map((r) => r.name)).toEqual(['data', 'data-2']);
  });

  it('updates the resource with the same path, keeping the officer\'s metadata', () => {
    const old: Resource = {
      name: 'nama-saya', path: 'data.csv', title: 'Judul', description: 'desk', dialect: { headerRows: [3] },
      schema: { fields: [{ name: 'a', type: 'number', description: 'jumlah', constraints: { minimum: 0 } }], primaryKey: ['a'] },
    };
    const merged = mergeResource(old, fresh);
    expect(merged).toMatchObject({ name: 'nama-saya', title: 'Judul', description: 'desk', dialect: fresh.dialect, format: 'csv' });
    expect(merged.schema).toEqual({
      fields: [{ name: 'a', type: 'integer', title: 'A', description: 'jumlah', constraints: { minimum: 0 } }, { name: 'b', type: 'string' }],
      primaryKey: ['a'],
      missingValues: ['', '-'],
    });
  });

  it('carries the officer\'s text and keys over to fields now named by their labels (packages written before)', () => {
    const old: Resource = {
      name: 'wilayah', path: 'w.csv', dialect: { header: false, commentRows: [1] },
      schema: {
        fields: [{ name: 'kode_wilayah', type: 'string', title: 'Kode Wilayah', description: 'kode Kemendagri' }, { name: 'nama', type: 'string', description: 'nama resmi' }],
        primaryKey: ['kode_wilayah'],
      },
    };
    const other: Resource = { name: 'lain', path: 'l.csv', schema: { fields: [{ name: 'kw', type: 'string' }], foreignKeys: [{ fields: ['kw'], reference: { resource: 'wilayah', fields: ['kode_wilayah'] } }] } };
    const now: Resource = { name: 'wilayah', type: 'table', path: 'w.csv', format: 'csv', schema: { fields: [{ name: 'Kode Wilayah', type: 'string' }, { name: 'nama', type: 'string' }], missingValues: [''] } };
    const pkg = upsertResource({ name: 'p', resources: [old, other] }, now, 'p');
    const schema = pkg.resources[0]!.schema as Schema;
    expect(schema.fields).toEqual([{ name: 'Kode Wilayah', type: 'string', title: 'Kode Wilayah', description: 'kode Kemendagri' }, { name: 'nama', type: 'string', description: 'nama resmi' }]);
    expect(schema.primaryKey).toEqual(['Kode Wilayah']);
    expect((pkg.resources[1]!.schema as Schema).foreignKeys).toEqual([{ fields: ['kw'], reference: { resource: 'wilayah', fields: ['Kode Wilayah'] } }]);
  });

  it('leaves a schema kept in its own file alone', () => {
    const merged = mergeResource({ name: 'd', path: 'data.csv', schema: 'schema.json' }, fresh);
    expect(merged.schema).toBe('schema.json');
  });

  it('slugs names', () => {
    expect(slug('Data Kebakaran 2023 (Final)')).toBe('data-kebakaran-2023-final');
  });
});

describe('writeResourceToPackage', () => {
  it('writes atomically and leaves no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'satudata-pkg-'));
    try {
      await writeFile(join(dir, 'datapackage.json'), JSON.stringify({ name: 'p', keywords: ['x'], resources: [] }));
      const r = await writeResourceToPackage(dir, fresh);
      expect(r.created).toBe(false);
      const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
      expect(pkg).toEqual({ name: 'p', keywords: ['x'], resources: [fresh] });
      expect(await readdir(dir)).toEqual(['datapackage.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
