// All 20 real agency files (test/fixtures/conformance: ../shared/domain/samples; test/fixtures/samples-2:
// ../shared/domain/samples-2; SOURCES.md in each folder): `describe --write`, then `validate` of the
// resource it wrote. The expected outcome of each file is written down here: which rows are header,
// which rows are excluded (and why), how many fields, the key types, and exactly which errors validate
// reports (only defects that describe itself pointed out).
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { validate } from '../../src/validate/index.js';

const SETS = [join(ROOT, 'test/fixtures/conformance'), join(ROOT, 'test/fixtures/samples-2')];
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'satudata-describe-samples-'));
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
  const from = SETS.map((d) => join(d, file));
  let copied = false;
  for (const f of from) if (!copied) copied = await cp(f, join(dir, file)).then(() => true, () => false);
  const out = sink(), err = sink();
  const code = await run(['--lang', 'en', 'describe', '--write', file], { cwd: dir, stdout: out, stderr: err, interactive: false });
  expect(code, err.text).toBe(0);
  const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
  const report = await validate(['datapackage.json'], { cwd: dir, limitErrors: 100000 });
  const errors: Record<string, number> = {};
  for (const e of report.tasks.flatMap((t) => t.errors)) errors[e.type] = (errors[e.type] ?? 0) + 1;
  return { dir, pkg, resource: pkg.resources[0], report, errors, out: out.text };
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

interface Expected {
  file: string;
  /** The dialect describe writes: which rows are header (checked) and which are excluded. */
  dialect: Record<string, unknown>;
  fields: number;
  /** Key fields: position (0-based) → name/type/title. */
  key: Record<number, Record<string, unknown>>;
  missingValues?: string[];
  /** Errors of `validate` on the described resource: only defects describe pointed out. */
  errors?: Record<string, number>;
  /** Note codes describe must print (the explanation of every excluded row and defect). */
  notes: string[];
}

