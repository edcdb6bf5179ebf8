import { describe, expect, it } from 'vitest';
import {
  badFieldIds,
  datastoreFields,
  datastoreHash,
  datastoreType,
  dictionaryOf,
  primaryKeyOf,
  recordValue,
  rowsPart,
  sameColumns,
  type DatastorePlanInput,
  type DatastoreType,
} from '../../../src/portal/datastore-schema.js';
import type { Field } from '../../../src/schema/types.js';

describe('datastoreType: Table Schema type → DataStore column type', () => {
  it.each<[string | undefined, DatastoreType]>([
    ['integer', 'int8'],
    ['number', 'numeric'],
    ['boolean', 'bool'],
    ['date', 'date'],
    ['time', 'time'],
    ['datetime', 'timestamp'],
    ['object', 'json'],
    ['array', 'json'],
    ['string', 'text'],
    ['year', 'text'],
    ['yearmonth', 'text'],
    ['duration', 'text'],
    ['geopoint', 'text'],
    ['geojson', 'text'],
    ['list', 'text'],
    ['any', 'text'],
    [undefined, 'text'],
    ['', 'text'],
  ])('%s → %s', (type, expected) => {
    expect(datastoreType({ name: 'x', ...(type === undefined ? {} : { type }) } as Field)).toBe(expected);
  });
});

describe('dictionaryOf: the data dictionary entry', () => {
  it.each<[string, Partial<Field> & { unit?: string }, unknown]>([
    ['title and description', { title: 'Jumlah kios', description: 'Kios aktif.' }, { label: 'Jumlah kios', notes: 'Kios aktif.' }],
    ['with a unit: own key and a line of the notes', { title: 'Retribusi', description: 'Diterima.', unit: 'rupiah' }, { label: 'Retribusi', notes: 'Diterima.\n\nSatuan: rupiah', unit: 'rupiah' }],
    ['unit without description', { title: 'Luas', unit: 'km²' }, { label: 'Luas', notes: 'Satuan: km²', unit: 'km²' }],
    ['title only', { title: 'Nama' }, { label: 'Nama' }],
    ['description only', { description: 'Catatan petugas.' }, { notes: 'Catatan petugas.' }],
    ['blank texts are nothing', { title: '  ', description: '', unit: ' ' }, undefined],
    ['nothing', {}, undefined],
    ['trimmed', { title: ' Kode ' }, { label: 'Kode' }],
  ])('%s', (_what, f, expected) => {
    expect(dictionaryOf({ name: 'x', ...f } as Field)).toEqual(expected);
  });
});

describe('datastoreFields and primaryKeyOf', () => {
  it('one column per field, in order, with type and dictionary', () => {
    const fields = datastoreFields({ fields: [{ name: 'kode', type: 'string', title: 'Kode' }, { name: 'n', type: 'integer' }] });
    expect(fields).toEqual([{ id: 'kode', type: 'text', info: { label: 'Kode' } }, { id: 'n', type: 'int8' }]);
  });
  it.each<[unknown, string[]]>([
    [undefined, []],
    ['kode', ['kode']],
    [['a', 'b'], ['a', 'b']],
  ])('primaryKey %j → %j', (pk, expected) => {
    expect(primaryKeyOf({ fields: [], ...(pk === undefined ? {} : { primaryKey: pk as string[] }) })).toEqual(expected);
  });
});

describe('badFieldIds: names CKAN refuses', () => {
  it.each<[string, string | undefined]>([
    ['kode_kecamatan', undefined],
    ['Jumlah Penduduk', undefined],
    ['', 'empty'],
    ['_id', 'underscore'],
    ['a"b', 'quote'],
    [' kode', 'space'],
    ['kode\t', 'space'],
    ['ko\u0001de', 'control'],
    ['x'.repeat(63), undefined],
    ['x'.repeat(64), 'long'],
  ])('%j → %s', (id, reason) => {
    const bad = badFieldIds([{ id, type: 'text' }]);
    expect(bad.map((b) => b.reason)).toEqual(reason ? [reason] : []);
  });
  it('a name twice', () => {
    expect(badFieldIds([{ id: 'a', type: 'text' }, { id: 'a', type: 'int8' }])).toEqual([{ id: 'a', reason: 'duplicate' }]);
  });
});

