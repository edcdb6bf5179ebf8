import { describe, expect, it } from 'vitest';
import { collect, toPortalDataset, type ActionCaller } from '../../../src/audit/collect.js';
import { PortalError } from '../../../src/errors.js';
import { PORTAL_CODES } from '../../../src/portal/response.js';

type Params = Record<string, unknown>;
type Handler = (p: Params) => unknown;

/** A stub portal: each action a function of its params; records every call. */
function stub(handlers: Record<string, Handler>): ActionCaller & { calls: [string, Params][] } {
  const calls: [string, Params][] = [];
  return {
    calls,
    async action<T>(name: string, params: object = {}): Promise<T> {
      calls.push([name, params as Params]);
      const h = handlers[name];
      if (!h) throw new PortalError(`no ${name}`, { status: 400 });
      return h(params as Params) as T;
    },
  };
}

const orgNames = Array.from({ length: 23 }, (_, i) => `org-${String(i).padStart(2, '0')}`);
const pkgs = Array.from({ length: 20 }, (_, i) => ({ name: `ds-${String(i).padStart(2, '0')}`, title: `DS ${i}`, organization: { name: orgNames[i % 5] }, metadata_modified: '2024-01-01T00:00:00', resources: [] }));
/** Caps like CKAN, but lower: 10 organizations per page whatever the limit, 7 search rows. */
const cappedOrgs: Handler = (p) => orgNames.slice(Number(p.offset ?? 0), Number(p.offset ?? 0) + Math.min(Number(p.limit ?? 10), 10)).map((name) => (p.all_fields ? { name, title: name.toUpperCase() } : name));
const cappedSearch: Handler = (p) => ({ count: pkgs.length, results: pkgs.slice(Number(p.start ?? 0), Number(p.start ?? 0) + Math.min(Number(p.rows ?? 10), 7)) });

describe('collect: paging never trusts one page', () => {
  it('reads every organization and dataset through caps lower than asked for', async () => {
    const client = stub({ organization_list: cappedOrgs, package_search: cappedSearch });
    const snap = await collect(client, { portal: 'p', withToken: true, concurrency: 2 });
    expect(snap.via).toBe('search');
    expect(snap.warnings).toEqual([]);
    expect(snap.organizations.map((o) => o.name)).toEqual(orgNames);
    expect(snap.organizations[0]!.title).toBe('ORG-00');
    expect(snap.datasets.map((d) => d.name)).toEqual(pkgs.map((p) => p.name));
    const starts = client.calls.filter(([a]) => a === 'package_search').map(([, p]) => p.start);
    expect(starts).toEqual([0, 7, 14]);
    expect(client.calls.find(([a]) => a === 'package_search')![1]).toMatchObject({ include_private: true, rows: 1000, sort: 'name asc' });
    // 23 organizations at 10 per page: 3 pages (the last one short) and the empty one that ends the listing.
    expect(client.calls.filter(([a]) => a === 'organization_list').map(([, p]) => p.offset)).toEqual([0, 10, 20, 23]);
  });

  it('stops with a warning when the server ignores offset, and warns when fewer datasets arrive than announced', async () => {
    const client = stub({
      organization_list: () => [{ name: 'same', title: 'Same' }],
      package_search: (p) => ({ count: 30, results: Number(p.start) === 0 ? pkgs.slice(0, 10) : pkgs.slice(0, 10) }),
    });
    const warnings: string[] = [];
    const snap = await collect(client, { portal: 'p', withToken: false, lang: 'en', onWarning: (m) => warnings.push(m) });
    expect(snap.organizations).toEqual([{ name: 'same', title: 'Same' }]);
    expect(snap.datasets.length).toBe(10);
    expect(warnings).toEqual([
      'organization_list: the portal repeated a page at offset 1; the listing may be incomplete.',
      'package_search: 30 datasets announced, 10 received (the portal changed during the audit?).',
    ]);
  });
});

describe('collect: fallback when search fails', () => {
  const searchDown: Handler = () => {
    throw new PortalError('Search Connection Error', { status: 500, ckanType: 'Search Connection Error', code: PORTAL_CODES.server });
  };

  it('uses organization_list names, organization_show, package_list and package_show per name', async () => {
    const shown: Record<string, unknown> = {
      'ds-00': pkgs[0],
      'ds-01': { ...pkgs[1], state: 'deleted' },
      'reg-private': { name: 'reg-private', title: 'Private', private: true, organization: { name: 'org-01' }, resources: [] },
    };
    const client = stub({
      organization_list: (p) => (p.all_fields ? cappedOrgs(p) : cappedOrgs(p)),
      organization_show: (p) => {
        if (p.id === 'org-02') throw new PortalError('boom', { status: 500 });
        return { name: p.id, title: `Title ${String(p.id)}` };
      },
      package_search: searchDown,
      package_list: (p) => (Number(p.offset ?? 0) === 0 ? ['ds-00', 'ds-01'] : []),
      package_show: (p) => {
        if (p.id === 'reg-forbidden') throw new PortalError('403', { status: 403 });
        if (!shown[String(p.id)]) throw new PortalError('404', { status: 404 });
        return shown[String(p.id)];
      },
    });
    const warnings: string[] = [];
    const snap = await collect(client, { portal: 'p', withToken: true, expectedNames: ['reg-private', 'reg-forbidden', 'reg-absent', 'ds-00'], onWarning: (m) => warnings.push(m) });
    expect(snap.via).toBe('fallback');
    expect(warnings[0]).toMatch(/^Pencarian di portal gagal \(Search Connection Error\); beralih ke package_list \+ package_show/);
    expect(snap.organizations.length).toBe(23);
    expect(snap.organizations.find((o) => o.name === 'org-01')!.title).toBe('Title org-01');
    expect(snap.organizations.find((o) => o.name === 'org-02')!.title).toBe('org-02');
    expect(snap.datasets.map((d) => [d.name, d.private])).toEqual([
      ['reg-private', true],
      ['ds-00', false],
    ]);
    // organization_list without all_fields in the fallback (all_fields needs Solr for its counts).
    expect(client.calls.filter(([a, p]) => a === 'organization_list' && !p.all_fields).length).toBeGreaterThan(0);
  });

  it('does not fall back when the portal is unreachable: the network error ends the audit', async () => {
    const down: Handler = () => {
      throw new PortalError('Cannot reach the portal', { code: PORTAL_CODES.network });
    };
    const client = stub({ organization_list: down, package_search: down });
    await expect(collect(client, { portal: 'p', withToken: false })).rejects.toThrow('Cannot reach the portal');
    expect(client.calls.some(([a]) => a === 'package_list')).toBe(false);
  });
});