const EXPECTED: Expected[] = [
  {
    file: 'bnpb-bencana-kecelakaan-transportasi-2011-2014.csv', dialect: {}, fields: 10,
    key: { 0: { name: 'No', type: 'integer' }, 2: { name: 'Tanggal', type: 'date' }, 3: { type: 'time', format: '%H:%M:%S%z' }, 9: { name: 'Keterangan' } },
    errors: { 'extra-cell': 1 }, notes: ['row-width'],
  },
  {
    // Yearly table (rows 3-4 header, 6-13 data, 14 Total); a second table from row 16 is excluded.
    file: 'bps-pengangguran-terbuka-pendidikan-1986-2024.csv',
    dialect: { header: false, commentRows: [1, 2, 3, 4, 5, 14, ...range(15, 33)] }, fields: 61,
    key: { 1: { type: 'string', title: 'Pendidikan Tertinggi Yang Ditamatkan' }, 2: { title: '1986', type: 'integer' }, 22: { title: '2005 November', type: 'integer' }, 60: { title: '2024 Agustus', type: 'integer' } },
    notes: ['second-table', 'skipped-total', 'skipped-other-table', 'multi-row-header', 'header-not-checked'],
  },
  {
    file: 'jabar-persentase-balita-stunting-kabkota.csv', dialect: {}, fields: 8,
    key: { 3: { name: 'kode_kabupaten_kota', type: 'string' }, 5: { name: 'persentase_balita_stunting', type: 'string' }, 7: { name: 'tahun', type: 'integer' } },
    notes: ['mixed-decimal-separators'],
  },
  {
    file: 'jakarta-kejadian-kebakaran-2013.csv', dialect: {}, fields: 44, missingValues: ['', '-', 'NA'],
    key: { 1: { name: 'tanggal', type: 'date', format: '%m/%d/%Y' }, 4: { name: 'waktu_informasi', type: 'time', format: '%H:%M' }, 41: { name: 'taksiran_kerugian', type: 'integer' } },
    notes: ['date-month-first', 'numbers-with-text', 'missing-markers'],
  },
  {
    // Flattened two-row header: 12 labels lost; the header stays checked and validate names them.
    file: 'jakarta-kepadatan-kelurahan-2013.csv', dialect: {}, fields: 37,
    key: { 0: { name: 'TAHUN', type: 'integer' }, 5: { name: 'LUAS WILAYAH (KM2)', type: 'number' }, 7: { name: 'kolom_8', type: 'string' }, 19: { name: '35-39 Laki-Laki', type: 'integer' } },
    errors: { 'blank-label': 12 }, notes: ['blank-label'],
  },
  {
    file: 'jakarta-kode-wilayah-2014.csv', dialect: {}, fields: 11,
    key: { 0: { name: 'tahun', type: 'integer' }, 9: { name: 'Column', type: 'string' }, 10: { name: 'Column2' } },
    notes: ['empty-column'],
  },
  {
    file: 'jakarta-penduduk-kelurahan-2014.csv', dialect: {}, fields: 9,
    key: { 0: { name: 'tahun', type: 'number' }, 2: { name: 'nama_kabupaten/kota', type: 'string' }, 5: { name: 'laki-laki_wni', type: 'number' } },
    notes: ['whole-as-decimal'],
  },
  {
    // Four-row merged header: frictionless-py would read " Agustus" where satudata reads "Agustus",
    // so no name satisfies both: read by position, and describe says the header is not checked.
    file: 'bps-tpt-provinsi-2026.xlsx', dialect: { sheetName: 'Sheet1', header: false, commentRows: [1, 2, 3, 4, 43] }, fields: 4, missingValues: ['', '-'],
    key: {
      0: { title: '38 Provinsi', type: 'string' },
      1: { title: 'Tingkat Pengangguran Terbuka Menurut Provinsi (Persen) 2026 Februari', type: 'number' },
      2: { title: 'Tingkat Pengangguran Terbuka Menurut Provinsi (Persen) 2026 Agustus', type: 'number' },
    },
    notes: ['skipped-total', 'multi-row-header', 'header-not-checked', 'empty-column-sibling'],
  },
  {
    // R's row-name column has an empty label; dates mix 12/01/18 and 13/12/2018.
    file: 'bandung_pelanggaran_lalin_des2018.csv', dialect: {}, fields: 17,
    key: { 0: { name: 'kolom_1', type: 'integer' }, 2: { name: 'tgl', type: 'string' }, 5: { name: 'tidak.menggunakan.helm', type: 'integer' } },
    errors: { 'blank-label': 1 }, notes: ['blank-label', 'mixed-date-formats'],
  },
  {
    // Header ends in a year row (`,2025`); months not yet published are `-`.
    file: 'bps_jatim_inflasi_yoy_bulanan_2025.csv', dialect: { header: false, commentRows: [1, 2, 3] }, fields: 2, missingValues: ['', '-'],
    key: { 0: { title: 'Bulan', type: 'string' }, 1: { title: 'Inflasi Tahun ke Tahun (Y o Y) (Persen) 2025', type: 'number' } },
    notes: ['multi-row-header', 'header-not-checked', 'missing-markers'],
  },
  {
    // Five header rows; the PDRB total row (no total word) is found by its sums.
    file: 'bps_jatim_pdrb_lapangan_usaha_triwulanan_2024.csv', dialect: { header: false, commentRows: [1, 2, 3, 4, 5, 23] }, fields: 11,
    key: { 0: { type: 'string', title: 'Lapangan Usaha 17 Kategori' }, 1: { type: 'number' }, 6: { type: 'number', title: '[Seri 2010] PDRB Menurut Lapangan Usaha (17 Sektor) Triwulanan (Miliar Rupiah) Harga Konstan 2010 2024 Triwulan I' } },
    notes: ['skipped-sum-total', 'header-not-checked'],
  },
  {
    // TOTAL row (all `-`) excluded; "Bandara Lainnya" (all `-`) is a data row.
    file: 'bps_penumpang_pesawat_bandara_utama_2021.csv', dialect: { header: false, commentRows: [1, 2, 3, 4, 5, 12] }, fields: 27, missingValues: ['', '-'],
    key: { 0: { type: 'string' }, 1: { type: 'integer', title: 'Jumlah Penumpang Pesawat di Bandara Utama (Orang) Keberangkatan pada Penerbangan Domestik 2021 Januari' }, 26: { type: 'integer' } },
    notes: ['skipped-total', 'header-not-checked'],
  },
  {
    // Year row in the header, Sumatera_Selatan total found by sums, Sumber/Source_Url/Access_Time footer.
    file: 'bps_sumsel_produksi_buah_2015_2017.csv', dialect: { header: false, commentRows: [1, 2, 3, 21, 22, 23, 24, 25] }, fields: 22, missingValues: ['', '-'],
    key: { 1: { type: 'integer', title: 'Produksi_Buah-Buahan_(Kuintal) Mangga 2015' }, 3: { type: 'integer', title: 'Produksi_Buah-Buahan_(Kuintal) Mangga 2017' }, 19: { title: 'Produksi_Buah-Buahan_(Kuintal) Salak 2015' } },
    notes: ['skipped-sum-total', 'skipped-source', 'header-not-checked'],
  },
  {
    file: 'jabar_dishub_daftar_stasiun_kereta.csv', dialect: {}, fields: 12,
    key: { 1: { name: 'kode_provinsi', type: 'string' }, 8: { name: 'titik_koordinat', type: 'string' }, 11: { name: 'tahun', type: 'integer' } },
    notes: ['code-as-string'],
  },
  {
    file: 'jabar_dpmdes_idm_pencemaran_air_desa_2019_first5000.csv', dialect: {}, fields: 15,
    key: { 2: { name: 'bps_kode_kabupaten_kota', type: 'string' }, 13: { name: 'tahun', type: 'number' }, 14: { name: 'id', type: 'integer' } },
    notes: ['whole-as-decimal'],
  },
  {
    // Header of 15 cells over rows of 27: the 12 unnamed columns are defects validate names.
    file: 'jabar_pikobar_covid19_kabkota_harian.csv', dialect: { headerRows: [1] }, fields: 27,
    key: { 0: { name: 'tanggal', type: 'date' }, 1: { name: 'kode_prov', type: 'string' }, 13: { name: 'meninggal', type: 'integer' } },
    // 45,288 extra cells in all; the report stops at the 16 Mi characters of error text a table may
    // keep (README "Batas / Limits"), so a partial report holds the first 19,452.
    errors: { 'blank-label': 1, 'missing-label': 12, 'extra-cell': 19452 }, notes: ['blank-label', 'missing-labels', 'row-width'],
  },
  {
    // One `none` among the sector numbers: integer kept, the cell reported.
    file: 'jakarta_damkar_pos_sektor_2014.csv', dialect: {}, fields: 21,
    key: { 0: { name: 'kode', type: 'string' }, 3: { name: 'sektor', type: 'integer' }, 15: { name: 'luas_tanah(m2)', type: 'integer' }, 16: { name: 'luas_bangunan(m2)', type: 'string' } },
    errors: { 'type-error': 1 }, notes: ['text-in-number-column'],
  },
  {
    file: 'jatim_opendata_modal_usaha_kecil_kabkota_desimalkoma.csv', dialect: {}, fields: 10,
    key: { 6: { name: 'modal_usaha__triliun_rp_', type: 'number', decimalChar: ',' }, 7: { name: 'periode_update', type: 'string' } },
    notes: ['indonesian-number-format'],
  },
  {
    // Every field quoted; `.241` is a number.
    file: 'transportasi_darat_per_provinsi_2009_quoted.csv', dialect: {}, fields: 9,
    key: { 0: { name: 'kode_provinsi', type: 'string' }, 6: { name: 'vcr', type: 'number' } },
    notes: ['code-as-string'],
  },
  {
    // Three merged header rows ending in years; Sumber / Source Url / Access Time footer.
    file: 'bps_jabar_angka_partisipasi_kasar_2017_2019.xlsx', dialect: { sheetName: 'Sheet1', header: false, commentRows: [1, 2, 3, 32, 33, 34, 35] }, fields: 13,
    key: { 0: { type: 'string', title: 'Wilayah Jawa Barat' }, 1: { type: 'number', title: 'Angka Partisipasi Kasar SD/MI/Paket A 2017' }, 12: { type: 'number', title: 'Angka Partisipasi Kasar Perguruan Tinggi 2019' } },
    notes: ['skipped-blank', 'skipped-source', 'header-not-checked'],
  },
];

