/** The metadata prompts' portal lookups, against the fake CKAN: orgs for the token, licences, slug owners, offline fallback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../../src/portal/client.js';
import { ckanMetadataPortal } from '../../../src/portal/lookups.js';
import { startFakeCkan, type FakeCkan } from '../../fake-ckan/server.js';

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan({
    datasets: [
      { name: 'kebakaran-2024', org: 'org-a' },
      { name: 'rahasia', org: 'org-b', private: true },
    ],
  });
});
afterAll(async () => ckan?.close());

function portal(token?: string) {
  const warnings: unknown[] = [];
  const client = new CkanClient({ portal: ckan.url, token, retries: 0, env: {} });
  return { p: ckanMetadataPortal(client, Boolean(token), (e) => warnings.push(e)), warnings, client };
}

describe('metadata portal lookups', () => {
  it('lists the organizations the token may create datasets in', async () => {
    const { p, client } = portal(ckan.tokens.editor);
    expect((await p.organizations())!.map((o) => o.name)).toEqual([ckan.env.editor.org]);
    await client.close();
  });

  it('without a token, offers no portal organizations (the bundled SKPD list is used)', async () => {
    const { p, client } = portal();
    expect(await p.organizations()).toBeUndefined();
    await client.close();
  });

  it('reads the licence list', async () => {
    const { p, client } = portal();
    const list = (await p.licenses())!;
    expect(list.some((l) => l.id === 'cc-by')).toBe(true);
    await client.close();
  });

  it('tells who owns a dataset name: an organization, free, or hidden', async () => {
    const { p, client } = portal(ckan.tokens.editor);
    expect(await p.datasetOwner('kebakaran-2024')).toBe('org-a');
    expect(await p.datasetOwner('belum-ada')).toBeNull();
    expect(await p.datasetOwner('rahasia')).toBe('?');
    await client.close();
  });

  it('an unreachable portal answers undefined and reports each failure (the prompt kit prints one note)', async () => {
    const client = new CkanClient({ portal: 'http://127.0.0.1:9', retries: 0, timeoutMs: 2000, env: {} });
    const warnings: unknown[] = [];
    const p = ckanMetadataPortal(client, true, (e) => warnings.push(e));
    expect(await p.licenses()).toBeUndefined();
    expect(await p.datasetOwner('x')).toBeUndefined();
    expect(warnings.length).toBe(2);
    await client.close();
  });
});