describe('toPortalDataset', () => {
  it('keeps active resources, reads the frequency extra, tolerates missing fields', () => {
    expect(
      toPortalDataset({
        name: 'x',
        resources: [{ last_modified: '2024-01-01T00:00:00', state: 'active' }, { last_modified: '2025-01-01T00:00:00', state: 'deleted' }, { created: '2023-01-01T00:00:00' }],
        extras: [{ key: 'frekuensi_penerbitan', value: 'bulanan' }],
      }),
    ).toEqual({
      name: 'x',
      title: 'x',
      org: '',
      private: false,
      metadataModified: null,
      resources: [
        { lastModified: '2024-01-01T00:00:00', created: null, size: null, hash: null, metadataModified: null },
        { lastModified: null, created: '2023-01-01T00:00:00', size: null, hash: null, metadataModified: null },
      ],
      frequency: 'bulanan',
    });
  });
});

describe('collect: a hostile portal cannot exhaust memory or send a million requests (documented limits)', () => {
  const orgs: Handler = (p) => (Number(p.offset ?? 0) === 0 ? [{ name: 'a' }] : []);
  it.each([
    ['count: 1e12', { count: 1e12, results: [{ name: 'x' }] }, /package_search: portal mencantumkan lebih dari 100000 entri/],
    ['a count that is not a number', { count: 'banyak', results: [] }, /package_search: portal menjawab jumlah yang mustahil \(banyak\)/],
    ['a negative count', { count: -5, results: [] }, /jumlah yang mustahil/],
    ['one row per page for 90,000 datasets (90,000 pages)', { count: 90_000, results: [{ name: 'x' }] }, /lebih dari 5000 halaman/],
  ])('%s: exit 3 after one search request, no fallback', async (_, answer, message) => {
    const client = stub({ organization_list: orgs, package_search: () => answer, package_list: () => [] });
    const e = await collect(client, { portal: 'p', withToken: false }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PortalError);
    expect((e as PortalError).exitCode).toBe(3);
    expect((e as PortalError).message).toMatch(message);
    expect(client.calls.filter(([a]) => a === 'package_search').length).toBe(1);
    expect(client.calls.some(([a]) => a === 'package_list')).toBe(false);
  });

  it('endless organization pages (every page full and new) stop at the limit with a clear error', async () => {
    let served = 0;
    const endless: Handler = (p) => {
      served++;
      const off = Number(p.offset ?? 0);
      return Array.from({ length: 25 }, (_, i) => ({ name: `org-${off + i}` }));
    };
    const client = stub({ organization_list: endless, package_search: () => ({ count: 0, results: [] }) });
    const e = await collect(client, { portal: 'p', withToken: false }).catch((x: unknown) => x);
    expect((e as PortalError).message).toMatch(/^organization_list: portal mencantumkan lebih dari 10000 entri/);
    // 10,000 organizations at 25 a page: about 400 requests, never 671,000.
    expect(served).toBeLessThanOrEqual(10_000 / 25 + 2);
  });

  it('endless package_list pages in the fallback stop too', async () => {
    let served = 0;
    const client = stub({
      organization_list: (p) => (Number(p.offset ?? 0) === 0 ? ['a'] : []),
      organization_show: () => ({ name: 'a' }),
      package_list: (p) => {
        served++;
        return Array.from({ length: 1000 }, (_, i) => `ds-${Number(p.offset ?? 0) + i}`);
      },
    });
    const e = await collect(client, { portal: 'p', withToken: false }).catch((x: unknown) => x);
    expect((e as PortalError).message).toMatch(/^package_list: portal mencantumkan lebih dari 100000 entri/);
    expect(served).toBeLessThanOrEqual(102);
  });
});

describe('collect: deleted register datasets', () => {
  it('looks up register names search did not return; a deleted one comes back with its last update, a 403 stays missing', async () => {
    const client = stub({
      organization_list: (p) => (Number(p.offset ?? 0) === 0 ? [{ name: 'a' }] : []),
      package_search: () => ({ count: 1, results: [{ name: 'here', organization: { name: 'a' }, resources: [{}] }] }),
      package_show: (p) => {
        if (p.id === 'gone') return { name: 'gone', state: 'deleted', organization: { name: 'a' }, metadata_modified: '2025-03-01T00:00:00', resources: [{ last_modified: '2024-12-01T00:00:00' }] };
        throw new PortalError('forbidden', { status: 403 });
      },
    });
    const snap = await collect(client, { portal: 'p', withToken: true, expectedNames: ['here', 'gone', 'secret'] });
    expect(snap.deleted).toEqual([{ name: 'gone', org: 'a', lastUpdate: '2024-12-01T00:00:00Z' }]);
    expect(client.calls.filter(([a]) => a === 'package_show').map(([, p]) => p.id).sort()).toEqual(['gone', 'secret']);
  });
});
