/**
 * The plugins start.sh enables: the DataStore (own database, read-only user), the DataTables view
 * as a default view, and ckanext-scheming with the shipped Satu Data schema on the second server.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { action, loadCkanEnv, uniqueName } from './env.js';

const env = loadCkanEnv();
const shipped = JSON.parse(readFileSync(new URL('../../templates/ckan/satudata_dataset.json', import.meta.url), 'utf8'));
const names = (fields: { field_name: string }[]) => fields.map((f) => f.field_name);

describe('ckanext-scheming on schemingUrl', () => {
  it('is the same CKAN (version, site_url) serving the shipped Satu Data schema', async () => {
    const status = await action(env, 'status_show', { base: env.schemingUrl });
    expect(status.result.ckan_version).toBe(env.ckanVersion);
    expect(status.result.site_url).toBe(env.schemingUrl);
    const res = await action(env, 'scheming_dataset_schema_show', { base: env.schemingUrl, query: { type: 'dataset' } });
    expect(res.status).toBe(200);
    expect(res.result.dataset_type).toBe('dataset');
    expect(names(res.result.dataset_fields)).toEqual(names(shipped.dataset_fields));
    expect(names(res.result.resource_fields)).toEqual(names(shipped.resource_fields));
  });

  it('the plain server has no scheming: the action is unknown (400)', async () => {
    // CKAN answers an unknown action with a bare JSON string, not the usual envelope.
    const res = await fetch(new URL('/api/3/action/scheming_dataset_schema_show?type=dataset', env.url));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatch(/Action name not known/);
  });

  it('both servers share one database: a dataset made on one is shown by the other', async () => {
    const name = uniqueName('bersama');
    const made = await action(env, 'package_create', { token: env.editor.token, body: { name, title: 'Bersama', owner_org: env.editor.org } });
    expect(made.status).toBe(200);
    const shown = await action(env, 'package_show', { base: env.schemingUrl, token: env.editor.token, query: { id: name } });
    expect(shown.result.id).toBe(made.result.id);
  });
});

describe('DataStore and the DataTables view', () => {
  it('the editor loads a typed table, reads it back anonymously, and gets the default DataTables view', async () => {
    const ds = await action(env, 'package_create', { token: env.editor.token, body: { name: uniqueName('tabel'), title: 'Tabel', owner_org: env.editor.org } });
    const res = await action(env, 'resource_create', { token: env.editor.token, body: { package_id: ds.result.id, name: 'x', url: 'http://example.org/x.csv', format: 'CSV' } });
    // A view needs a DataStore table: none at resource_create.
    expect((await action(env, 'resource_view_list', { query: { id: res.result.id } })).result).toEqual([]);
    const created = await action(env, 'datastore_create', {
      token: env.editor.token,
      body: {
        resource_id: res.result.id,
        // A resource with a URL (link or upload) is "read-only" for the DataStore: writes need force.
        force: true,
        fields: [{ id: 'kecamatan', type: 'text', info: { label: 'Kecamatan' } }, { id: 'jumlah', type: 'int8' }],
        primary_key: ['kecamatan'],
        records: [{ kecamatan: 'Mariso', jumlah: 12 }, { kecamatan: 'Tamalate', jumlah: 7 }],
      },
    });
    expect(created.status).toBe(200);
    // Read through the read-only user (datastore_search needs no token on a public dataset).
    const search = await action(env, 'datastore_search', { query: { resource_id: res.result.id, sort: 'kecamatan' } });
    expect(search.result.total).toBe(2);
    expect(search.result.fields.map((f: { id: string; type: string }) => `${f.id}:${f.type}`)).toEqual(['_id:int', 'kecamatan:text', 'jumlah:int8']);
    expect(search.result.records.map((r: { jumlah: number }) => r.jumlah)).toEqual([12, 7]);
    // datastore_create does not add views by itself: resource_create_default_resource_views does,
    // and with the DataTables view among ckan.views.default_views it is the table preview.
    const resource = (await action(env, 'resource_show', { query: { id: res.result.id } })).result;
    expect(resource.datastore_active).toBe(true);
    const views = await action(env, 'resource_create_default_resource_views', {
      token: env.editor.token,
      body: { resource, create_datastore_views: true },
    });
    expect(views.status).toBe(200);
    const list = await action(env, 'resource_view_list', { query: { id: res.result.id } });
    expect(list.result.map((v: { view_type: string }) => v.view_type)).toEqual(['datatables_view']);
  });
});
