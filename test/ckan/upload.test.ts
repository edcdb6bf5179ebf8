/** Uploads: the editor stores a file in CKAN (ckan.storage_path) and gets the same bytes back. */
import { describe, expect, it } from 'vitest';
import { action, loadCkanEnv, uniqueName } from './env.js';

const env = loadCkanEnv();

async function createDataset(name: string) {
  const res = await action(env, 'package_create', {
    token: env.editor.token,
    body: { name, title: `Uji unggah ${name}`, owner_org: env.editor.org },
  });
  expect(res.status).toBe(200);
  return res.result;
}

function uploadForm(packageId: string, fileName: string, bytes: Uint8Array, type: string): FormData {
  const form = new FormData();
  form.set('package_id', packageId);
  form.set('name', fileName);
  form.set('upload', new Blob([bytes], { type }), fileName);
  return form;
}

describe('resource upload', () => {
  it('the editor uploads a CSV and downloads the same bytes back', async () => {
    const name = uniqueName('unggah');
    const ds = await createDataset(name);
    const csv = new TextEncoder().encode('kecamatan,jumlah\nMariso,12\nMamajang,7\n');
    const res = await action(env, 'resource_create', { token: env.editor.token, body: uploadForm(ds.id, 'data.csv', csv, 'text/csv') });
    expect(res.status).toBe(200);
    expect(res.result.url_type).toBe('upload');
    expect(res.result.size).toBe(csv.byteLength);
    expect(res.result.url).toMatch(new RegExp(`^${env.url}/dataset/${ds.id}/resource/${res.result.id}/download/data\\.csv$`));

    const download = await fetch(res.result.url, { headers: { Authorization: env.editor.token } });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(csv);

    const shown = await action(env, 'package_show', { token: env.editor.token, query: { id: name } });
    expect(shown.result.resources.map((r: { id: string }) => r.id)).toEqual([res.result.id]);
  });

  it('replacing the file (resource_patch with a new upload) serves the new bytes', async () => {
    const ds = await createDataset(uniqueName('ganti'));
    const first = new TextEncoder().encode('a,b\n1,2\n');
    const created = await action(env, 'resource_create', { token: env.editor.token, body: uploadForm(ds.id, 'x.csv', first, 'text/csv') });
    const second = new TextEncoder().encode('a,b\n1,2\n3,4\n');
    const form = new FormData();
    form.set('id', created.result.id);
    form.set('upload', new Blob([second], { type: 'text/csv' }), 'x.csv');
    const patched = await action(env, 'resource_patch', { token: env.editor.token, body: form });
    expect(patched.status).toBe(200);
    expect(patched.result.size).toBe(second.byteLength);
    const download = await fetch(patched.result.url, { headers: { Authorization: env.editor.token } });
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(second);
  });

  it('a file over ckan.max_resource_size (10 MB) is refused with a 409 upload error', async () => {
    const ds = await createDataset(uniqueName('besar'));
    const big = new Uint8Array(10 * 1024 * 1024 + 1024);
    const res = await action(env, 'resource_create', { token: env.editor.token, body: uploadForm(ds.id, 'big.bin', big, 'application/octet-stream') });
    expect(res.status).toBe(409);
    expect(res.error.upload).toEqual(['File upload too large']);
  });

  it('the member cannot add a resource to org-a\'s dataset (403)', async () => {
    const ds = await createDataset(uniqueName('tolak'));
    const res = await action(env, 'resource_create', {
      token: env.member.token,
      body: uploadForm(ds.id, 'x.csv', new TextEncoder().encode('a\n1\n'), 'text/csv'),
    });
    expect(res.status).toBe(403);
  });
});
