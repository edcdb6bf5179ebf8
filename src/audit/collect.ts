/**
 * Collection: read every organization and every dataset of the portal into a PortalSnapshot.
 * Never trusts one page (ckan-api.md §4, §8.10): organization_list is capped (25 with all_fields,
 * 1000 without) and package_search rows at 1000, silently, so every listing is paged until it is
 * exhausted. When search (Solr) fails, falls back to the DB-backed actions with a warning.
 */
import { PortalError } from '../errors.js';
import type { Lang, Msg } from '../i18n.js';
import { PORTAL_CODES } from '../portal/response.js';
import { mapLimit } from './pool.js';
import type { PortalDataset, PortalOrganization, PortalSnapshot } from './types.js';

/** The part of CkanClient the audit uses (a structural type, so tests can pass a stub). */
export interface ActionCaller {
  action<T>(name: string, params?: object, opts?: { method?: 'GET' | 'POST' }): Promise<T>;
}

export interface CollectOptions {
  portal: string;
  /** A token was given: ask for private datasets too (they count as present for a member). */
  withToken: boolean;
  /** Dataset names the register expects; in the fallback each is looked up with package_show. */
  expectedNames?: string[];
  concurrency?: number;
  lang?: Lang;
  /** Progress and warnings as they happen (stderr). */
  onWarning?: (message: string) => void;
}

interface CkanOrg {
  name: string;
  title?: string;
}
interface CkanPackage {
  name: string;
  title?: string;
  private?: boolean;
  state?: string;
  organization?: { name?: string } | null;
  metadata_modified?: string | null;
  resources?: { last_modified?: string | null; created?: string | null; state?: string }[];
  extras?: { key: string; value: unknown }[];
  frekuensi_penerbitan?: unknown;
}
interface SearchResult {
  count: number;
  results: CkanPackage[];
}

const ORG_PAGE_ALL_FIELDS = 25;
const ORG_PAGE_NAMES = 1000;
const SEARCH_ROWS = 1000;
const LIST_PAGE = 1000;

/** Network-level failures mean the portal is down: no fallback can help, so they end the audit (exit 3). */
function isNetworkFailure(e: unknown): boolean {
  return e instanceof PortalError && (e.code === PORTAL_CODES.network || e.code === PORTAL_CODES.timeout);
}

export function toPortalDataset(p: CkanPackage): PortalDataset {
  const extra = p.extras?.find((x) => x.key === 'frekuensi_penerbitan')?.value ?? p.frekuensi_penerbitan;
  return {
    name: p.name,
    title: p.title || p.name,
    org: p.organization?.name ?? '',
    private: Boolean(p.private),
    metadataModified: p.metadata_modified ?? null,
    resources: (p.resources ?? []).filter((r) => r.state === undefined || r.state === 'active').map((r) => ({ lastModified: r.last_modified ?? null, created: r.created ?? null })),
    ...(typeof extra === 'string' ? { frequency: extra } : {}),
  };
}

/**
 * Page through a listing by offset until an empty page. A short page is not the end: the server's
 * cap may be lower than the limit we asked for. A page of only known items means the server ignores
 * `offset`; stop there instead of looping forever.
 */
type Warn = (m: Msg) => void;

async function pageAll<T>(fetchPage: (offset: number) => Promise<T[]>, key: (t: T) => string, warn: Warn, what: string): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  for (let offset = 0; ; ) {
    const page = await fetchPage(offset);
    if (page.length === 0) return out;
    const fresh = page.filter((t) => !seen.has(key(t)));
    if (fresh.length === 0) {
      warn({
        id: `${what}: portal mengulang halaman yang sama pada offset ${offset}; daftar mungkin tidak lengkap.`,
        en: `${what}: the portal repeated a page at offset ${offset}; the listing may be incomplete.`,
      });
      return out;
    }
    for (const t of fresh) {
      seen.add(key(t));
      out.push(t);
    }
    offset += page.length;
  }
}

async function organizationsWithTitles(client: ActionCaller, warn: Warn): Promise<PortalOrganization[]> {
  const orgs = await pageAll<CkanOrg>(
    (offset) =>
      client.action<CkanOrg[]>('organization_list', { all_fields: true, include_dataset_count: false, limit: ORG_PAGE_ALL_FIELDS, offset, sort: 'name asc' }),
    (o) => o.name,
    warn,
    'organization_list',
  );
  return orgs.map((o) => ({ name: o.name, title: o.title || o.name }));
}