describe('describe --write then validate on the 20 real agency files', () => {
  it('covers every sample file', async () => {
    const files = (await Promise.all(SETS.map((d) => readdir(d)))).flat().filter((f) => /\.(csv|xlsx)$/.test(f));
    expect(files.sort()).toEqual(EXPECTED.map((e) => e.file).sort());
  });

  it.each(EXPECTED)('$file', async (want) => {
    const { resource, errors, out } = await describeThenValidate(want.file);
    expect(resource.dialect ?? {}).toEqual(want.dialect);
    expect(resource.schema.fields).toHaveLength(want.fields);
    for (const [i, f] of Object.entries(want.key)) expect(resource.schema.fields[Number(i)], `field ${i}`).toMatchObject(f);
    if (want.missingValues) expect(resource.schema.missingValues).toEqual(want.missingValues);
    expect(errors).toEqual(want.errors ?? {});
    const json = await run(['describe', '--json', want.file], { cwd: join(work, want.file.replace(/\W/g, '_')), stdout: sink(), stderr: sink(), interactive: false });
    expect(json).toBe(0);
    for (const code of want.notes) expect(out, code).toContain(codeText[code] ?? code);
  }, 60_000);

  it('a swapped pair of same-typed columns in next year\'s file fails on the header (incorrect-label)', async () => {
    const { dir } = await describeThenValidate('jakarta-kode-wilayah-2014.csv');
    const file = join(dir, 'jakarta-kode-wilayah-2014.csv');
    const lines = (await readFile(file, 'utf8')).split('\r');
    // nomor_kabupaten (D) and nomor_kecamatan (F) are both integer columns: swap them in every row.
    const swapped = lines.map((l) => {
      const c = l.split(',');
      if (c.length > 5) [c[3], c[5]] = [c[5]!, c[3]!];
      return c.join(',');
    });
    await writeFile(file, swapped.join('\r'));
    const report = await validate(['datapackage.json'], { cwd: dir });
    const errs = report.tasks.flatMap((t) => t.errors).map((e) => [e.type, e.fieldNumber]);
    expect(report.valid).toBe(false);
    expect(errs).toEqual([['incorrect-label', 4], ['incorrect-label', 6]]);
  });

  it('a swapped pair under a filled two-row header fails too (synthetic file)', async () => {
    const dir = join(work, 'dua-baris');
    const file = join(dir, 'panen.csv');
    await cp(join(SETS[0]!, 'SOURCES.md'), join(dir, 'SOURCES.md'));
    await writeFile(file, 'Wilayah,Padi,Padi,Jagung\nWilayah,2022,2023,2023\nMariso,10,12,3\nTallo,20,22,4\n');
    expect(await run(['describe', '--write', 'panen.csv'], { cwd: dir, stdout: sink(), stderr: sink(), interactive: false })).toBe(0);
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
    expect(pkg.resources[0].dialect).toEqual({ headerRows: [1, 2] });
    expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual(['Wilayah', 'Padi 2022', 'Padi 2023', 'Jagung 2023']);
    expect((await validate(['datapackage.json'], { cwd: dir })).valid).toBe(true);
    await writeFile(file, 'Wilayah,Padi,Padi,Jagung\nWilayah,2023,2022,2023\nMariso,12,10,3\nTallo,22,20,4\n');
    const report = await validate(['datapackage.json'], { cwd: dir });
    expect(report.tasks.flatMap((t) => t.errors).map((e) => [e.type, e.fieldNumber])).toEqual([['incorrect-label', 2], ['incorrect-label', 3]]);
  });
});

