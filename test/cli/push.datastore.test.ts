/**
 * `satudata push --datastore` (issue 16) against the fake CKAN, running the built binary: typed table
 * and data dictionary, the cast values (Indonesian decimals, dd/mm/yyyy dates, missing markers, Excel
 * dates), idempotency counted in the fake's action log, one changed cell, a schema change, a load
 * interrupted mid-batch and finished by the next push, an invalid table refused, the opt-out.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeCkan } from '../fake-ckan/server.js';
import { datastoreOf, viewsOf } from '../fake-ckan/datastore.js';
import { ACTIONS } from '../fake-ckan/actions.js';
import { runCli, ROOT, type CliResult } from '../helpers/cli.js';
import { editPackage, runCli as runInProcess, uniqueName, useFakeCkan } from './push-helpers.js';

const FIXTURE = join(ROOT, 'test', 'fixtures', 'datastore', 'retribusi');

let ckan: FakeCkan;
useFakeCkan((c) => (ckan = c));

function copy(from: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-ds-'));
  cpSync(from, dir, { recursive: true });
  editPackage(dir, (p) => {
    p.name = name;
    p.sdi.organisasi = 'org-a';
  });
  return dir;
}

interface Pushed extends CliResult {
  /** DataStore actions this run sent (the fake's log). */
  ds: string[];
  writes: string[];
}

async function push(dir: string, extra: string[] = ['--datastore'], env: NodeJS.ProcessEnv = {}): Promise<Pushed> {
  const before = ckan.calls.length;
  const r = await runCli(['push', '--portal', ckan.url, '--json', ...extra], {
    cwd: dir,
    env: { SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_LANG: 'en', SATUDATA_RETRY_DELAY_MS: '1', SATUDATA_CONFIG_DIR: join(dir, '.user-config'), SATUDATA_DATASTORE_BATCH_ROWS: '2', ...env },
  });
  expect(r.stdout + r.stderr).not.toContain(ckan.tokens.editor);
  const calls = ckan.calls.slice(before);
  return { ...r, ds: calls.filter((c) => c.action.startsWith('datastore_')).map((c) => c.action), writes: calls.filter((c) => !/_(show|list|search|info|for_user)$/.test(c.action)).map((c) => c.action) };
}

function resourceOf(dataset: string, name: string) {
  const p = [...ckan.state.packages.values()].find((x) => x.name === dataset)!;
  return p.resources.find((r) => r.satudata_name === name)!;
}

const tableOf = (dataset: string, name: string) => datastoreOf(ckan.state).get(resourceOf(dataset, name).id);