/** package_search over the whole portal: first page for the count, the rest concurrently. */
async function searchAll(client: ActionCaller, opts: CollectOptions, warn: Warn): Promise<PortalDataset[]> {
  // CKAN applies no dataset-type filter by default: harvest sources and showcases would count as datasets.
  const params = { q: '*:*', fq: '+dataset_type:dataset', rows: SEARCH_ROWS, sort: 'name asc', include_private: opts.withToken, include_drafts: false };
  const first = await client.action<SearchResult>('package_search', { ...params, start: 0 });
  const pageSize = first.results.length;
  const all = [...first.results];
  if (pageSize > 0 && first.count > pageSize) {
    const starts: number[] = [];
    for (let s = pageSize; s < first.count; s += pageSize) starts.push(s);
    const pages = await mapLimit(starts, opts.concurrency ?? 8, (start) => client.action<SearchResult>('package_search', { ...params, start }));
    for (const p of pages) all.push(...p.results);
  }
  const byName = new Map(all.map((p) => [p.name, p]));
  if (byName.size < first.count) {
    warn({
      id: `package_search: portal menyebut ${first.count} dataset, yang diterima ${byName.size} (portal berubah selama audit?).`,
      en: `package_search: ${first.count} datasets announced, ${byName.size} received (the portal changed during the audit?).`,
    });
  }
  return [...byName.values()].filter((p) => p.state === undefined || p.state === 'active').map(toPortalDataset);
}

async function fallback(client: ActionCaller, opts: CollectOptions, warn: Warn): Promise<{ organizations: PortalOrganization[]; datasets: PortalDataset[] }> {
  const limit = opts.concurrency ?? 8;
  const names = await pageAll<string>((offset) => client.action<string[]>('organization_list', { limit: ORG_PAGE_NAMES, offset }), (n) => n, warn, 'organization_list');
  // organization_show with every Solr-backed extra switched off is a pure DB read (ckan-api.md §4).
  const organizations = await mapLimit(names, limit, async (name) => {
    try {
      const o = await client.action<CkanOrg>('organization_show', {
        id: name,
        include_dataset_count: false,
        include_datasets: false,
        include_users: false,
        include_followers: false,
        include_extras: false,
        include_groups: false,
      });
      return { name, title: o.title || name };
    } catch (e) {
      if (isNetworkFailure(e)) throw e;
      return { name, title: name };
    }
  });
  // package_list has public datasets only; the register's names are looked up one by one so that
  // private datasets a member may read still count as present.
  const listed = await pageAll<string>((offset) => client.action<string[]>('package_list', { limit: LIST_PAGE, offset }), (n) => n, warn, 'package_list');
  const toShow = [...new Set([...(opts.expectedNames ?? []), ...listed])];
  const shown = await mapLimit(toShow, limit, async (id) => {
    try {
      return await client.action<CkanPackage>('package_show', { id });
    } catch (e) {
      // 404: not there; 403: private and we may not read it. Both mean "not published" for this caller.
      if (e instanceof PortalError && (e.status === 404 || e.status === 403)) return undefined;
      throw e;
    }
  });
  const datasets = shown.filter((p): p is CkanPackage => p !== undefined && (p.state === undefined || p.state === 'active')).map(toPortalDataset);
  return { organizations, datasets };
}

export async function collect(client: ActionCaller, opts: CollectOptions): Promise<PortalSnapshot> {
  const warnings: string[] = [];
  const warn: Warn = (m) => {
    const text = m[opts.lang ?? 'id'];
    warnings.push(text);
    opts.onWarning?.(text);
  };
  try {
    const [organizations, datasets] = await Promise.all([organizationsWithTitles(client, warn), searchAll(client, opts, warn)]);
    return { portal: opts.portal, organizations, datasets, via: 'search', warnings };
  } catch (e) {
    if (isNetworkFailure(e) || !(e instanceof PortalError)) throw e;
    warn({
      id: `Pencarian di portal gagal (${e.message}); beralih ke package_list + package_show (lebih lambat; dataset di luar Daftar Data: hanya yang publik).`,
      en: `Search on the portal failed (${e.message}); falling back to package_list + package_show (slower; datasets outside the register: public ones only).`,
    });
  }
  const { organizations, datasets } = await fallback(client, opts, warn);
  return { portal: opts.portal, organizations, datasets, via: 'fallback', warnings };
}
