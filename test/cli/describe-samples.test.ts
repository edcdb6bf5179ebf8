// The real samples (copied from ../shared/domain/samples into test/fixtures/conformance, see SOURCES.md
// there): describe --write then validate.
// The issue asks for at least 6 of 8 clean; we expect 7, and the 8th (bnpb) to fail only on its one
// physically extra cell, which describe reports as a data defect it cannot express in the dialect.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { validate } from '../../src/validate/index.js';

const SAMPLES = join(ROOT, 'test/fixtures/conformance');
let work: string;
let files: string[];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'satudata-describe-samples-'));
  files = (await readdir(SAMPLES)).filter((f) => /\.(csv|xlsx)$/.test(f)).sort();
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function sink() {
  let text = '';
  return { write: (s: string) => void (text += s), get text() { return text; }, isTTY: false };
}

async function describeThenValidate(file: string) {
  const dir = join(work, file.replace(/\W/g, '_'));
  await cp(join(SAMPLES, file), join(dir, file));
  const out = sink(), err = sink();
  const code = await run(['describe', '--write', file], { cwd: dir, stdout: out, stderr: err, interactive: false });
  expect(code, err.text).toBe(0);
  const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
  const report = await validate(['datapackage.json'], { cwd: dir });
  return { pkg, report, out: out.text };
}

describe('describe --write then validate on the real samples', () => {
  it('has all 8 samples', () => {
    expect(files).toHaveLength(8);
  });

  it('comes back clean for at least 7 of 8, and bnpb fails only on its extra cell', async () => {
    const results = new Map<string, Awaited<ReturnType<typeof describeThenValidate>>>();
    for (const f of files) results.set(f, await describeThenValidate(f));
    const clean = [...results].filter(([, r]) => r.report.valid).map(([f]) => f);
    expect(clean.length).toBeGreaterThanOrEqual(7);
    const bnpb = results.get('bnpb-bencana-kecelakaan-transportasi-2011-2014.csv')!;
    const errors = bnpb.report.tasks.flatMap((t) => t.errors);
    expect(errors.map((e) => [e.type, e.rowNumber])).toEqual([['extra-cell', 2]]);
    // ... and describe told the officer about exactly that row.
    expect(bnpb.out).toMatch(/baris 2\b/);
  }, 120_000);

  it('describes the Jabar mixed decimal separators as text with the 2024 rows shown', async () => {
    const { pkg, out } = await describeThenValidate('jabar-persentase-balita-stunting-kabkota.csv');
    const field = pkg.resources[0].schema.fields.find((f: { name: string }) => f.name === 'persentase_balita_stunting');
    expect(field.type).toBe('string');
    expect(out).toContain('baris 272');
  });

  it('reads the fire-service dates as month-first and the times without leading zeros', async () => {
    const { pkg } = await describeThenValidate('jakarta-kejadian-kebakaran-2013.csv');
    const fields = pkg.resources[0].schema.fields;
    expect(fields.find((f: { name: string }) => f.name === 'tanggal')).toMatchObject({ type: 'date', format: '%m/%d/%Y' });
    expect(fields.find((f: { name: string }) => f.name === 'waktu_informasi')).toMatchObject({ type: 'time', format: '%H:%M' });
    expect(pkg.resources[0].schema.missingValues).toEqual(['', '-', 'NA']);
  });

  it('skips the BPS title, two-row header, totals, second table, footnotes and Sumber line', async () => {
    const { pkg } = await describeThenValidate('bps-pengangguran-terbuka-pendidikan-1986-2024.csv');
    expect(pkg.resources[0].dialect).toEqual({ header: false, commentRows: [1, 2, 3, 4, 5, 14, 15, 16, 17, 18, 25, 26, 27, 28, 29, 30, 31, 32, 33] });
    expect(pkg.resources[0].schema.fields[22]).toMatchObject({ name: 'kolom_2005_november', title: '2005 November', type: 'integer' });
  });

  it('reads the BPS workbook: four-row merged header, numbers stored as text, INDONESIA total', async () => {
    const { pkg } = await describeThenValidate('bps-tpt-provinsi-2026.xlsx');
    const r = pkg.resources[0];
    expect(r.dialect).toEqual({ sheetName: 'Sheet1', header: false, commentRows: [1, 2, 3, 4, 43] });
    expect(r.schema.fields[1]).toMatchObject({ type: 'number', title: 'Tingkat Pengangguran Terbuka Menurut Provinsi (Persen) 2026 Februari' });
    expect(r.schema.fields.map((f: { type: string }) => f.type)).toEqual(['string', 'number', 'number', 'number']);
  });
});
