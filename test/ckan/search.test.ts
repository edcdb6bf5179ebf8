/** Solr is real: package_search and the organization dataset counts see new datasets at once. */
import { describe, expect, it } from 'vitest';
import { action, loadCkanEnv, uniqueName } from './env.js';

const env = loadCkanEnv();

async function orgCounts(): Promise<Record<string, number>> {
  // all_fields counts come from a Solr facet query (get_group_dataset_counts).
  const res = await action(env, 'organization_list', { query: { all_fields: 'true' } });
  expect(res.status).toBe(200);
  return Object.fromEntries(res.result.map((o: { name: string; package_count: number }) => [o.name, o.package_count]));
}

describe('search (Solr)', () => {
  it('package_search finds a new dataset by a word of its title, in its organization', async () => {
    // Letters only: CKAN's analyzer splits words at letter/digit changes, so a word with digits
    // would also match other datasets' names.
    const word = Array.from({ length: 12 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    const name = uniqueName('cari');
    const created = await action(env, 'package_create', {
      token: env.editor.token,
      body: { name, title: `Data ${word}`, owner_org: env.editor.org, tags: [{ name: 'makassar' }] },
    });
    expect(created.status).toBe(200);

    const byWord = await action(env, 'package_search', { query: { q: word } });
    expect(byWord.status).toBe(200);
    expect(byWord.result.count).toBe(1);
    expect(byWord.result.results[0].name).toBe(name);

    const byOrg = await action(env, 'package_search', { query: { fq: `organization:${env.editor.org} +name:${name}` } });
    expect(byOrg.result.results.map((d: { name: string }) => d.name)).toEqual([name]);

    const byOther = await action(env, 'package_search', { query: { fq: `organization:org-b +name:${name}` } });
    expect(byOther.result.count).toBe(0);
  });

  it('organization_list all_fields counts a new dataset in its organization only', async () => {
    const before = await orgCounts();
    const made = await action(env, 'package_create', {
      token: env.editor.token,
      body: { name: uniqueName('hitung'), owner_org: env.editor.org },
    });
    expect(made.status).toBe(200);
    const after = await orgCounts();
    expect(after['org-a']).toBe((before['org-a'] ?? 0) + 1);
    expect(after['org-b']).toBe(before['org-b']);

    const shown = await action(env, 'organization_show', { query: { id: env.editor.org } });
    expect(shown.result.package_count).toBe(after['org-a']);
  });

  it('current_package_list_with_resources (Solr-backed) lists the newest dataset first', async () => {
    const name = uniqueName('terbaru');
    await action(env, 'package_create', { token: env.editor.token, body: { name, owner_org: env.editor.org } });
    const res = await action(env, 'current_package_list_with_resources', { query: { limit: '5' } });
    expect(res.status).toBe(200);
    expect(res.result[0].name).toBe(name);
  });

  it('a deleted dataset leaves the search index', async () => {
    const name = uniqueName('hapus');
    await action(env, 'package_create', { token: env.editor.token, body: { name, owner_org: env.editor.org } });
    const del = await action(env, 'package_delete', { token: env.editor.token, body: { id: name } });
    expect(del.status).toBe(200);
    const res = await action(env, 'package_search', { query: { fq: `name:${name}` } });
    expect(res.result.count).toBe(0);
  });
});
