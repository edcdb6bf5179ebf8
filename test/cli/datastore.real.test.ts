/**
 * `push --datastore` against the real CKAN of test/ckan/start.sh, on the server with ckanext-scheming
 * (env.schemingUrl: the portal a citizen of a Satu Data city sees). Through the API: row count, column
 * types, dictionary labels, a re-push that writes nothing (counted by a recording proxy in front of
 * CKAN), one changed cell that shows up in datastore_search; and headless Chromium renders the resource
 * page with the DataTables preview showing the rows (screenshot in $STATE/resource-page.png, the one in
 * docs/resource-page.png was taken by this test).
 */
import { createServer, request, type Server } from 'node:http';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { action, loadCkanEnv } from '../ckan/env.js';
import { editPackage, runCli, uniqueName } from './push-helpers.js';

const env = loadCkanEnv();
const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'datastore', 'retribusi');
const SCREENSHOT = join(dirname(process.env.SATUDATA_CKAN_ENV ?? tmpdir()), 'resource-page.png');

/** A pass-through proxy to the scheming server that records the action names it forwards. */
let proxy: Server;
let proxyUrl = '';
const seen: string[] = [];
beforeAll(async () => {
  const target = new URL(env.schemingUrl);
  proxy = createServer((req, res) => {
    const m = /^\/api\/(?:3\/)?action\/([^/?]+)/.exec(req.url ?? '');
    if (m?.[1]) seen.push(m[1]);
    const fwd = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, host: target.host } }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  proxy.closeAllConnections();
  await new Promise<void>((r) => proxy.close(() => r()));
});

function copy(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-ds-real-'));
  cpSync(FIXTURE, dir, { recursive: true });
  editPackage(dir, (p) => {
    p.name = name;
    p.sdi.organisasi = env.editor.org;
  });
  return dir;
}

async function push(dir: string) {
  const before = seen.length;
  const r = await runCli(['push', '--portal', proxyUrl, '--datastore', '--json'], { cwd: dir, env: { SATUDATA_API_TOKEN: env.editor.token } });
  expect(r.stdout + r.stderr).not.toContain(env.editor.token);
  const calls = seen.slice(before);
  const out = r.code === 0 ? JSON.parse(r.stdout) : undefined;
  const ds = (res: string) => out?.resources.find((x: { name: string }) => x.name === res)?.datastore;
  return { ...r, out, ds, calls, writes: calls.filter((a) => !/_(show|list|search|info|for_user)$/.test(a)) };
}

const ckan = (name: string, query: Record<string, string>) => action(env, name, { base: env.schemingUrl, query });

