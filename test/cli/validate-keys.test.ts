import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInProcess } from '../helpers/cli.js';
import type { Report } from '../../src/validate/types.js';

/**
 * Issue #11 and what the differential test (test/differential) found, folded into plain CLI cases. Each
 * expected list is what frictionless-py 5.21 reports for the same files (rowNumber, fieldNumber, type;
 * top-level errors first), recorded with test/differential/frictionless_driver.py.
 */
type Triple = [number | null, number | null, string];
const root = mkdtempSync(path.join(os.tmpdir(), 'satudata-keys-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SELF = '{"fields":[{"name":"id","type":"string"},{"name":"induk_id","type":"string"}],"primaryKey":["id"],"missingValues":["","-"],"foreignKeys":[{"fields":["induk_id"],"reference":{"fields":["id"],"resource":""}}]}';
const REPRO = 'id,induk_id\nAAA11,\nBBB22,AAA11\nCCC33,ZZZ99\n';
const pkg = (resources: unknown[]) => JSON.stringify({ name: 'p', resources });

const cases: { name: string; files: Record<string, string>; schema?: boolean; code: number; expected: Triple[] }[] = [
  { name: 'issue repro 1: self-reference ("") in a --schema with a primaryKey', files: { 'd.csv': REPRO, 'f.json': SELF }, schema: true, code: 1, expected: [[4, null, 'foreign-key']] },
  {
    name: 'issue repro 2: v2 foreign key without reference.resource is a self-reference',
    files: { 'd.csv': REPRO, 'f.json': '{"$schema":"https://datapackage.org/profiles/2.0/tableschema.json","fields":[{"name":"id","type":"string"},{"name":"induk_id","type":"string"}],"primaryKey":["id"],"foreignKeys":[{"fields":["induk_id"],"reference":{"fields":["id"]}}]}' },
    schema: true, code: 1, expected: [[4, null, 'foreign-key']],
  },
  {
    name: 'self-reference without resource under v1 (frictionless-py accepts it too)',
    files: { 'd.csv': REPRO, 'f.json': SELF.replace(',"resource":""', '') }, schema: true, code: 1, expected: [[4, null, 'foreign-key']],
  },
  {
    name: 'primary key + unique + self-reference, missing values in the key fields (v1 single-string keys)',
    files: { 'd.csv': 'id,induk_id,kode\nK01,,A\nK02,K01,B\nK03,K09,C\nK02,-,D\nK04,K03,B\n-,K02,E\nK05,K10,F\nK06,K06,G\n', 'f.json': '{"fields":[{"name":"id"},{"name":"induk_id"},{"name":"kode","constraints":{"unique":true}}],"primaryKey":"id","missingValues":["","-"],"foreignKeys":[{"fields":"induk_id","reference":{"resource":"","fields":"id"}}]}' },
    schema: true, code: 1, expected: [[4, null, 'foreign-key'], [5, null, 'primary-key'], [6, 3, 'unique-error'], [7, null, 'primary-key'], [8, null, 'foreign-key']],
  },
  {
    name: 'composite self-reference by resource name: a type error in a referenced part counts as null',
    files: { 'd.csv': 'kab,kec,induk_kab,induk_kec\n1,10,,\n1,x,1,10\n2,20,1,x\n2,21,1,11\n3,30,2,20\n', 'datapackage.json': pkg([{ name: 'wil', path: 'd.csv', schema: { fields: ['kab', 'kec', 'induk_kab', 'induk_kec'].map((name) => ({ name, type: 'integer' })), primaryKey: ['kab', 'kec'], foreignKeys: [{ fields: ['induk_kab', 'induk_kec'], reference: { resource: 'wil', fields: ['kab', 'kec'] } }] } }]) },
    code: 1, expected: [[3, 2, 'type-error'], [4, 4, 'type-error'], [5, null, 'foreign-key']],
  },
  {
    name: 'foreign key to another resource that has a primary key (missing values in the key are skipped)',
    files: {
      'ref.csv': 'kode,nama\n7371,Makassar\n7306,Gowa\n7371,Dup\n',
      'd.csv': 'id,kab\n1,7371\n2,7306\n3,NA\n4,9999\n5,\n',
      'datapackage.json': pkg([
        { name: 'data', path: 'd.csv', schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'kab', type: 'integer' }], missingValues: ['', 'NA'], primaryKey: ['id'], foreignKeys: [{ fields: ['kab'], reference: { resource: 'kab', fields: ['kode'] } }] } },
        { name: 'kab', path: 'ref.csv', schema: { fields: [{ name: 'kode', type: 'integer' }, { name: 'nama' }], primaryKey: ['kode'] } },
      ]),
    },
    code: 1, expected: [[5, null, 'foreign-key'], [4, null, 'primary-key']],
  },
  {
    name: 'a --schema foreign key to another resource needs a package',
    files: { 'd.csv': REPRO, 'f.json': '{"fields":[{"name":"id"},{"name":"induk_id"}],"foreignKeys":[{"fields":["induk_id"],"reference":{"fields":["id"],"resource":"lain"}}]}' },
    schema: true, code: 1, expected: [[null, null, 'resource-error']],
  },
  {
    name: 'an invalid --schema is the whole report (the file is not read under an inferred schema)',
    files: { 'd.csv': 'id,induk_id\nA,1\n,\nB,2,3\n', 'f.json': '{"fields":[{"name":"id","format":"array"},{"name":"induk_id"}]}' }, schema: true, code: 1, expected: [[null, null, 'field-error']],
  },
  {
    name: 'an empty first line is a missing header: fields by position, no label errors',
    files: { 'd.csv': '\nAAA11,BBB22\n,\nCCC33\n', 'f.json': '{"fields":[{"name":"id"},{"name":"induk_id","constraints":{"required":true}}]}' },
    schema: true, code: 1, expected: [[3, null, 'blank-row'], [4, 2, 'constraint-error'], [4, 2, 'missing-cell']],
  },
  { name: 'a lone empty line is an empty source', files: { 'd.csv': '\n', 'f.json': '{"fields":[{"name":"id"}]}' }, schema: true, code: 1, expected: [[null, null, 'source-error']] },
  {
    name: 'NaN equals nothing in unique and primary keys (1.5 and 1.50 are one value)',
    files: { 'd.csv': 'n,m\nNaN,1\nNaN,1\n1.5,2\n1.50,3\n', 'f.json': '{"fields":[{"name":"n","type":"number","constraints":{"unique":true}},{"name":"m","type":"integer"}],"primaryKey":["n"]}' },
    schema: true, code: 1, expected: [[5, 1, 'unique-error'], [5, null, 'primary-key']],
  },
  {
    name: 'email: internationalised domains are valid, "_" and a digit-ending top-level label are not',
    files: { 'd.csv': 'e\ndinás@mákássár.go.id\na@b_c.id\na@b.x1y\nx@y.c1\n', 'f.json': '{"fields":[{"name":"e","format":"email"}]}' },
    schema: true, code: 1, expected: [[3, 1, 'type-error'], [5, 1, 'type-error']],
  },
  {
    name: 'fieldsMatch equal: a blank label is an extra label (no positional blank-label)',
    files: { 'd.csv': 'b,,a\n1,2,3\n', 'f.json': '{"$schema":"https://datapackage.org/profiles/2.0/tableschema.json","fieldsMatch":"equal","fields":[{"name":"a","type":"integer"},{"name":"b","type":"integer"}]}' },
    schema: true, code: 1, expected: [[null, 2, 'extra-label']],
  },
  {
    name: 'fieldsMatch partial: a blank label is tolerated like any extra column',
    files: { 'd.csv': 'b,,a\n1,2,3\n', 'f.json': '{"$schema":"https://datapackage.org/profiles/2.0/tableschema.json","fieldsMatch":"partial","fields":[{"name":"a","type":"integer"},{"name":"b","type":"integer"}]}' },
    schema: true, code: 0, expected: [],
  },
  {
    name: 'name matching: two blank labels are duplicate labels, so matching is impossible (differential seed 301258)',
    files: { 'd.csv': 'a,,\n1,2,3\n', 'f.json': '{"$schema":"https://datapackage.org/profiles/2.0/tableschema.json","fieldsMatch":"superset","fields":[{"name":"a","type":"integer"}]}' },
    schema: true, code: 1, expected: [[null, null, 'error']],
  },
];

