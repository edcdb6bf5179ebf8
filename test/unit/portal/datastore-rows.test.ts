import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { castBatches, RowReadError, type DatastoreRecord } from '../../../src/portal/datastore-rows.js';
import { datastoreFields } from '../../../src/portal/datastore-schema.js';
import { prepareResource } from '../../../src/validate/resource.js';
import type { Report } from '../../../src/validate/types.js';
import type { Resource, Schema } from '../../../src/schema/types.js';

async function read(csv: string, resource: Omit<Resource, 'name' | 'path'>, batch = { rows: 1000, bytes: 1e9 }): Promise<{ batches: DatastoreRecord[][]; rows: number; sha256: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-rows-'));
  writeFileSync(join(dir, 'data.csv'), csv);
  const report: Report = { valid: true, partial: false, stats: { tasks: 0, errors: 0, warnings: 0, seconds: 0 }, warnings: [], errors: [], tasks: [] };
  const prepared = await prepareResource({ name: 'data', path: 'data.csv', ...resource }, 0, dir, '.', {}, report, 'datapackage.json');
  const schema = prepared.schema as Schema;
  const gen = castBatches(prepared, schema, datastoreFields(schema), batch);
  const batches: DatastoreRecord[][] = [];
  for (;;) {
    const n = await gen.next();
    if (n.done) return { batches, ...n.value };
    batches.push(n.value);
  }
}

const schema = (extra: Partial<Schema> = {}): Schema => ({
  fields: [
    { name: 'kode', type: 'string' },
    { name: 'nilai', type: 'number', decimalChar: ',', groupChar: '.' },
    { name: 'tanggal', type: 'date', format: '%d/%m/%Y' },
  ],
  missingValues: ['', '-'],
  ...extra,
});

describe('castBatches: the rows as validate reads them', () => {
  it.each<[string, string, Omit<Resource, 'name' | 'path'>, DatastoreRecord[]]>([
    [
      'Indonesian decimals, dd/mm/yyyy dates, missing markers',
      'kode;nilai;tanggal\nA;1.250,5;05/01/2024\nB;-;\n',
      { dialect: { delimiter: ';' }, schema: schema() },
      [{ kode: 'A', nilai: 1250.5, tanggal: '2024-01-05' }, { kode: 'B', nilai: null, tanggal: null }],
    ],
    [
      'columns matched by name (fieldsMatch equal) in another order',
      'tanggal;kode;nilai\n05/01/2024;A;7\n',
      { dialect: { delimiter: ';' }, schema: schema({ fieldsMatch: 'equal' }) },
      [{ kode: 'A', nilai: 7, tanggal: '2024-01-05' }],
    ],
    [
      'a field absent from the data (fieldsMatch subset) is null',
      'kode;nilai\nA;7\n',
      { dialect: { delimiter: ';' }, schema: schema({ fieldsMatch: 'subset' }) },
      [{ kode: 'A', nilai: 7, tanggal: null }],
    ],
    [
      'comment rows and a two-row header are not data',
      'kode;nilai;tanggal\nsub;sub;sub\n#catatan;;\nA;1;01/02/2024\n',
      { dialect: { delimiter: ';', headerRows: [1, 2], commentChar: '#' }, schema: schema() },
      [{ kode: 'A', nilai: 1, tanggal: '2024-02-01' }],
    ],
    [
      'no header row',
      'A;2;03/03/2024\n',
      { dialect: { delimiter: ';', header: false }, schema: schema() },
      [{ kode: 'A', nilai: 2, tanggal: '2024-03-03' }],
    ],
  ])('%s', async (_what, csv, resource, expected) => {
    const r = await read(csv, resource);
    expect(r.batches.flat()).toEqual(expected);
    expect(r.rows).toBe(expected.length);
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, { rows: number; bytes: number }, number[]]>([
    ['by rows', { rows: 2, bytes: 1e9 }, [2, 2, 1]],
    ['by bytes', { rows: 1000, bytes: 30 }, [1, 1, 1, 1, 1]],
    ['one batch', { rows: 1000, bytes: 1e9 }, [5]],
  ])('batches are cut %s', async (_what, batch, sizes) => {
    const csv = 'kode;nilai;tanggal\n' + ['A', 'B', 'C', 'D', 'E'].map((k) => `${k};1;01/01/2024\n`).join('');
    const r = await read(csv, { dialect: { delimiter: ';' }, schema: schema() }, batch);
    expect(r.batches.map((b) => b.length)).toEqual(sizes);
  });

  it('a cell that does not cast stops the read, naming row and column', async () => {
    const e = await read('kode;nilai;tanggal\nA;1;01/01/2024\nB;satu;01/01/2024\n', { dialect: { delimiter: ';' }, schema: schema() }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RowReadError);
    expect((e as RowReadError).reason).toBe('cell');
    expect((e as RowReadError).detail).toEqual({ row: 3, field: 'nilai', cell: 'satu' });
  });
});