describe('describe --write then validate on the issue\'s synthetic layouts (files written here)', () => {
  async function describeText(name: string, content: string | Buffer) {
    const dir = await mkdtemp(join(work, 'syn-'));
    await writeFile(join(dir, name), content);
    const out = sink();
    expect(await run(['--lang', 'en', 'describe', '--write', name], { cwd: dir, stdout: out, stderr: sink(), interactive: false })).toBe(0);
    const pkg = JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
    const report = await validate(['datapackage.json'], { cwd: dir });
    return { resource: pkg.resources[0], report, out: out.text };
  }

  it('a quoted title with commas, a subtitle and a blank row above the header', async () => {
    const { resource, report } = await describeText('sd.csv',
      '"JUMLAH SEKOLAH DASAR, GURU, DAN MURID MENURUT KECAMATAN DI KOTA MAKASSAR",,,,\nTAHUN AJARAN 2023/2024,,,,\n,,,,\n' +
      'Kecamatan,Jumlah Sekolah,Jumlah Guru,Jumlah Murid,Rasio Murid Guru\nMariso,20,310,5120,16.5\nMamajang,25,402,6010,14.9\nTallo,41,688,12030,17.5\nKota Makassar,86,1400,23160,16.5\n');
    expect(resource.dialect).toEqual({ headerRows: [4], commentRows: [8] });
    expect(resource.schema.fields.map((f: { name: string; type: string }) => `${f.name}:${f.type}`)).toEqual(['Kecamatan:string', 'Jumlah Sekolah:integer', 'Jumlah Guru:integer', 'Jumlah Murid:integer', 'Rasio Murid Guru:number']);
    expect(report.valid).toBe(true);
  });

  it('an XLSX title merged across the columns, and a subtitle, are not glued onto the field names', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['Jumlah Keluarga Menurut Kecamatan, Desember 2023']);
    ws.mergeCells('A1:D1');
    ws.addRow(['Keadaan 31 Desember 2023']);
    ws.mergeCells('A2:D2');
    ws.addRow(['No', 'Kecamatan', 'Jumlah Keluarga', 'Jumlah Jiwa']);
    ws.addRow([1, 'Mariso', 15000, 60000]);
    ws.addRow([2, 'Tallo', 35000, 140000]);
    ws.addRow([3, 'Wajo', 9000, 31000]);
    const { resource, report } = await describeText('kk.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(resource.dialect).toEqual({ sheetName: 'Data', headerRows: [3] });
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(['No', 'Kecamatan', 'Jumlah Keluarga', 'Jumlah Jiwa']);
    expect(report.valid).toBe(true);
  });

  it('one impossible date keeps the date type; validate reports exactly the cell describe named', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024,${i}`);
    rows[11] = '31/02/2024,11';
    const { resource, report, out } = await describeText('tgl.csv', `tanggal,nilai\n${rows.join('\n')}\n`);
    expect(resource.schema.fields[0]).toEqual({ name: 'tanggal', type: 'date', format: '%d/%m/%Y' });
    expect(out).toContain('are not real dates');
    expect(out).toContain('(rows 13)');
    expect(report.tasks.flatMap((t) => t.errors).map((e) => [e.type, e.rowNumber, e.fieldNumber])).toEqual([['type-error', 13, 1]]);
  });
});

/** English words of each note code, as the officer reads them (describe prints messages, not codes). */
const codeText: Record<string, string> = {
  'row-width': 'different number of cells',
  'second-table': 'This file holds 2 tables',
  'skipped-total': 'total rows (not data',
  'skipped-sum-total': 'equals the sum of the other rows',
  'skipped-other-table': 'rows of another table below this one',
  'skipped-source': '"Sumber:"/note rows',
  'skipped-blank': 'blank rows',
  'multi-row-header': 'The header spans',
  'header-not-checked': 'no validator can check it',
  'mixed-decimal-separators': 'mixes two number styles',
  'date-month-first': 'month/day/year',
  'numbers-with-text': 'is nearly all numbers',
  'missing-markers': 'Missing-value markers found',
  'blank-label': 'have no label in the header row',
  'empty-column': 'is empty in every row',
  'whole-as-decimal': 'zero fraction',
  'empty-column-sibling': 'holds no data yet',
  'mixed-date-formats': 'two-digit years',
  'code-as-string': 'holds codes',
  'missing-labels': 'fewer than the data rows',
  'text-in-number-column': 'the integer type is kept',
  'indonesian-number-format': 'Indonesian number format',
};