describe('keys and edge cases as frictionless-py 5.21 reports them', () => {
  it.each(cases)('$name', async ({ name, files, schema, code, expected }) => {
    const dir = path.join(root, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
    mkdirSync(dir, { recursive: true });
    for (const [f, text] of Object.entries(files)) writeFileSync(path.join(dir, f), text);
    const args = schema ? ['validate', 'd.csv', '--schema', 'f.json', '--json'] : ['validate', '.', '--json'];
    const res = await runInProcess(args, { cwd: dir });
    const report = JSON.parse(res.stdout) as Report;
    const got: Triple[] = [
      ...report.errors.map((e): Triple => [null, null, e.type]),
      ...report.tasks.flatMap((t) => t.errors.map((e): Triple => [e.rowNumber ?? null, e.fieldNumber ?? null, e.type])),
    ];
    expect(got).toEqual(expected);
    expect(res.code).toBe(code);
  });

  it('a headerless sheet narrower than the schema: the absent column is a missing cell on every row (differential seed 100097)', async () => {
    const dir = path.join(root, 'xlsx-headerless');
    mkdirSync(dir, { recursive: true });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['A', 1]);
    ws.addRow(['B']);
    ws.addRow([]);
    ws.addRow(['C', 3]);
    await wb.xlsx.writeFile(path.join(dir, 'd.xlsx'));
    writeFileSync(path.join(dir, 'datapackage.json'), pkg([{ name: 'd', path: 'd.xlsx', dialect: { header: false }, schema: { fields: [{ name: 'a' }, { name: 'b', type: 'integer' }, { name: 'c' }] } }]));
    const res = await runInProcess(['validate', '.', '--json'], { cwd: dir });
    const report = JSON.parse(res.stdout) as Report;
    // frictionless-py 5.21: [[1,3,missing-cell],[2,3,missing-cell],[3,null,blank-row],[4,3,missing-cell]]
    expect(report.tasks[0]!.errors.map((e) => [e.rowNumber, e.fieldNumber ?? null, e.type])).toEqual([[1, 3, 'missing-cell'], [2, 3, 'missing-cell'], [3, null, 'blank-row'], [4, 3, 'missing-cell']]);
    expect(res.code).toBe(1);
  });

  it('the foreign-key error of a --schema self-reference names the row, values and the fix target', async () => {
    const dir = path.join(root, 'message');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'd.csv'), REPRO);
    writeFileSync(path.join(dir, 'f.json'), SELF);
    const res = await runInProcess(['validate', 'd.csv', '--schema', 'f.json', '--lang', 'en'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/ZZZ99/);
    expect(res.stdout).toMatch(/\b4\b/);
  });
});
