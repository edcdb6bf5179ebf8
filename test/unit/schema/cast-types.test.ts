/**
 * Lexical rules per type and format. Cases marked [fl] were compared with frictionless-py 5.21
 * (`Field.read_cell`), run on the same strings; X means fl-py gives a type error.
 */
import { describe, expect, it } from 'vitest';
import { compileField, INVALID } from '../../../src/schema/cast.js';
import type { Field } from '../../../src/schema/types.js';
import { CellFault } from '../../../src/table/types.js';

const X = INVALID;
type Case = [string, string, unknown, unknown, Partial<Field>?];

const cases: Case[] = [
  // [fl] time/default
  ['time', 'default', '10:00:00', '10:00:00'], ['time', 'default', '10:00', X],
  ['time', 'default', '10:00:00.123', '10:00:00.123000'], ['time', 'default', '10:00:00,5', '10:00:00.500000'],
  ['time', 'default', '10:00:00Z', '10:00:00Z'], ['time', 'default', '10:00:00+07:00', '03:00:00Z'],
  ['time', 'default', '10:00:00+0700', '03:00:00Z'], ['time', 'default', '10:00:00+07', '03:00:00Z'],
  ['time', 'default', '24:00:00', '00:00:00'], ['time', 'default', '10:00:60', X], ['time', 'default', '1:00:00', X],
  ['time', 'default', '10:00:00 ', X], ['time', 'default', '10:0:00', X],
  // [fl] datetime/default
  ['datetime', 'default', '2021-01-01T10:00:00', '2021-01-01T10:00:00'],
  ['datetime', 'default', '2021-01-01 10:00:00', '2021-01-01T10:00:00'],
  ['datetime', 'default', '2021-01-01T10:00', X], ['datetime', 'default', '2021-01-01', X],
  ['datetime', 'default', '2021-01-01T10:00:00Z', '2021-01-01T10:00:00Z'],
  ['datetime', 'default', '2021-01-01T05:00:00.5+07:00', '2020-12-31T22:00:00.500000Z'],
  ['datetime', 'default', '2021-1-01T10:00:00', X], ['datetime', 'default', '2021-02-30T10:00:00', X],
  // [fl] date/default (strptime %Y-%m-%d)
  ['date', 'default', '2021-01-01', '2021-01-01'], ['date', 'default', '2021-3-5', '2021-03-05'],
  ['date', 'default', '2021-02-29', X], ['date', 'default', '2020-02-29', '2020-02-29'], ['date', 'default', '2021-01-01 ', X],
  ['date', 'default', '21-01-01', X], ['date', 'default', '2021-01-01T00:00:00', X], ['date', 'default', ' 2021-01-01', X],
  // [fl] strptime patterns
  ['date', '%d/%m/%Y', '05/03/2021', '2021-03-05'], ['date', '%d/%m/%Y', '5/3/2021', '2021-03-05'],
  ['date', '%d/%m/%Y', '5/3/21', X], ['date', '%d/%m/%Y', '05/03/2021 ', X],
  ['date', '%d %B %Y', '5 March 2021', '2021-03-05'], ['date', '%d %B %Y', '5  march 2021', '2021-03-05'],
  ['date', '%d %B %Y', '5 Maret 2021', X], ['date', '%d %b %Y', '5 mar 2021', '2021-03-05'],
  ['datetime', '%d/%m/%y %I:%M %p', '05/03/21 01:30 PM', '2021-03-05T13:30:00'],
  ['datetime', '%d/%m/%y %I:%M %p', '05/03/69 12:30 am', '1969-03-05T00:30:00'],
  ['datetime', '%d/%m/%y %I:%M %p', '05/03/68 12:30 pm', '2068-03-05T12:30:00'],
  ['datetime', '%Y-%m-%dT%H:%M:%S%z', '2021-01-01T10:00:00+07:00', '2021-01-01T03:00:00Z'],
  ['datetime', '%Y-%m-%dT%H:%M:%S%z', '2021-01-01T10:00:00Z', '2021-01-01T10:00:00Z'],
  ['date', '%Y-%j', '2021-032', '2021-02-01'], ['date', '%Y-%j', '2021-366', '2022-01-01'], ['date', '%Y-%j', '2020-366', '2020-12-31'],
  ['time', '%H:%M:%S.%f', '10:00:00.5', '10:00:00.500000'], ['time', '%H:%M:%S.%f', '10:00:00.1234567', X],
  ['date', '%A, %d %b %Y', 'Friday, 05 Mar 2021', '2021-03-05'], ['date', 'any', '2021-03-05', '2021-03-05'],
  ['date', 'any', '5 March 2021', '2021-03-05'], ['date', '%Q', '2021', X],
  // [fl] integer
  ['integer', 'default', '1', 1], ['integer', 'default', '03', 3], ['integer', 'default', ' 3 ', 3],
  ['integer', 'default', '+3', 3], ['integer', 'default', '-3', -3], ['integer', 'default', '1_000', 1000],
  ['integer', 'default', '1,000', X], ['integer', 'default', '1.0', X], ['integer', 'default', '1e3', X],
  ['integer', 'default', '9007199254740993', 9007199254740993n],
  ['integer', 'default', '1.000', 1000, { groupChar: '.' }], // v2 integer groupChar
  ['integer', 'default', 'Rp 1500', 1500, { bareNumber: false }], ['integer', 'default', '-15%', -15, { bareNumber: false }],
  // [fl] number
  ['number', 'default', '1.5', 1.5], ['number', 'default', '.5', 0.5], ['number', 'default', '5.', 5],
  ['number', 'default', '1e3', 1000], ['number', 'default', '1E-3', 0.001], ['number', 'default', 'NaN', NaN],
  ['number', 'default', 'nan', NaN], ['number', 'default', 'INF', Infinity], ['number', 'default', '-inf', -Infinity],
  ['number', 'default', 'Infinity', Infinity], ['number', 'default', '1_000.5', 1000.5], ['number', 'default', '1,000', X],
  ['number', 'default', ' 1.5 ', 1.5], ['number', 'default', '0x10', X], ['number', 'default', '+1.5', 1.5], ['number', 'default', '--1', X],
  ['number', 'default', '1.234,5', 1234.5, { decimalChar: ',', groupChar: '.' }],
  ['number', 'default', '1,5', 1.5, { decimalChar: ',' }], ['number', 'default', '1.5', X, { decimalChar: ',' }],
  ['number', 'default', '1 000 000', 1000000, { groupChar: ' ' }],
  ['number', 'default', '€95', 95, { bareNumber: false }], ['number', 'default', '95%', 95, { bareNumber: false }],
  ['number', 'default', '95%', X],
  // [fl] year / yearmonth
  ['year', 'default', '2021', 2021], ['year', 'default', '+123', 123], ['year', 'default', '0999', 999],
  ['year', 'default', '-123', X], ['year', 'default', '20211', X], ['year', 'default', '21', X],
  ['yearmonth', 'default', '2021-03', '2021-03'], ['yearmonth', 'default', '2021-3', '2021-03'],
  ['yearmonth', 'default', '21-03', '0021-03'], ['yearmonth', 'default', '2021-13', X],
  ['yearmonth', 'default', '2021-00', X], ['yearmonth', 'default', '2021-03-01', X],
  // [fl] duration (value = canonical months/seconds)
  ['duration', 'default', 'P1Y2M3DT4H5M6S', 'P14MT273906S'], ['duration', 'default', 'PT1.5S', 'P0MT1.5S'],
  ['duration', 'default', 'P1W', 'P0MT604800S'], ['duration', 'default', 'P', X], ['duration', 'default', 'PT', 'P0MT0S'],
  ['duration', 'default', '-P1D', 'P0MT-86400S'], ['duration', 'default', 'P0003-02-01T00:00:00', 'P38MT86400S'],
  ['duration', 'default', 'PT36H', 'P0MT129600S'], ['duration', 'default', '1 day', X],
  // [fl] geopoint
  ['geopoint', 'default', '90, 45', [90, 45]], ['geopoint', 'default', '90,45', [90, 45]],
  ['geopoint', 'default', '190,45', X], ['geopoint', 'default', '90,95', X], ['geopoint', 'default', 'a,b', X],
  ['geopoint', 'default', '90', X], ['geopoint', 'array', '[90, 45]', [90, 45]], ['geopoint', 'array', '[90,45,1]', X],
  ['geopoint', 'object', '{"lon":90,"lat":45}', [90, 45]], ['geopoint', 'object', '{"lat":45,"lon":90}', [90, 45]],
  ['geopoint', 'object', '{"lon":90}', X],
  // [fl] string formats
  ['string', 'email', 'a@b.co', 'a@b.co'], ['string', 'email', 'a@b', X], ['string', 'email', 'a.b@c.d.id', 'a.b@c.d.id'],
  ['string', 'email', 'a@@b.co', X], ['string', 'email', 'a b@c.co', X], ['string', 'email', 'A@B.CO', 'A@B.CO'],
  ['string', 'uri', 'http://x', 'http://x'], ['string', 'uri', 'x', X], ['string', 'uri', 'mailto:a@b', 'mailto:a@b'],
  ['string', 'uri', 'https://a.b/c?d#e', 'https://a.b/c?d#e'], ['string', 'uri', 'ftp:', 'ftp:'],
  ['string', 'uuid', '123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174000'],
  ['string', 'uuid', '123e4567e89b12d3a456426614174000', '123e4567e89b12d3a456426614174000'],
  ['string', 'uuid', '{123e4567-e89b-12d3-a456-426614174000}', '{123e4567-e89b-12d3-a456-426614174000}'],
  ['string', 'uuid', 'xyz', X],
  ['string', 'binary', 'aGVsbG8=', 'aGVsbG8='], ['string', 'binary', 'aGVsbG8', X], ['string', 'binary', 'abc', X],
  ['string', 'binary', 'a!!b', X], ['string', 'binary', 'abcd', 'abcd'],
  // differential findings (validators 0.36, Python base64): IDN domains, no "_", TLD ends in a letter; non-ASCII base64
  ['string', 'email', 'dinás@mákássár.go.id', 'dinás@mákássár.go.id'], ['string', 'email', 'a@b_c.id', X],
  ['string', 'email', 'a@b.x1y', 'a@b.x1y'], ['string', 'email', 'x@y.c1', X], ['string', 'email', 'a@b__c.id', X],
  ['string', 'binary', 'TWFráYXNzYXI=', X],
  ['string', 'default', ' teks ', ' teks '],
  // [fl] geojson / topojson
  ['geojson', 'default', '{"type":"Point","coordinates":[1,2]}', { type: 'Point', coordinates: [1, 2] }],
  ['geojson', 'default', '{"type":"Pointx"}', X], ['geojson', 'default', '{"type":"Point"}', X],
  ['geojson', 'default', '{"type":"Feature","geometry":null,"properties":{}}', { type: 'Feature', geometry: null, properties: {} }],
  ['geojson', 'default', '{"type":"FeatureCollection","features":[]}', { type: 'FeatureCollection', features: [] }],
  ['geojson', 'default', '[]', X],
  ['geojson', 'topojson', '{"type":"Topology","objects":{},"arcs":[]}', { type: 'Topology', objects: {}, arcs: [] }],
  ['geojson', 'topojson', '{"type":"Topology"}', X],
  // object / array / any / boolean
  ['object', 'default', '{"a":1}', { a: 1 }], ['object', 'default', '[1]', X], ['object', 'default', '{a:1}', X],
  ['array', 'default', '[1,2]', [1, 2]], ['array', 'default', '{}', X],
  ['any', 'default', 'apa saja', 'apa saja'],
  ['boolean', 'default', 'true', true], ['boolean', 'default', 'FALSE', false], ['boolean', 'default', 'yes', X],
  ['boolean', 'default', 'tRUE', X], ['boolean', 'default', 'ya', true, { trueValues: ['ya'], falseValues: ['tidak'] }],
  ['boolean', 'default', 'true', X, { trueValues: ['ya'], falseValues: ['tidak'] }],
  // list (v2)
  ['list', 'default', 'a,b,c', ['a', 'b', 'c']], ['list', 'default', '1;2', [1, 2], { itemType: 'integer', delimiter: ';' }],
  ['list', 'default', '1;x', X, { itemType: 'integer', delimiter: ';' }],
  ['list', 'default', 'true,0', [true, false], { itemType: 'boolean' }],
  ['list', 'default', '2021-01-01,2021-02-01', ['2021-01-01', '2021-02-01'], { itemType: 'date' }],
  ['teks', 'default', 'abc', X],
  // hot-path edges (char-code fast paths must agree with the full parsers)
  ['date', 'default', '0000-01-01', X], ['date', 'default', '2021-13-01', X], ['date', 'default', '2021-04-31', X],
  ['datetime', 'default', '2021-02-30T10:00:00', X], ['datetime', 'default', '2021-03-05T24:00:00', '2021-03-06T00:00:00'],
  ['datetime', 'default', '2021-03-05T10:60:00', X], ['time', 'default', '23:59:59', '23:59:59'], ['time', 'default', '23:59:60', X],
  ['integer', 'default', '-0', -0], ['integer', 'default', '-', X], ['integer', 'default', '123456789012345678', 123456789012345678n],
  ['number', 'default', '1.e5', 100000], ['number', 'default', '-.5', -0.5], ['number', 'default', '5e', X], ['number', 'default', '1-', X],
  ['number', 'default', '', X], ['year', 'default', '1_00', 100],
];

