import { beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/validate/types.js';

// Synthetic workbook (made here with exceljs): one defect of each Excel kind on known cells.
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-xlsx-'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Petunjuk').addRow(['Isi lembar "Data"']);
  const ws = wb.addWorksheet('Data');
  ws.addRow(['kode', 'jumlah', 'tanggal', 'rasio']);
  ws.addRow(['73.71.01', 12, new Date(Date.UTC(2024, 0, 31)), 1.5]); // row 2: fine
  ws.addRow(['73.71.02', '12', new Date(Date.UTC(2024, 1, 29)), 2]); // row 3: number stored as text is read from its text, as frictionless does: valid
  ws.addRow(['73.71.03', 7, 'kemarin', { error: '#N/A' }]); // row 4: text date C4, Excel error D4
  ws.addRow(['73.71.04', 3.5, new Date(Date.UTC(2024, 2, 1)), { formula: 'B5/0' }]); // row 5: 3.5 not integer B5, formula without value D5
  ws.getRow(5).hidden = true; // hidden rows are still validated
  ws.addRow(['73.71.99', 1, new Date(Date.UTC(2024, 2, 2)), 1]); // row 6: pattern C? no: kode pattern A6
  await wb.xlsx.writeFile(path.join(dir, 'data.xlsx'));
  writeFileSync(
    path.join(dir, 'datapackage.json'),
    JSON.stringify({
      name: 'xlsx-test',
      resources: [
        {
          name: 'data',
          path: 'data.xlsx',
          dialect: { sheetName: 'Data' },
          schema: {
            fields: [
              { name: 'kode', type: 'string', constraints: { pattern: '73\\.71\\.(0[1-9]|1[0-5])' } },
              { name: 'jumlah', type: 'integer' },
              { name: 'tanggal', type: 'date' },
              { name: 'rasio', type: 'number' },
            ],
          },
        },
      ],
    }),
  );
});

describe('validate on Excel files', () => {
  it('reports each defect with the sheet row number and the Excel cell address', async () => {
    const r = await runCli(['validate', dir, '--json']);
    expect(r.code).toBe(1);
    const task = (JSON.parse(r.stdout) as Report).tasks[0]!;
    expect(task.sheet).toBe('Data');
    expect(task.errors.map((e) => [e.type, e.cellRef, e.cell])).toEqual([
      ['type-error', 'C4', 'kemarin'],
      ['type-error', 'D4', '#N/A'],
      ['type-error', 'B5', '3.5'],
      ['type-error', 'D5', '=B5/0'],
      ['constraint-error', 'A6', '73.71.99'],
    ]);
  });

  it('explains Excel errors and formulas in the text report, with the cell', async () => {
    const r = await runCli(['validate', dir, '--lang', 'en']);
    expect(r.stdout).toContain('Sheet "Data", Row 4, column D "rasio", cell D4: the cell holds the Excel error #N/A');
    expect(r.stdout).toContain('cell D5: the cell holds a formula without a saved value');
  });

  it('a sheet that does not exist is a format-error listing the sheets there are', async () => {
    const r = await runCli(['validate', path.join(dir, 'data.xlsx'), '--sheet', 'Lembar9', '--json']);
    expect(r.code).toBe(1);
    const err = (JSON.parse(r.stdout) as Report).tasks[0]!.errors[0]!;
    expect(err.type).toBe('format-error');
    expect(err.note).toContain('Petunjuk');
    expect(err.note).toContain('Data');
  });

  it('an old .xls file gets a format-error telling to save as .xlsx or .csv', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    writeFileSync(path.join(dir, 'lama.xls'), ole);
    const r = await runCli(['validate', path.join(dir, 'lama.xls'), '--json']);
    const err = (JSON.parse(r.stdout) as Report).tasks[0]!.errors[0]!;
    expect(err.type).toBe('format-error');
    expect(err.note).toMatch(/\.xlsx/);
  });
});