describe('push --datastore against the real CKAN (with scheming)', () => {
  const name = uniqueName('real-datastore');
  let dir = '';
  let resourceId = '';
  let datasetId = '';

  it('loads a typed table with its data dictionary: row count, column types, labels, cast values', async () => {
    dir = copy(name);
    const r = await push(dir);
    expect(r.stderr).not.toMatch(/\bat \w+ \(/); // no stack trace
    expect(r.code, r.stderr).toBe(0);
    expect(r.ds('retribusi')).toEqual({ action: 'created', rows: 5 });
    expect(r.calls).toContain('datastore_create');
    const shown = (await ckan('package_show', { id: name })).result;
    datasetId = shown.id;
    const res = shown.resources.find((x: { satudata_name: string }) => x.satudata_name === 'retribusi');
    resourceId = res.id;
    expect(res.datastore_active).toBe(true);

    const search = (await ckan('datastore_search', { resource_id: resourceId, sort: 'kode' })).result;
    expect(search.total).toBe(5);
    const byId = Object.fromEntries(search.fields.map((f: { id: string; type: string; info?: { label?: string } }) => [f.id, f]));
    expect(Object.fromEntries(Object.entries(byId).map(([k, f]: [string, any]) => [k, f.type]))).toEqual({
      _id: 'int', kode: 'text', nama: 'text', tanggal: 'date', jumlah_kios: 'int8', retribusi_rp: 'numeric', aktif: 'bool', catatan: 'text',
    });
    expect(byId.kode.info.label).toBe('Kode pasar');
    expect(byId.retribusi_rp.info.label).toBe('Retribusi');
    expect(byId.tanggal.info.notes).toMatch(/Tanggal posisi data/);
    const p = (kode: string) => search.records.find((x: { kode: string }) => x.kode === kode);
    expect(Number(p('P-01').retribusi_rp)).toBe(1250000.5);
    expect(p('P-01').tanggal).toMatch(/^2024-01-05/);
    expect(p('P-01').aktif).toBe(true);
    expect(p('P-03').jumlah_kios).toBeNull();
    expect(p('P-04').retribusi_rp).toBeNull();
    expect(p('P-04').catatan).toBe('pindah; sementara');

    const info = (await action(env, 'datastore_info', { base: env.schemingUrl, token: env.editor.token, body: { id: resourceId } })).result;
    expect(info.meta.count).toBe(5);
    // The schema's primaryKey: CKAN 2.11 reports it as the only indexed column (schema.is_index).
    expect(info.fields.filter((f: { schema: { is_index: boolean } }) => f.schema.is_index).map((f: { id: string }) => f.id)).toEqual(['kode']);
    const views = (await ckan('resource_view_list', { id: resourceId })).result;
    expect(views.map((v: { view_type: string }) => v.view_type)).toContain('datatables_view');
  });

  it('a re-push that changes nothing is unchanged and writes nothing (no DataStore call beyond reads)', async () => {
    const before = (await ckan('package_show', { id: name })).result.metadata_modified;
    const r = await push(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.ds('retribusi')).toEqual({ action: 'unchanged', rows: 5 });
    expect(r.out.dataset.action).toBe('unchanged');
    expect(r.writes).toEqual([]);
    expect(r.calls.filter((a) => /^datastore_(create|upsert|delete)$/.test(a))).toEqual([]);
    expect((await ckan('package_show', { id: name })).result.metadata_modified).toBe(before);
  });

  it('one changed cell shows up in datastore_search, the table keeps its 5 rows', async () => {
    const csv = join(dir, 'retribusi.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('P-05;Pasar Pannampu;08/01/2024;96;', 'P-05;Pasar Pannampu;08/01/2024;97;'));
    const r = await push(dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.ds('retribusi')).toEqual({ action: 'updated', rows: 5 });
    const search = (await ckan('datastore_search', { resource_id: resourceId, filters: JSON.stringify({ kode: 'P-05' }) })).result;
    expect(search.total).toBe(1);
    expect(search.records[0].jumlah_kios).toBe(97);
    expect((await ckan('datastore_search', { resource_id: resourceId, limit: '0' })).result.total).toBe(5);
  });

  it('headless Chromium: the resource page shows the DataTables preview with the rows', async () => {
    const profile = mkdtempSync(join(tmpdir(), 'satudata-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1200, height: 880 },
      locale: 'id-ID',
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${env.schemingUrl}/id/dataset/${datasetId}/resource/${resourceId}`, { waitUntil: 'load' });
      const frame = page.frameLocator('iframe[src*="/view/"]');
      const cells = frame.locator('table tbody tr td');
      await cells.filter({ hasText: 'Pasar Terong' }).first().waitFor({ timeout: 30000 });
      const rows = await frame.locator('table tbody tr').allInnerTexts();
      expect(rows.length).toBe(5);
      expect(rows.join('\n')).toMatch(/Pasar Pannampu[\s\S]*97/);
      const header = (await frame.locator('table thead').first().innerText()).replace(/\s+/g, ' ');
      expect(header).toMatch(/Kode pasar|kode/);
      await page.screenshot({ path: SCREENSHOT });
      expect(existsSync(SCREENSHOT) && statSync(SCREENSHOT).size).toBeGreaterThan(20000);
    } finally {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
