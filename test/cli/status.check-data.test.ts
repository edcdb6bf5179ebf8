/**
 * `status --check-data` against the fake CKAN serving real files: valid, invalid, no schema (well
 * formed and broken), XLSX, too large, 404, slow, hosted elsewhere; the token never leaves the
 * portal; the cache makes a second run download nothing unchanged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan, type SeedDataset } from '../fake-ckan/server.js';
import { startFileHost, type FileHost } from '../fake-ckan/files.js';
import { runCli } from './status-helpers.js';

const NOW = '2025-07-01T00:00:00Z';
const ORG = 'dinas-kesehatan';
const schema = JSON.stringify({
  fields: [
    { name: 'kecamatan', type: 'string', constraints: { required: true } },
    { name: 'jumlah', type: 'integer' },
  ],
});
const GOOD = 'kecamatan,jumlah\nMariso,12\nMamajang,7\n';
const BAD = 'kecamatan,jumlah\nMariso,dua belas\nMamajang,7\n,3\n';
const res = (name: string, extra: Record<string, unknown>) => ({ name, format: 'CSV', last_modified: '2025-06-01T00:00:00', ...extra });
const ds = (name: string, resources: Record<string, unknown>[], extra: Partial<SeedDataset> = {}): SeedDataset => ({
  name,
  title: name,
  org: ORG,
  metadata_created: '2025-06-01T00:00:00',
  metadata_modified: '2025-06-01T00:00:00',
  resources: resources as SeedDataset['resources'],
  ...extra,
});

let ckan: FakeCkan;
let files: FileHost;
let cwd: string;
let cacheDir: string;

beforeAll(async () => {
  files = await startFileHost();
  files.files.set('/luar.csv', GOOD);
  ckan = await startFakeCkan({
    orgs: [ORG],
    datasets: [
      ds('data-valid', [res('data', { content: GOOD, schema })]),
      ds('data-tidak-valid', [res('data', { content: BAD, schema })]),
      ds('tanpa-skema', [res('data', { content: GOOD })]),
      ds('tanpa-skema-rusak', [res('data', { content: 'a,b\n1,2,3\n4,5\n' })]),
      ds('terlalu-besar', [res('data', { content: `a,b\n${'1,2\n'.repeat(300_000)}`, schema })]),
      ds('hilang', [res('data', { url: 'http://placeholder.invalid/x.csv' })]),
      ds('lambat', [res('data', { url: `${files.url}/slow` })]),
      ds('di-luar-portal', [res('data', { url: `${files.url}/luar.csv`, schema })]),
      ds('tanpa-tabel', [res('peta', { format: 'GeoJSON', url: `${files.url}/peta.geojson` })]),
      ds('rahasia', [res('data', { content: GOOD, schema })], { private: true }),
      ds('data-excel', [res('data', { format: 'XLSX', content: 'replaced below', schema })]),
    ],
  });
  // An Excel file as uploaded: a text cell in the integer column C… B3.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  ws.addRows([['kecamatan', 'jumlah'], ['Mariso', 12], ['Mamajang', 'tujuh']]);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const excel = ckan.state.pkg('data-excel')!.resources[0]!;
  ckan.state.files.get(excel.id)!.bytes = xlsx;
  excel.size = xlsx.length;
  // A resource whose file is gone from the portal (404 at the portal's own download URL).
  const hilang = ckan.state.pkg('hilang')!;
  hilang.resources[0]!.url = `${ckan.url}/dataset/${hilang.id}/resource/${hilang.resources[0]!.id}/download/hilang.csv`;
  cwd = mkdtempSync(join(tmpdir(), 'status-check-'));
  // A short deadline so the slow file ends the test quickly (4 x 0.5 s for the whole download).
  writeFileSync(join(cwd, '.satudatarc.json'), JSON.stringify({ timeoutSeconds: 0.5 }));
  cacheDir = mkdtempSync(join(tmpdir(), 'status-cache-'));
});
afterAll(async () => {
  await ckan.close();
  await files.close();
});

const run = (env: Record<string, string> = {}, ...extra: string[]) =>
  runCli(['status', '--portal', ckan.url, '--now', NOW, '--check-data', '--max-file-mb', '1', '--json', '--fail-on', 'never', ...extra], {
    cwd,
    env: { SATUDATA_CACHE_DIR: cacheDir, SATUDATA_API_TOKEN: ckan.tokens.sysadmin, ...env },
  });

interface Org {
  name: string;
  checked: number;
  noSchema: number;
  invalid: { name: string; resource: string; errors: number; firstErrors: string[]; noSchema: boolean }[];
  unchecked: number;
  uncheckedResources: { name: string; reason: string; detail: string }[];
}

describe('status --check-data', () => {
  let first: { code: number; stdout: string; stderr: string };
  let org: Org;

  beforeAll(async () => {
    first = await run();
    org = (JSON.parse(first.stdout) as { organizations: Org[] }).organizations.find((o) => o.name === ORG)!;
  });

  it('validates each CSV resource with the schema stored on it, and reports the first errors in Bahasa Indonesia', () => {
    expect(first.stderr).not.toContain(ckan.tokens.sysadmin);
    const invalid = org.invalid.find((i) => i.name === 'data-tidak-valid')!;
    expect(invalid).toMatchObject({ resource: 'data', errors: 2, noSchema: false });
    expect(invalid.firstErrors[0]).toMatch(/^baris 2, sel B2: nilai "dua belas" tidak sesuai tipe kolom/);
    expect(invalid.firstErrors[1]).toMatch(/^baris 4, sel A4: /);
    expect(org.invalid.map((i) => i.name).sort()).toEqual(['data-excel', 'data-tidak-valid', 'tanpa-skema-rusak']);
    const excel = org.invalid.find((i) => i.name === 'data-excel')!;
    expect(excel).toMatchObject({ errors: 1, noSchema: false });
    expect(excel.firstErrors[0]).toMatch(/^baris 3, sel B3: nilai "tujuh" tidak sesuai tipe kolom/);
  });

  it('without a schema only structure is checked, and the dataset is counted as "no schema"', () => {
    const broken = org.invalid.find((i) => i.name === 'tanpa-skema-rusak')!;
    expect(broken.noSchema).toBe(true);
    expect(broken.firstErrors.join(' ')).toMatch(/baris 2/);
    // valid, tanpa-skema, rahasia (private, read with the token), di-luar-portal, and the three invalid ones.
    expect(org.checked).toBe(7);
    expect(org.noSchema).toBe(2);
  });

  it('too large, 404 and slow resources are not checked, each with its reason; other formats are ignored', () => {
    const reasons = Object.fromEntries(org.uncheckedResources.map((u) => [u.name, [u.reason, u.detail]]));
    expect(reasons).toEqual({
      'terlalu-besar': ['too-large', expect.stringMatching(/MiB > 1 MiB$/)],
      hilang: ['not-found', 'HTTP 404'],
      lambat: ['download-failed', 'timeout'],
    });
    expect(org.unchecked).toBe(3);
    expect(files.hits.some((h) => h.path === '/peta.geojson')).toBe(false);
    const doc = JSON.parse(first.stdout);
    expect(doc.summary).toMatchObject({ invalid: 3, unchecked: 3 });
  });

  it('a resource hosted elsewhere is downloaded WITHOUT the token', () => {
    const out = files.hits.filter((h) => h.path === '/luar.csv' || h.path === '/slow');
    expect(out.length).toBeGreaterThanOrEqual(2);
    for (const h of out) {
      expect(h.authorization).toBeUndefined();
      expect(h.apiKey).toBeUndefined();
    }
    expect(org.invalid.some((i) => i.name === 'di-luar-portal')).toBe(false);
  });

  it('a second run downloads nothing unchanged (cache keyed by resource id and the portal metadata)', async () => {
    const hitsBefore = files.hits.filter((h) => h.path === '/luar.csv').length;
    const second = await run();
    expect(second.stderr).toMatch(/Pemeriksaan data: 10 sumber daya CSV\/XLSX, 0 diunduh \(0 KiB\), 8 tidak berubah sejak pemeriksaan terakhir \(cache\)\./);
    expect(files.hits.filter((h) => h.path === '/luar.csv').length).toBe(hitsBefore);
    const a = JSON.parse(first.stdout);
    const b = JSON.parse(second.stdout);
    expect(b.organizations).toEqual(a.organizations);

    // The portal says the file changed: only that one is downloaded again.
    const p = ckan.state.pkg('data-valid')!;
    p.resources[0]!.last_modified = '2025-06-20T00:00:00';
    const third = await run();
    expect(third.stderr).toMatch(/, 1 diunduh .*, 7 tidak berubah/);
    expect(JSON.parse(third.stdout).organizations.find((o: Org) => o.name === ORG).checked).toBe(7);
  });

  it('--fail-on invalid exits 1 on an invalid dataset and needs --check-data', async () => {
    const r = await run({}, '--fail-on', 'invalid', '--org', ORG);
    expect(r.code).toBe(1);
    const ok = await run({}, '--fail-on', 'stale', '--org', ORG);
    expect(ok.code).toBe(0);
    const usage = await runCli(['status', '--portal', ckan.url, '--fail-on', 'invalid'], { cwd });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--fail-on invalid memerlukan --check-data');
  });

  it('the HTML scorecard gets a quality line and each invalid dataset its first errors; table and CSV a column', async () => {
    const html = await runCli(['status', '--portal', ckan.url, '--now', NOW, '--check-data', '--max-file-mb', '1', '--format', 'html', '--fail-on', 'never'], { cwd, env: { SATUDATA_CACHE_DIR: cacheDir, SATUDATA_API_TOKEN: ckan.tokens.sysadmin } });
    expect(html.stdout).toContain('Kualitas data: 7 diperiksa · 3 tidak valid · 2 tanpa skema · 3 tidak diperiksa');
    expect(html.stdout).toMatch(/<li>baris 2, sel B2: nilai &quot;dua belas&quot; tidak sesuai tipe kolom/);
    expect(html.stdout).toContain('<th>Tidak valid</th><th>Tidak diperiksa</th>');
    const table = await runCli(['status', '--portal', ckan.url, '--now', NOW, '--check-data', '--max-file-mb', '1', '--fail-on', 'never'], { cwd, env: { SATUDATA_CACHE_DIR: cacheDir } });
    expect(table.stdout).toMatch(/^Perangkat daerah +Dataset +Kosong +Terlambat +Tidak valid +Diperbarui 12 bln +Pembaruan terakhir$/m);
    expect(table.stdout).toMatch(/^ {2}- Tidak diperiksa: hilang \/ data: tidak ditemukan \(HTTP 404\)$/m);
    expect(table.stdout).toMatch(/^ {2}- Tidak diperiksa: lambat \/ data: gagal diunduh \(batas waktu habis\)$/m);
    expect(table.stdout).toMatch(/^ {2}- Tidak diperiksa: terlalu-besar \/ data: terlalu besar \([\d.]+ MiB > 1 MiB\)$/m);
  });
});

describe('status --check-data reads the schema exactly as push stores it', () => {
  it('a package pushed with satudata push is checked valid, each resource with its own schema', async () => {
    const { packageCopy, runCli: runPush } = await import('./push-helpers.js');
    const portal = await startFakeCkan();
    try {
      const dir = packageCopy('kebakaran', 'kebakaran-dipush');
      const pushed = await runPush(['push', '--portal', portal.url, '--org', 'org-a', '--json'], { cwd: dir, env: { SATUDATA_API_TOKEN: portal.tokens.editor } });
      expect(pushed.code, pushed.stderr).toBe(0);
      const stored = portal.state.pkg('kebakaran-dipush')!.resources.map((r) => typeof r.schema);
      expect(stored).toEqual(['string', 'string']);
      const r = await runCli(['status', '--portal', portal.url, '--now', NOW, '--check-data', '--json', '--org', 'org-a', '--fail-on', 'never'], {
        env: { SATUDATA_CACHE_DIR: mkdtempSync(join(tmpdir(), 'status-cache-push-')), SATUDATA_API_TOKEN: portal.tokens.editor },
      });
      const org = JSON.parse(r.stdout).organizations.find((o: Org) => o.name === 'org-a') as Org;
      expect(org).toMatchObject({ checked: 2, noSchema: 0, invalid: [], unchecked: 0 });
    } finally {
      await portal.close();
    }
  });
});
