import { readFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { fixture, MEMBER_ORG, NOW, statusSeed } from '../fixtures/status/seed.js';
import { runCli } from './status-helpers.js';

let ckan: FakeCkan;
const expected = () => JSON.parse(readFileSync(fixture('expected.json'), 'utf8').replace('{{PORTAL}}', ckan.url));
const audit = (...extra: string[]) => ['status', '--portal', ckan.url, '--register', fixture('daftar.csv'), '--now', NOW, ...extra];

beforeAll(async () => {
  ckan = await startFakeCkan(statusSeed());
});
afterAll(async () => {
  await ckan.close();
});

describe('satudata status against the fake CKAN (52 organizations, paged search)', () => {
  it('prints the exact expected JSON for a fixed --now, and exits 1 when something is missing (non-TTY default)', async () => {
    const before = ckan.calls.length;
    const r = await runCli(audit('--json'));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected());
    expect(r.code).toBe(1);
    const calls = ckan.calls.slice(before);
    // Never one page: 52 organizations need 3 pages of 25 (+1 empty), 45 datasets 2 search pages of 25.
    expect(calls.filter((c) => c.action === 'organization_list').length).toBe(4);
    expect(calls.filter((c) => c.action === 'package_search').length).toBe(2);
    expect(calls.every((c) => c.method === 'GET' && c.user === undefined)).toBe(true);
  });

  it('with a member token, the private dataset counts as present and the token never shows', async () => {
    const token = ckan.tokens.member;
    const r = await runCli(audit('--json'), { env: { SATUDATA_API_TOKEN: token } });
    expect(r.stdout + r.stderr).not.toContain(token);
    const doc = JSON.parse(r.stdout);
    const sosial = doc.organizations.find((o: { name: string }) => o.name === MEMBER_ORG);
    expect(sosial).toMatchObject({ datasets: 3, expected: 2, present: 2, missing: [], unexpected: ['data-internal-penerima-bantuan'] });
    expect(doc.summary).toEqual({ ...expected().summary, present: 23, missing: 6 });
  });

  it('falls back to package_list + package_show with a warning when search fails, with the same result', async () => {
    ckan.setFault({ action: 'package_search', kind: 'status500', times: Infinity });
    try {
      const before = ckan.calls.length;
      const r = await runCli(audit('--json'));
      expect(r.stderr).toMatch(/^Peringatan: Pencarian di portal gagal .*package_list \+ package_show/m);
      expect(JSON.parse(r.stdout)).toEqual(expected());
      expect(r.code).toBe(1);
      const calls = ckan.calls.slice(before).map((c) => c.action);
      expect(calls).toContain('package_list');
      expect(calls).toContain('package_show');
      expect(calls.filter((a) => a === 'organization_list').length).toBeGreaterThanOrEqual(2);
    } finally {
      ckan.clearFaults();
    }
  });

  it('the fallback still counts private datasets for a member (package_show per register name)', async () => {
    ckan.setFault({ action: 'package_search', kind: 'status500', times: Infinity });
    try {
      const r = await runCli(audit('--json'), { env: { SATUDATA_API_TOKEN: ckan.tokens.member } });
      const sosial = JSON.parse(r.stdout).organizations.find((o: { name: string }) => o.name === MEMBER_ORG);
      // The unregistered private dataset is invisible to package_list: only the register's names are looked up.
      expect(sosial).toMatchObject({ present: 2, missing: [], unexpected: [] });
    } finally {
      ckan.clearFaults();
    }
  });

  it('portal down: exit 3 with the reason, nothing on stdout', async () => {
    const dead = await startFakeCkan({});
    const url = dead.url;
    await dead.close();
    const r = await runCli(['status', '--portal', url, '--register', fixture('daftar.csv'), '--now', NOW, '--json']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Galat: Tidak dapat menghubungi portal 127\.0\.0\.1:\d+ \((organization_list|package_search)\): ECONNREFUSED$/m);
  });

  it('bad register: exit 2, every problem listed with its row, no request sent', async () => {
    const before = ckan.calls.length;
    const r = await runCli(['status', '--portal', ckan.url, '--register', fixture('bad-register.csv'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(ckan.calls.length).toBe(before);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('Galat: Daftar Data bad-register.csv bermasalah (4); audit tidak dijalankan:');
    expect(lines.slice(1)).toEqual([
      '  bad-register.csv:3: Baris ganda: dinas-kesehatan / jumlah-puskesmas sudah ada di baris 2.',
      '  bad-register.csv:4 (skpd): "Dinas Sosial" bukan nama CKAN: 2-100 karakter huruf kecil a-z, angka, "-" atau "_".',
      '  bad-register.csv:5 (judul): Sel kolom "judul" kosong.',
      expect.stringMatching(/^ {2}bad-register\.csv:6 \(frekuensi\): Frekuensi "kadang-kadang" tidak dikenal\. Gunakan salah satu kode: harian, .*, real-time\.$/),
    ]);
  });

  it('bad register in English; missing columns; missing file', async () => {
    const en = await runCli(['status', '--portal', ckan.url, '--register', fixture('missing-columns.csv'), '--lang', 'en']);
    expect(en.code).toBe(2);
    expect(en.stderr).toContain('missing-columns.csv:1: Required column "dataset" / "name" is missing from the header row.');
    expect(en.stderr).toContain('missing-columns.csv:1: Required column "frekuensi" / "frequency" is missing from the header row.');
    const none = await runCli(['status', '--portal', ckan.url, '--register', fixture('nope.csv')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('berkas tidak ditemukan');
  });

  it('accepts English headers', async () => {
    const r = await runCli(['status', '--portal', ckan.url, '--register', fixture('english-headers.csv'), '--now', NOW, '--json', '--org', 'dinas-kesehatan']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).organizations[0]).toMatchObject({ name: 'dinas-kesehatan', expected: 1, present: 1, stale: [] });
  });

  it.each([
    [['--org', 'dinas-ketahanan-pangan', '--fail-on', 'missing'], 0],
    [['--org', 'dinas-ketahanan-pangan', '--fail-on', 'stale'], 1],
    [['--org', 'kecamatan-tamalate', '--fail-on', 'stale'], 0],
    [['--fail-on', 'never'], 0],
    [['--fail-on', 'missing'], 1],
    // A wider grace makes the weekly dataset current again.
    [['--org', 'dinas-ketahanan-pangan', '--fail-on', 'stale', '--grace-days', '5'], 0],
  ])('%j exits %d', async (flags, code) => {
    const r = await runCli(audit('--json', ...flags));
    expect(r.code).toBe(code);
  });

  it('on a terminal the default --fail-on is never', async () => {
    const r = await runCli(audit(), { tty: true });
    expect(r.code).toBe(0);
  });

  it('table: worst first, totals, findings, in Indonesian and English', async () => {
    const id = await runCli(audit('--format', 'table'));
    const lines = id.stdout.split('\n');
    expect(lines[2]).toMatch(/^Perangkat daerah +Dataset +Diharapkan +Ada +Kosong +Belum ada +Terlambat +Pembaruan terakhir$/);
    expect(lines[3]).toMatch(/^uptd-pengelolaan-sampah \(tidak ada di portal\) +0 +1 +0 +0 +1 +0 +belum pernah$/);
    expect(id.stdout).toMatch(/^badan-penanggulangan-bencana-daerah +2 +2 +1 +1 +0 +0 +2025-06-05$/m);
    expect(id.stdout).toMatch(/^Total +45 +30 +22 +1 +7 +7$/m);
    expect(id.stdout).toContain('53 perangkat daerah · 30 dataset diharapkan · 22 ada · 1 kosong · 7 belum ada (0 dihapus) · 7 terlambat');
    expect(id.stdout).toContain('  - Kosong: jumlah-kejadian-bencana-banjir-berdasarkan-kecamatan, ada di portal tanpa sumber daya aktif: belum terbit: Jumlah Kejadian Bencana Banjir Berdasarkan Kecamatan');
    // Datasets the register does not list are named in every format, not only in JSON.
    expect(id.stdout).toMatch(/^ {2}- Di luar daftar \(20\): statistik-layanan-kominfo-01, /m);
    expect(id.stdout).toContain('  - Terlambat: harga-pangan-pokok-pasar-tradisional (Mingguan), terakhir diperbarui 2025-06-20, jatuh tempo 2025-06-29');
    expect(id.stdout).toMatch(/Perangkat daerah tanpa dataset di portal \(38\): badan-kepegawaian-psdm-daerah, /);
    expect(id.stdout).not.toContain('\u001b[');
    const en = await runCli(audit('--lang', 'en'));
    expect(en.stdout).toMatch(/^Organization +Datasets +Expected +Present +Empty +Missing +Stale +Last update$/m);
    expect(en.stdout).toContain('  - Missing: taksiran-kerugian-akibat-kebakaran (Monthly): Taksiran Kerugian Akibat Kebakaran');
  });

  it('markdown and csv', async () => {
    const md = await runCli(audit('--format', 'markdown'));
    expect(md.stdout).toMatch(/^# Audit Satu Data$/m);
    expect(md.stdout).toMatch(/^\| dinas-kesehatan \| 3 \| 4 \| 3 \| 0 \| 1 \| 1 \| 2025-02-10 \|$/m);
    expect(md.stdout).toMatch(/^\| \*\*Total\*\* \| \*\*45\*\* \| \*\*30\*\* \| \*\*22\*\* \| \*\*1\*\* \| \*\*7\*\* \| \*\*7\*\* \|  \|$/m);
    expect(md.stdout).toContain('### Dinas Kesehatan (`dinas-kesehatan`)');
    expect(md.stdout).toMatch(/^- Di luar daftar \(2\): daftar-hotel-dan-penginapan, jumlah-kunjungan-wisatawan$/m);
    const csv = await runCli(audit('--format', 'csv'));
    const rows = parse(csv.stdout) as string[][];
    expect(rows[0]).toEqual([
      'organization',
      'title',
      'on_portal',
      'datasets',
      'expected',
      'present',
      'empty',
      'missing',
      'deleted',
      'stale',
      'unexpected',
      'last_update',
      'empty_datasets',
      'missing_datasets',
      'deleted_datasets',
      'stale_datasets',
      'unexpected_datasets',
    ]);
    expect(rows.length).toBe(54);
    expect(rows.find((r) => r[0] === 'dinas-kesehatan')).toEqual([
      'dinas-kesehatan',
      'Dinas Kesehatan',
      'true',
      '3',
      '4',
      '3',
      '0',
      '1',
      '0',
      '1',
      '0',
      '2025-02-10T03:00:00Z',
      '',
      'jumlah-bayi-imunisasi-dasar-lengkap-berdasarkan-jenis-kelamin',
      '',
      'persentase-balita-stunting-berdasarkan-kecamatan',
      '',
    ]);
  });

  it('-o writes the report to a file and only a summary to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-'));
    const r = await runCli(audit('--json', '-o', 'laporan.json', '--fail-on', 'never'), { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Laporan ditulis ke ${join(dir, 'laporan.json')}`);
    expect(JSON.parse(readFileSync(join(dir, 'laporan.json'), 'utf8'))).toEqual(expected());
  });

  it('without a register: empty organizations, long-unchanged datasets, nothing expected', async () => {
    const r = await runCli(['status', '--portal', ckan.url, '--now', NOW, '--json']);
    // The dataset without any resource is empty (not published): a shortfall even without a register.
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.summary).toEqual({ organizations: 52, expected: 0, present: 0, empty: 1, missing: 0, deleted: 0, stale: 6 });
    expect(doc.organizations.flatMap((o: { empty: { name: string }[] }) => o.empty.map((e) => e.name))).toEqual(['jumlah-kejadian-bencana-banjir-berdasarkan-kecamatan']);
    const stale = doc.organizations.flatMap((o: { stale: { name: string }[] }) => o.stale.map((s) => s.name)).sort();
    expect(stale).toEqual([
      'daftar-lokasi-posko-bencana',
      'hasil-sensus-penduduk-kota-makassar',
      'indeks-pembangunan-gender',
      'jumlah-kunjungan-wisatawan',
      'persentase-balita-stunting-berdasarkan-kecamatan',
      'rpjmd-indikator-makro',
    ]);
    expect(doc.organizations.filter((o: { datasets: number }) => o.datasets === 0).length).toBe(38);
    const table = await runCli(['status', '--portal', ckan.url, '--now', NOW]);
    expect(table.stdout).toContain('Tanpa Daftar Data');
  });

  it.each([
    [['--now', 'kemarin'], /--now harus tanggal/],
    [['--grace-days', '-3'], /opsi --grace-days harus bilangan bulat, bukan "-3"/],
    [['--format', 'pdf'], /nilai 'pdf' untuk opsi '--format <format>' tidak sah\. Pilihan yang boleh: table, json/],
  ])('usage error %j → exit 2', async (flags, message) => {
    const r = await runCli(['status', '--portal', ckan.url, ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('no portal at all → exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-noportal-'));
    const r = await runCli(['status'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Alamat portal belum diatur');
    expect(existsSync(join(dir, 'laporan.json'))).toBe(false);
  });
});

describe('registers the validate engine finds fault with, and XLSX registers', () => {
  it('reports a problem only the engine sees (an extra cell), ignoring blank rows', async () => {
    const r = await runCli(['status', '--portal', 'http://127.0.0.1:9', '--register', fixture('extra-cell-register.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ {2}extra-cell-register\.csv:2: baris ini punya nilai lebih/m);
    expect(r.stderr).not.toMatch(/:3:/);
  });

  it('reads an XLSX register (capitalised frequencies, trailing blank rows) to the same result as the CSV', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Daftar Data');
    const lines = readFileSync(fixture('daftar.csv'), 'utf8').trim().split('\n');
    for (const [i, line] of lines.entries()) {
      const cells = parse(line)[0] as string[];
      if (i > 0) cells[3] = cells[3]!.toUpperCase();
      ws.addRow(cells);
    }
    ws.addRow([]);
    ws.addRow(['', '', '', '', '']);
    const dir = mkdtempSync(join(tmpdir(), 'status-xlsx-'));
    const file = join(dir, 'daftar.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await runCli(['status', '--portal', ckan.url, '--register', file, '--now', NOW, '--json']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual(expected());
  });
});

describe('satudata status counts only datasets', () => {
  it('a showcase or harvest source on the portal is not counted as a dataset (package_search fq dataset_type)', async () => {
    const portal = await startFakeCkan({
      orgs: ['dinas-pariwisata'],
      datasets: [
        { name: 'kunjungan-wisatawan', org: 'dinas-pariwisata', metadata_modified: '2025-06-01T00:00:00' },
        { name: 'galeri-wisata', org: 'dinas-pariwisata', type: 'showcase', metadata_modified: '2025-06-01T00:00:00' },
      ],
    });
    try {
      const r = await runCli(['status', '--portal', portal.url, '--now', NOW, '--json', '--org', 'dinas-pariwisata']);
      const org = (JSON.parse(r.stdout) as { organizations: { name: string; datasets: number }[] }).organizations.find((o) => o.name === 'dinas-pariwisata');
      expect(org?.datasets).toBe(1);
    } finally {
      await portal.close();
    }
  });
});
