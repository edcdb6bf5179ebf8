/**
 * Portal contract: what satudata relies on in CKAN's Action API, checked through CkanClient. Runs
 * against the fake CKAN by default, and unchanged against a real CKAN when SATUDATA_CKAN_ENV names its
 * environment file ({url, ckanVersion, sysadmin, orgs, editor, member}). Names are unique per run
 * because a real CKAN keeps its state.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../src/portal/client.js';
import { PortalError } from '../../src/errors.js';
import { startFakeCkan, type CkanEnv, type FakeCkan } from '../fake-ckan/server.js';

let env: CkanEnv;
let fake: FakeCkan | undefined;
const clients: CkanClient[] = [];
const run = `${Date.now().toString(36)}${process.pid}`;
let seq = 0;
const unique = (base: string) => `sdt-${base}-${run}-${++seq}`;

function client(token?: string): CkanClient {
  const c = new CkanClient({ portal: env.url, token, timeoutMs: 20_000, retries: 1, retryDelayMs: 50, lang: 'en', env: {} });
  clients.push(c);
  return c;
}
const as = {
  sysadmin: () => client(env.sysadmin.token),
  editor: () => client(env.editor.token),
  member: () => client(env.member.token),
  anonymous: () => client(),
};

async function failure(p: Promise<unknown>): Promise<PortalError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PortalError) return e;
    throw e;
  }
  throw new Error('expected the portal to refuse');
}

/** 2.12+ keeps resources on package_update without them (ckan-api.md §7). */
function keepsResourcesOnUpdate(version: string): boolean {
  const [maj = 0, min = 0] = version.split('.').map((x) => parseInt(x, 10));
  return maj > 2 || (maj === 2 && min >= 12);
}

type Pkg = { id: string; name: string; state: string; private: boolean; metadata_modified: string; tags: { name: string }[]; extras: { key: string; value: string }[]; resources: Record<string, unknown>[] };

async function createDataset(extra: Record<string, unknown> = {}): Promise<Pkg> {
  return as.editor().action<Pkg>('package_create', {
    name: unique('ds'),
    title: 'Contract dataset',
    owner_org: env.editor.org,
    license_id: 'cc-by',
    tags: [{ name: 'kontrak' }, { name: 'uji coba' }],
    extras: [{ key: 'tahun', value: '2024' }, { key: 'satuan', value: 'orang' }],
    ...extra,
  });
}

beforeAll(async () => {
  if (process.env.SATUDATA_CKAN_ENV) env = JSON.parse(readFileSync(process.env.SATUDATA_CKAN_ENV, 'utf8')) as CkanEnv;
  else {
    fake = await startFakeCkan();
    env = fake.env;
  }
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await fake?.close();
});