describe('cast: lexical forms per type/format', () => {
  it.each(cases)('%s/%s %j', (type, format, cell, expected, extra) => {
    const f = compileField({ name: 'x', type, format, ...extra });
    const v = f.cast(cell as string);
    if (Number.isNaN(expected)) expect(Number.isNaN(v)).toBe(true);
    else expect(v).toEqual(expected);
  });
});

// Excel native cells: documented decisions (fl-py/openpyxl where it has one)
const d = (iso: string): Date => new Date(iso);
const natives: Array<[string, string, unknown, unknown]> = [
  ['integer', 'default', 12, 12], ['integer', 'default', 12.5, X], ['integer', 'default', true, X],
  ['number', 'default', 12.5, 12.5], ['number', 'default', false, X],
  ['string', 'default', 7371, '7371'], ['string', 'default', 1.5, '1.5'], // decision: codes stored as numbers
  ['string', 'default', true, X], ['string', 'default', d('2021-01-02T00:00:00Z'), X], ['string', 'email', 5, X],
  ['date', 'default', d('2021-03-05T00:00:00Z'), '2021-03-05'], ['date', 'default', d('2021-03-05T10:00:00Z'), X],
  ['datetime', 'default', d('2021-03-05T10:30:00Z'), '2021-03-05T10:30:00'],
  ['time', 'default', d('1899-12-30T08:15:00Z'), '08:15:00'],
  ['year', 'default', 2021, 2021], ['year', 'default', 2021.5, X],
  ['yearmonth', 'default', d('2021-03-01T00:00:00Z'), '2021-03'], ['yearmonth', 'default', d('2021-03-02T00:00:00Z'), X],
  ['boolean', 'default', true, true], ['boolean', 'default', 1, true], ['boolean', 'default', 2, X],
  ['any', 'default', 5, 5],
  ['integer', 'default', new CellFault('excel-error', '#N/A'), X], ['any', 'default', new CellFault('formula-without-value', 'A1+1'), X],
];

describe('cast: native XLSX cells', () => {
  it.each(natives)('%s/%s %s', (type, format, cell, expected) => {
    expect(compileField({ name: 'x', type, format }).cast(cell as never)).toEqual(expected);
  });
});

describe('type notes', () => {
  it.each([
    [{ name: 'a', type: 'integer' }, 'type is "integer/default"'],
    [{ name: 'a', type: 'date', format: 'fmt:%d/%m/%Y' }, 'type is "date/%d/%m/%Y"'],
    [{ name: 'a' }, 'type is "string/default"'], // fl-py: a missing type reads as string
    [{ name: 'a', type: 'list', itemType: 'integer' }, 'expected item type is "integer"'],
  ] as Array<[Field, string]>)('%j', (field, note) => {
    expect(compileField(field).typeNote).toBe(note);
  });
});
