/**
 * Honest counts against the fake CKAN: a dataset without an active resource is empty (not present),
 * even private with a sysadmin token; a deleted register dataset is shown as deleted with its last
 * update when the token may read it; hostile portal titles reach no reader raw.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { runCli } from './status-helpers.js';

const NOW = '2025-07-01T00:00:00Z';
const EVIL = '=HYPERLINK("http://evil","klik") \u001b]8;;http://evil\u0007\u001b[2J| `x` <h1>judul</h1>';
let ckan: FakeCkan;
let register: string;

beforeAll(async () => {
  ckan = await startFakeCkan({
    orgs: [{ name: 'dinas-sosial', title: EVIL }],
    datasets: [
      { name: 'ada-datanya', org: 'dinas-sosial', metadata_modified: '2025-06-01T00:00:00', resources: [{ name: 'data', url: 'http://files.invalid/a.csv', last_modified: '2025-06-01T00:00:00' }] },
      { name: 'kosong-privat', org: 'dinas-sosial', private: true, metadata_modified: '2025-06-01T00:00:00', resources: [] },
      { name: 'sumber-dihapus', org: 'dinas-sosial', metadata_modified: '2025-06-01T00:00:00', resources: [{ name: 'data', url: 'http://files.invalid/a.csv', state: 'deleted' }] },
      { name: 'sudah-dihapus', org: 'dinas-sosial', state: 'deleted', metadata_modified: '2025-02-03T00:00:00', resources: [{ name: 'data', url: 'http://files.invalid/a.csv', last_modified: '2024-11-05T00:00:00' }] },
      { name: 'judul-jahat', title: EVIL, org: 'dinas-sosial', metadata_modified: '2025-06-01T00:00:00', resources: [{ name: 'data', url: 'http://files.invalid/a.csv' }] },
    ],
  });
  const dir = mkdtempSync(join(tmpdir(), 'status-honest-'));
  register = join(dir, 'daftar.csv');
  writeFileSync(
    register,
    'skpd,dataset,judul,frekuensi\n' +
      ['ada-datanya', 'kosong-privat', 'sumber-dihapus', 'sudah-dihapus', 'tidak-pernah-ada'].map((n) => `dinas-sosial,${n},Judul ${n},tahunan`).join('\n') +
      '\n',
  );
});
afterAll(async () => {
  await ckan.close();
});

const run = (env: Record<string, string>, ...extra: string[]) => runCli(['status', '--portal', ckan.url, '--register', register, '--now', NOW, ...extra], { env });

describe('honest counts', () => {
  it('with a sysadmin token: empty datasets are not present, the deleted one is deleted with its last update', async () => {
    const r = await run({ SATUDATA_API_TOKEN: ckan.tokens.sysadmin }, '--json');
    expect(r.code).toBe(1);
    const org = JSON.parse(r.stdout).organizations.find((o: { name: string }) => o.name === 'dinas-sosial');
    expect(org.present).toBe(1);
    expect(org.empty).toEqual([
      { name: 'kosong-privat', title: 'Judul kosong-privat' },
      { name: 'sumber-dihapus', title: 'Judul sumber-dihapus' },
    ]);
    expect(org.missing).toEqual([
      { name: 'sudah-dihapus', title: 'Judul sudah-dihapus', deleted: true, lastUpdate: '2024-11-05T00:00:00Z' },
      { name: 'tidak-pernah-ada', title: 'Judul tidak-pernah-ada', deleted: false, lastUpdate: null },
    ]);
    expect(org.unexpected).toEqual(['judul-jahat']);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ expected: 5, present: 1, empty: 2, missing: 2, deleted: 1 });
  });

  it('without a token the private one is not visible (missing) and the deleted one cannot be told from never published', async () => {
    const r = await run({}, '--json');
    const org = JSON.parse(r.stdout).organizations.find((o: { name: string }) => o.name === 'dinas-sosial');
    expect(org.empty.map((e: { name: string }) => e.name)).toEqual(['sumber-dihapus']);
    expect(org.missing.map((m: { name: string; deleted: boolean }) => [m.name, m.deleted])).toEqual([
      ['kosong-privat', false],
      ['sudah-dihapus', false],
      ['tidak-pernah-ada', false],
    ]);
  });

  it('the table says deleted with the date, and empty, on a terminal without any escape sequence from the portal', async () => {
    const r = await run({ SATUDATA_API_TOKEN: ckan.tokens.sysadmin }, '--format', 'table', '--lang', 'en');
    expect(r.stdout).toContain('  - Deleted: sudah-dihapus (Yearly), last updated 2024-11-05: Judul sudah-dihapus');
    expect(r.stdout).toContain('  - Empty: kosong-privat, on the portal without an active resource: not published: Judul kosong-privat');
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('=HYPERLINK("http://evil","klik") | `x` <h1>judul</h1> [dinas-sosial]');
  });

  it('CSV for spreadsheets: the formula title is text; Markdown: no raw HTML heading', async () => {
    const csv = await run({}, '--format', 'csv');
    const row = (parse(csv.stdout) as string[][]).find((x) => x[0] === 'dinas-sosial')!;
    expect(row[1]).toBe(`'=HYPERLINK("http://evil","klik") | \`x\` <h1>judul</h1>`);
    const md = await run({}, '--format', 'markdown');
    expect(md.stdout).not.toContain('<h1>');
    expect(md.stdout).toContain('### =HYPERLINK("http://evil","klik") \\| \\`x\\` &lt;h1&gt;judul&lt;/h1&gt; (`dinas-sosial`)');
  });
});