describe(`portal contract (${process.env.SATUDATA_CKAN_ENV ? 'real CKAN' : 'fake CKAN'})`, () => {
  it('status_show answers with a CKAN version', async () => {
    const s = await as.anonymous().action<{ ckan_version: string }>('status_show');
    expect(s.ckan_version).toMatch(/^\d+\.\d+/);
  });

  it('user_show without id tells who the token belongs to; a bad token is anonymous, never 401', async () => {
    expect((await as.editor().action<{ name: string }>('user_show')).name).toBe(env.editor.name);
    const e = await failure(client('not-a-token-' + run).action('user_show'));
    expect([403, 404]).toContain(e.status);
  });

  it('organization_list_for_user permission=create_dataset: editors yes, members no', async () => {
    const ed = await as.editor().action<{ name: string }[]>('organization_list_for_user', { permission: 'create_dataset' });
    expect(ed.map((o) => o.name)).toContain(env.editor.org);
    const mem = await as.member().action<{ name: string }[]>('organization_list_for_user', { permission: 'create_dataset' });
    expect(mem.map((o) => o.name)).not.toContain(env.member.org);
    const read = await as.member().action<{ name: string }[]>('organization_list_for_user', { permission: 'read' });
    expect(read.map((o) => o.name)).toContain(env.member.org);
  });

  it('organization_list pages with limit/offset; all_fields is capped at 25', async () => {
    const all = await as.anonymous().action<string[]>('organization_list', { limit: 1000 });
    for (const o of env.orgs) expect(all).toContain(o);
    const page1 = await as.anonymous().action<string[]>('organization_list', { limit: 1, offset: 0 });
    const page2 = await as.anonymous().action<string[]>('organization_list', { limit: 1, offset: 1 });
    expect(page1).toHaveLength(1);
    expect(page1[0]).not.toBe(page2[0]);
    const full = await as.anonymous().action<{ name: string }[]>('organization_list', { all_fields: true, limit: 1000 });
    expect(full.length).toBeLessThanOrEqual(25);
    expect(typeof full[0]?.name).toBe('string');
  });

  it('license_list offers cc-by', async () => {
    const l = await as.anonymous().action<{ id: string }[]>('license_list');
    expect(l.map((x) => x.id)).toContain('cc-by');
  });

  it('package_create: 409 field errors for name, tags and extras', async () => {
    const e = await failure(as.editor().action('package_create', { name: 'Bad Name', owner_org: env.editor.org, tags: [{ name: 'x' }, { name: 'a/b' }], extras: [{ key: 'title', value: 'v' }] }));
    expect(e.status).toBe(409);
    expect(e.ckanType).toBe('Validation Error');
    expect(e.fieldErrors?.name?.join(' ')).toMatch(/lowercase alphanumeric/);
    expect(e.fieldErrors?.tags?.join(' ')).toMatch(/length is less than minimum 2/);
    expect(e.fieldErrors?.tags?.join(' ')).toMatch(/can only contain alphanumeric/);
    expect(Object.entries(e.fieldErrors ?? {}).some(([k, v]) => k.startsWith('extras') && v.join(' ').includes('There is a schema field with the same name'))).toBe(true);
    const reserved = await failure(as.editor().action('package_create', { name: 'new', owner_org: env.editor.org }));
    expect(reserved.fieldErrors?.name?.join(' ')).toMatch(/That name cannot be used/);
  });

  it('package_create: a taken name is "That URL is already in use."; members get 403; GET is refused', async () => {
    const ds = await createDataset();
    const dup = await failure(as.editor().action('package_create', { name: ds.name, owner_org: env.editor.org }));
    expect(dup.status).toBe(409);
    expect(dup.fieldErrors?.name).toContain('That URL is already in use.');
    const member = await failure(as.member().action('package_create', { name: unique('m'), owner_org: env.member.org }));
    expect(member.status).toBe(403);
    const get = await failure(as.editor().action('package_create', { name: unique('g'), owner_org: env.editor.org }, { method: 'GET' }));
    expect(get.status).toBe(400);
  });

  it('package_patch replaces the lists it is sent, keeps the others, and bumps metadata_modified', async () => {
    const ds = await createDataset();
    const patched = await as.editor().action<Pkg>('package_patch', { id: ds.id, tags: [{ name: 'baru' }] });
    expect(patched.tags.map((t) => t.name)).toEqual(['baru']);
    expect(patched.extras.map((x) => x.key).sort()).toEqual(['satuan', 'tahun']);
    expect(patched.metadata_modified > ds.metadata_modified).toBe(true);
  });

  it('package_update wipes omitted tags and extras (and resources up to 2.11)', async () => {
    const ds = await createDataset({ resources: [{ name: 'link', url: 'https://example.org/a.csv' }] });
    const updated = await as.editor().action<Pkg>('package_update', { id: ds.id, name: ds.name, owner_org: env.editor.org, title: 'Updated' });
    expect(updated.tags).toEqual([]);
    expect(updated.extras).toEqual([]);
    expect(updated.resources.length).toBe(keepsResourcesOnUpdate(env.ckanVersion) ? 1 : 0);
  });

  it('uploads: multipart `upload` is stored, served at the resource URL, with our hash extra; patch re-uploads', async () => {
    const ds = await createDataset();
    const dir = mkdtempSync(join(tmpdir(), 'satudata-contract-'));
    const file = join(dir, 'data.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const c = as.editor();
    const r = await c.upload<Record<string, string | number>>('resource_create', { package_id: ds.id, name: 'data', format: 'CSV', mimetype: 'text/csv', satudata_sha256: 'one' }, { path: file, filename: 'data.csv', contentType: 'text/csv', size: 8 });
    expect(r.url_type).toBe('upload');
    expect(r.satudata_sha256).toBe('one');
    expect(Number(r.size)).toBe(8);
    const dl = await fetch(String(r.url), { headers: { Authorization: env.editor.token } });
    expect(await dl.text()).toBe('a,b\n1,2\n');
    writeFileSync(file, 'a,b\n1,2\n3,4\n');
    const p = await c.upload<Record<string, string | number>>('resource_patch', { id: String(r.id), format: 'CSV', mimetype: 'text/csv', satudata_sha256: 'two' }, { path: file, filename: 'data.csv', contentType: 'text/csv', size: 12 });
    expect(p.satudata_sha256).toBe('two');
    expect(await (await fetch(String(p.url), { headers: { Authorization: env.editor.token } })).text()).toBe('a,b\n1,2\n3,4\n');
    const shown = await c.action<Pkg>('package_show', { id: ds.id });
    expect(shown.resources).toHaveLength(1);
  });

  it('drift signals (issue 14): an upload sets size and last_modified; a metadata-only patch keeps last_modified; a re-upload by another route changes both and keeps our extras', async () => {
    const ds = await createDataset();
    const dir = mkdtempSync(join(tmpdir(), 'satudata-contract-'));
    const file = join(dir, 'data.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const c = as.editor();
    const r = await c.upload<Record<string, string | number>>('resource_create', { package_id: ds.id, name: 'Judul manusiawi', satudata_name: 'data', format: 'CSV', mimetype: 'text/csv', satudata_bytes: '8' }, { path: file, filename: 'data.csv', contentType: 'text/csv', size: 8 });
    expect(r.name).toBe('Judul manusiawi');
    expect(r.satudata_name).toBe('data');
    expect(r.size).toBe(8);
    expect(String(r.last_modified)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    const recorded = await c.action<Record<string, string | number>>('resource_patch', { id: String(r.id), satudata_last_modified: String(r.last_modified) });
    expect(recorded.last_modified).toBe(r.last_modified);
    await new Promise((ok) => setTimeout(ok, 20));
    writeFileSync(file, 'x,y\n9,9\n7,7\n');
    const other = await as.sysadmin().upload<Record<string, string | number>>('resource_patch', { id: String(r.id) }, { path: file, filename: 'other.csv', contentType: 'text/csv', size: 12 });
    expect(other.size).toBe(12);
    expect(other.last_modified).not.toBe(r.last_modified);
    expect(other).toMatchObject({ satudata_name: 'data', satudata_bytes: '8', satudata_last_modified: String(r.last_modified) });
  });

  it('private datasets: visible to the sysadmin, 403 for a member of another org and for anonymous', async () => {
    const ds = await createDataset({ private: true });
    expect((await as.sysadmin().action<Pkg>('package_show', { id: ds.name })).private).toBe(true);
    expect((await failure(as.member().action('package_show', { id: ds.name }))).status).toBe(403);
    expect((await failure(as.anonymous().action('package_show', { id: ds.name }))).status).toBe(403);
    const search = await as.anonymous().action<{ results: Pkg[] }>('package_search', { fq: `name:${ds.name}`, include_private: true });
    expect(search.results).toHaveLength(0);
    const own = await as.editor().action<{ results: Pkg[] }>('package_search', { fq: `name:${ds.name}`, include_private: true });
    expect(own.results.map((x) => x.name)).toEqual([ds.name]);
  });

  it('deleted datasets: the org editor still sees them with state deleted and can restore them', async () => {
    const ds = await createDataset();
    await as.editor().action('package_delete', { id: ds.id });
    expect((await as.editor().action<Pkg>('package_show', { id: ds.name })).state).toBe('deleted');
    expect([403, 404]).toContain((await failure(as.member().action('package_show', { id: ds.name }))).status);
    const restored = await as.editor().action<Pkg>('package_patch', { id: ds.id, state: 'active' });
    expect(restored).toMatchObject({ id: ds.id, state: 'active' });
  });

  it('package_search: fq on organization, rows/start pages are disjoint', async () => {
    const a = await createDataset();
    const b = await createDataset();
    const fq = `organization:${env.editor.org}`;
    const p1 = await as.editor().action<{ count: number; results: Pkg[] }>('package_search', { fq, rows: 1, start: 0, sort: 'metadata_created desc', include_private: true });
    const p2 = await as.editor().action<{ count: number; results: Pkg[] }>('package_search', { fq, rows: 1, start: 1, sort: 'metadata_created desc', include_private: true });
    expect(p1.count).toBeGreaterThanOrEqual(2);
    expect(p1.results[0]?.name).not.toBe(p2.results[0]!.name);
    expect([a.name, b.name]).toContain(p1.results[0]!.name);
    const capped = await as.anonymous().action<{ results: Pkg[] }>('package_search', { rows: 5000 });
    expect(capped.results.length).toBeLessThanOrEqual(1000);
  });

  it('package_list pages names of public datasets', async () => {
    const ds = await createDataset();
    const names = await as.anonymous().action<string[]>('package_list', {});
    expect(names).toContain(ds.name);
    expect(await as.anonymous().action<string[]>('package_list', { limit: 1, offset: 0 })).toHaveLength(1);
  });
});