describe('recordValue: a cast value as DataStore JSON', () => {
  it.each<[string, unknown, DatastoreType, unknown]>([
    ['missing', null, 'int8', null],
    ['integer', 412, 'int8', 412],
    ['big integer as text (exact)', 2n ** 63n - 1n, 'int8', '9223372036854775807'],
    ['decimal', 1250000.5, 'numeric', 1250000.5],
    ['NaN as text', NaN, 'numeric', 'NaN'],
    ['Infinity as text', Infinity, 'numeric', 'Infinity'],
    ['-Infinity as text', -Infinity, 'numeric', '-Infinity'],
    ['boolean', false, 'bool', false],
    ['date', '2024-01-05', 'date', '2024-01-05'],
    ['time', '10:30:00', 'time', '10:30:00'],
    ['naive datetime', '2024-01-05T10:30:00', 'timestamp', '2024-01-05T10:30:00'],
    ['UTC datetime loses its Z (already UTC)', '2024-01-05T02:30:00Z', 'timestamp', '2024-01-05T02:30:00'],
    ['object', { a: 1 }, 'json', { a: 1 }],
    ['array', [1, 'b'], 'json', [1, 'b']],
    ['string', 'Pasar Terong', 'text', 'Pasar Terong'],
    ['year in a text column', 2024, 'text', '2024'],
    ['geopoint in a text column', [119.4, -5.1], 'text', '[119.4,-5.1]'],
    ['boolean in a text column (any)', true, 'text', 'true'],
  ])('%s', (_what, v, type, expected) => {
    expect(recordValue(v, type)).toEqual(expected);
  });
});

describe('datastoreHash and sameColumns', () => {
  const base: DatastorePlanInput = {
    fields: [{ id: 'kode', type: 'text', info: { label: 'Kode' } }],
    primaryKey: ['kode'],
    schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode' }], primaryKey: ['kode'] },
    dialect: { delimiter: ';' },
    encoding: 'utf-8',
    format: 'csv',
    sha256: 'a'.repeat(64),
  };
  it.each<[string, Partial<DatastorePlanInput>]>([
    ['the data', { sha256: 'b'.repeat(64) }],
    ['a label', { fields: [{ id: 'kode', type: 'text', info: { label: 'Kode pasar' } }] }],
    ['a type', { fields: [{ id: 'kode', type: 'int8', info: { label: 'Kode' } }] }],
    ['the primary key', { primaryKey: [] }],
    ['the dialect', { dialect: { delimiter: ',' } }],
    ['the encoding', { encoding: 'windows-1252' }],
    ['a schema detail that changes casting', { schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode' }], primaryKey: ['kode'], missingValues: ['-'] } }],
  ])('changes when %s changes', (_what, change) => {
    expect(datastoreHash({ ...base, ...change })).not.toBe(datastoreHash(base));
  });
  it('is stable', () => {
    expect(datastoreHash({ ...base })).toBe(datastoreHash(base));
    expect(datastoreHash(base)).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
  });
  it.each<[string, Partial<DatastorePlanInput>, boolean]>([
    ['a label: dictionary only', { fields: [{ id: 'kode', type: 'text', info: { label: 'Kode pasar' } }], schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode pasar' }], primaryKey: ['kode'] } }, true],
    ['a description and a unit: dictionary only', { schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode', description: 'Kode register.', unit: 'kode' } as never], primaryKey: ['kode'] } }, true],
    ['the data: rows', { sha256: 'b'.repeat(64) }, false],
    ['a type: rows', { fields: [{ id: 'kode', type: 'int8', info: { label: 'Kode' } }] }, false],
    ['missing values: rows', { schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode' }], primaryKey: ['kode'], missingValues: ['-'] } }, false],
    ['a field format: rows', { schema: { fields: [{ name: 'kode', type: 'string', title: 'Kode', format: 'email' }], primaryKey: ['kode'] } }, false],
  ])('rows part unchanged by %s: %s', (_what, change, sameRows) => {
    expect(rowsPart(datastoreHash({ ...base, ...change })) === rowsPart(datastoreHash(base))).toBe(sameRows);
  });
  it.each<[string, { id: string; type: string }[], boolean]>([
    ['same columns (CKAN lists _id first)', [{ id: '_id', type: 'int' }, { id: 'kode', type: 'text' }, { id: 'n', type: 'int8' }], true],
    ['other type', [{ id: '_id', type: 'int' }, { id: 'kode', type: 'text' }, { id: 'n', type: 'numeric' }], false],
    ['other order', [{ id: 'n', type: 'int8' }, { id: 'kode', type: 'text' }], false],
    ['a column more', [{ id: 'kode', type: 'text' }, { id: 'n', type: 'int8' }, { id: 'x', type: 'text' }], false],
    ['a column less', [{ id: 'kode', type: 'text' }], false],
  ])('sameColumns: %s', (_what, shown, expected) => {
    expect(sameColumns(shown, [{ id: 'kode', type: 'text' }, { id: 'n', type: 'int8' }])).toBe(expected);
  });
});