describe('push --datastore', () => {
  it('creates a typed table with the data dictionary, the primary key and the cast rows', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    const r = await push(dir);
    expect(r.stderr).toContain('resource wilayah: no DataStore table, turned off in datapackage.json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const byName = Object.fromEntries(out.resources.map((x: { name: string }) => [x.name, x]));
    expect(byName.retribusi.datastore).toEqual({ action: 'created', rows: 5 });
    expect(byName.wilayah.datastore).toBeUndefined();
    const t = tableOf(name, 'retribusi')!;
    expect(t.fields.map((f) => [f.id, f.type])).toEqual([
      ['kode', 'text'], ['nama', 'text'], ['tanggal', 'date'], ['jumlah_kios', 'int8'], ['retribusi_rp', 'numeric'], ['aktif', 'bool'], ['catatan', 'text'],
    ]);
    expect(t.fields.find((f) => f.id === 'retribusi_rp')!.info).toEqual({ label: 'Retribusi', notes: 'Retribusi diterima.\n\nSatuan: rupiah', unit: 'rupiah' });
    expect(t.fields.find((f) => f.id === 'nama')!.info).toEqual({ label: 'Nama pasar' });
    expect(t.primaryKey).toEqual(['kode']);
    const rows = t.rows.map(({ _id, ...rest }) => rest);
    expect(rows[0]).toEqual({ kode: 'P-01', nama: 'Pasar Terong', tanggal: '2024-01-05', jumlah_kios: 412, retribusi_rp: 1250000.5, aktif: true, catatan: null });
    expect(rows[2]).toMatchObject({ kode: 'P-03', jumlah_kios: null, retribusi_rp: 2400750.25, aktif: false, catatan: null });
    expect(rows[3]).toMatchObject({ kode: 'P-04', retribusi_rp: null, catatan: 'pindah; sementara' });
    expect(rows).toHaveLength(5);
    // 5 rows in batches of 2: create, then 3 inserts, nothing deleted.
    expect(r.ds.filter((a) => a === 'datastore_upsert')).toHaveLength(3);
    expect(r.ds).not.toContain('datastore_delete');
    const res = resourceOf(name, 'retribusi');
    expect(res.datastore_active).toBe(true);
    expect(viewsOf(ckan.state).get(res.id)?.map((v) => v.view_type)).toEqual(['datatables_view']);
    expect(res.satudata_datastore_rows).toBe('5');
    expect(res.satudata_datastore_hash).toMatch(/^[0-9a-f]{64}:[0-9a-f]{64}$/);
    // XLoader/DataPusher compare `hash` with the file's MD5: satudata records the MD5 so they skip it.
    const { createHash } = await import('node:crypto');
    expect(res.hash).toBe(createHash('md5').update(readFileSync(join(dir, 'retribusi.csv'))).digest('hex'));
    expect(resourceOf(name, 'wilayah').hash).toMatch(/^sha256:/);
  });

  it('a second push of the same data writes nothing to the DataStore, nor anything else', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    const again = await push(dir);
    expect(again.code).toBe(0);
    expect(again.writes).toEqual([]);
    expect(again.ds).toEqual(['datastore_info']);
    const out = JSON.parse(again.stdout);
    expect(out.resources.find((x: { name: string }) => x.name === 'retribusi').datastore).toEqual({ action: 'unchanged', rows: 5 });
  });

  it('one changed cell: the table holds exactly the new rows afterwards', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    const csv = join(dir, 'retribusi.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('P-05;Pasar Pannampu;08/01/2024;96;', 'P-05;Pasar Pannampu;08/01/2024;97;'));
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore).toEqual({ action: 'updated', rows: 5 });
    const search = await (await fetch(`${ckan.url}/api/3/action/datastore_search?resource_id=${resourceOf(name, 'retribusi').id}&filters=${encodeURIComponent('{"kode":"P-05"}')}`)).json() as { result: { total: number; records: { jumlah_kios: number }[] } };
    expect(search.result.total).toBe(1);
    expect(search.result.records[0]?.jumlah_kios).toBe(97);
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(5);
    // Same columns: the table is kept (dictionary updated, rows replaced), never dropped.
    expect(r.ds.filter((a) => a === 'datastore_delete')).toHaveLength(1);
  });

  it('a row removed from the file is gone from the table too', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    const csv = join(dir, 'retribusi.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').split('\n').filter((l) => !l.startsWith('P-02')).join('\n'));
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(tableOf(name, 'retribusi')!.rows.map((x) => x.kode)).toEqual(['P-01', 'P-03', 'P-04', 'P-05']);
    expect(resourceOf(name, 'retribusi').satudata_datastore_rows).toBe('4');
  });

  it('a changed column type recreates the table; a changed label only updates the dictionary', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    editPackage(dir, (p) => {
      p.resources[0].schema.fields[3].type = 'number'; // jumlah_kios: int8 → numeric
    });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore).toEqual({ action: 'updated', rows: 5, recreated: true });
    expect(tableOf(name, 'retribusi')!.fields.find((f) => f.id === 'jumlah_kios')!.type).toBe('numeric');
    editPackage(dir, (p) => {
      p.resources[0].schema.fields[1].title = 'Nama resmi pasar';
    });
    const r2 = await push(dir);
    expect(r2.code).toBe(0);
    const d2 = JSON.parse(r2.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore;
    expect(d2).toEqual({ action: 'updated', rows: 5, dictionaryOnly: true });
    expect(tableOf(name, 'retribusi')!.fields.find((f) => f.id === 'nama')!.info).toEqual({ label: 'Nama resmi pasar' });
    // The rows were not touched: no delete, no insert; the next push is unchanged.
    expect(r2.ds.filter((a) => a === 'datastore_delete' || a === 'datastore_upsert')).toEqual([]);
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(5);
    const r3 = await push(dir);
    expect(r3.ds).toEqual(['datastore_info']);
    expect(JSON.parse(r3.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore).toEqual({ action: 'unchanged', rows: 5 });
  });

  it('--dry-run --datastore says what each table would get and writes nothing', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    const ds = async () => {
      const r = await push(dir, ['--datastore', '--dry-run']);
      expect(r.code).toBe(0);
      expect(r.writes).toEqual([]);
      return JSON.parse(r.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore;
    };
    expect(await ds()).toEqual({ action: 'created', rows: 5 });
    expect((await push(dir)).code).toBe(0);
    expect(await ds()).toEqual({ action: 'unchanged', rows: 5 });
    editPackage(dir, (p) => {
      p.resources[0].schema.fields[5].type = 'string';
    });
    expect(await ds()).toEqual({ action: 'updated', rows: 5, recreated: true });
    const text = await runCli(['push', '--portal', ckan.url, '--datastore', '--dry-run'], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_LANG: 'en', SATUDATA_CONFIG_DIR: join(dir, '.user-config') } });
    expect(text.stdout).toContain('DataStore: would be recreated (columns changed) (5 rows)');
  });

  it('a new primary key over values the old rows repeat: the rows are replaced first', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    editPackage(dir, (p) => {
      p.resources[0].schema.primaryKey = ['kode'];
    });
    expect((await push(dir)).code).toBe(0);
    // New data: `aktif` is unique now and becomes the key; in the old rows it repeats ("ya" four times).
    writeFileSync(join(dir, 'retribusi.csv'), 'kode;nama;tanggal;jumlah_kios;retribusi_rp;aktif;catatan\nP-01;A;05/01/2024;1;1;ya;-\nP-02;B;05/01/2024;2;2;tidak;-\n');
    editPackage(dir, (p) => {
      p.resources[0].schema.primaryKey = ['aktif'];
    });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(tableOf(name, 'retribusi')!.primaryKey).toEqual(['aktif']);
    expect(tableOf(name, 'retribusi')!.rows.map((x) => x.kode)).toEqual(['P-01', 'P-02']);
  });

  it('a load interrupted mid-batch leaves no hash; the next push finishes it', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    ckan.setFault({ action: 'datastore_upsert', kind: 'status500', skip: 1, times: Infinity });
    const r = await push(dir);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    const res = resourceOf(name, 'retribusi');
    expect(res.satudata_datastore_hash).toBeUndefined();
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(2); // the first batch landed
    ckan.clearFaults();
    const again = await push(dir);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).resources.find((x: { name: string }) => x.name === 'retribusi').datastore).toEqual({ action: 'created', rows: 5 });
    expect(tableOf(name, 'retribusi')!.rows.map((x) => x.kode)).toEqual(['P-01', 'P-02', 'P-03', 'P-04', 'P-05']);
  });

  it('a batch applied but whose answer was lost is not sent twice', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    ckan.setFault({ action: 'datastore_upsert', kind: 'applied502', skip: 1 });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(r.ds.filter((a) => a === 'datastore_upsert')).toHaveLength(3);
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(5);
  });

  it('a batch refused before it landed is sent again once', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    ckan.setFault({ action: 'datastore_upsert', kind: 'status500', skip: 2 });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(r.ds.filter((a) => a === 'datastore_upsert')).toHaveLength(4);
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(5);
  });

  it('an invalid table is refused with exit 1 and nothing reaches the portal', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    const csv = join(dir, 'retribusi.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(';412;', ';empat ratus;'));
    const r = await push(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('jumlah_kios');
    expect(r.ds).toEqual([]);
    expect([...ckan.state.packages.values()].some((p) => p.name === name)).toBe(false);
  });

  it('a column name CKAN refuses is named before anything is written (exit 1)', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    editPackage(dir, (p) => {
      p.resources[0].schema.fields[6].name = '_catatan';
    });
    writeFileSync(join(dir, 'retribusi.csv'), readFileSync(join(dir, 'retribusi.csv'), 'utf8').replace(';catatan\n', ';_catatan\n'));
    const r = await push(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('resources[retribusi].schema.fields[_catatan]');
    expect(r.ds).toEqual([]);
  });

  it('without --datastore (and no config) no table is made; "datastore": true in the config turns it on', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    const r = await push(dir, []);
    expect(r.code).toBe(0);
    expect(r.ds).toEqual([]);
    expect(JSON.parse(r.stdout).resources[0].datastore).toBeUndefined();
    writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify({ datastore: true }));
    const r2 = await push(dir, []);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout).resources[0].datastore).toEqual({ action: 'created', rows: 5 });
  });

  it('a table changed on the portal by another route is loaded again', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    tableOf(name, 'retribusi')!.rows.pop();
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('the portal table holds 4 rows, not the 5 satudata loaded');
    expect(tableOf(name, 'retribusi')!.rows).toHaveLength(5);
  });

  it('a file replaced on the portal by another route (XLoader then reloaded the table, same columns and count): the table is loaded again too', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    expect((await push(dir)).code).toBe(0);
    const table = tableOf(name, 'retribusi')!;
    const content = (rows: Record<string, unknown>[]) => rows.map(({ _id, ...rest }) => rest);
    const good = content(JSON.parse(JSON.stringify(table.rows)));
    // Another file on the portal (XLoader records its MD5 in `hash`), its rows in the table: same count.
    const { createHash } = await import('node:crypto');
    resourceOf(name, 'retribusi').hash = createHash('md5').update('another file').digest('hex');
    const first = table.rows[0] as Record<string, unknown>;
    const key = Object.keys(first).find((k) => typeof first[k] === 'string' && !k.startsWith('_'))!;
    first[key] = 'FROM THE OTHER FILE';
    const dry = JSON.parse((await push(dir, ['--datastore', '--dry-run'])).stdout);
    expect(dry.resources.find((x: { name: string }) => x.name === 'retribusi').datastore.action).toBe('updated');
    const r = await push(dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.resources.find((x: { name: string }) => x.name === 'retribusi').datastore.action).toBe('updated');
    expect(content(tableOf(name, 'retribusi')!.rows as Record<string, unknown>[])).toEqual(good);
    expect(r.stderr).toContain('the file on the portal had been replaced by another route');
    expect((await push(dir)).writes).toEqual([]);
  });

  it('an Excel table: Excel dates and numbers arrive typed', async () => {
    const name = uniqueName('puskesmas');
    const dir = copy(join(ROOT, 'examples', 'dinkes-puskesmas-kecamatan'), name);
    const r = await push(dir, ['--datastore'], { SATUDATA_DATASTORE_BATCH_ROWS: '5000' });
    expect(r.code).toBe(0);
    const t = tableOf(name, 'puskesmas-per-kecamatan-2024')!;
    expect(t.rows.length).toBe(15);
    for (const row of t.rows) {
      expect(row.tanggal_pemutakhiran).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof row.jumlah_puskesmas).toBe('number');
    }
  });

  it('a portal without the DataStore plugin: exit 3 with an explanation', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    // CKAN without the plugin: 400 "Action name not known" for every datastore_* action.
    const saved = Object.entries(ACTIONS).filter(([k]) => k.startsWith('datastore_'));
    for (const [k] of saved) delete ACTIONS[k];
    try {
      const r = await push(dir);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain(`The portal ${ckan.url} has no DataStore`);
      expect(r.stderr).toContain('Push without --datastore');
    } finally {
      Object.assign(ACTIONS, Object.fromEntries(saved));
    }
  });
});

describe('push --datastore on a terminal', () => {
  it('shows a row progress bar', async () => {
    const name = uniqueName('retribusi');
    const dir = copy(FIXTURE, name);
    const r = await runInProcess(['push', '--portal', ckan.url, '--datastore'], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_DATASTORE_BATCH_ROWS: '2' }, stderrTTY: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/retribusi: DataStore \[#{20}\] 5\/5 rows/);
    expect(r.stdout).toContain('DataStore: created (5 rows)');
  });
});
