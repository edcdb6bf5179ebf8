/**
 * Collection: read every organization and every dataset of the portal into a PortalSnapshot.
 * Never trusts one page (ckan-api.md §4, §8.10): organization_list is capped (25 with all_fields,
 * 1000 without) and package_search rows at 1000, silently, so every listing is paged until it is
 * exhausted. When search (Solr) fails, falls back to the DB-backed actions with a warning.
 */
import { PortalError } from '../errors.js';
import type { Lang, Msg } from '../i18n.js';
import { PORTAL_CODES } from '../portal/response.js';
import { lastUpdateOf } from './audit.js';
import { mapLimit } from './pool.js';
import { isoUtc } from './time.js';
import type { DeletedDataset, PortalDataset, PortalOrganization, PortalResource, PortalSnapshot } from './types.js';
import { msg, mf } from '../i18n.js';

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
  resources?: CkanResource[];
  extras?: { key: string; value: unknown }[];
  frekuensi_penerbitan?: unknown;
}
interface CkanResource {
  id?: string;
  name?: string;
  url?: string;
  format?: string;
  state?: string;
  last_modified?: string | null;
  created?: string | null;
  metadata_modified?: string | null;
  size?: number | string | null;
  hash?: string | null;
  schema?: unknown;
}
interface SearchResult {
  count: number;
  results: CkanPackage[];
}

const ORG_PAGE_ALL_FIELDS = 25;
const ORG_PAGE_NAMES = 1000;
const SEARCH_ROWS = 1000;
const LIST_PAGE = 1000;

/**
 * Documented limits (README, "Batas"): a portal that announces `count: 1e12` or serves pages without
 * end must not exhaust memory or send a million requests. Makassar has ~50 organizations and a few
 * thousand datasets; these are two orders of magnitude above any city portal.
 */
export const LIMITS = { datasets: 100_000, organizations: 10_000, pages: 5_000 } as const;
export const LIMIT_CODE = 'E_PORTAL_LIMIT';

function limitError(what: string, limit: number, lang: Lang, unit: 'items' | 'pages' = 'items'): PortalError {
  return new PortalError(
    msg(lang, 'audit.collect.limit', { what, limit, unit: msg(lang, unit === 'items' ? 'audit.collect.unit.items' : 'audit.collect.unit.pages') }),
    {
      code: LIMIT_CODE,
      hint:
        msg(lang, 'audit.collect.check_the_portal_address'),
    },
  );
}

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
    resources: (p.resources ?? []).filter((r) => r.state === undefined || r.state === 'active').map(toPortalResource),
    ...(typeof extra === 'string' ? { frequency: extra } : {}),
  };
}

function toPortalResource(r: CkanResource): PortalResource {
  const size = typeof r.size === 'number' ? r.size : typeof r.size === 'string' && /^\d+$/.test(r.size) ? Number(r.size) : null;
  return {
    lastModified: r.last_modified ?? null,
    created: r.created ?? null,
    ...(typeof r.id === 'string' ? { id: r.id } : {}),
    ...(typeof r.name === 'string' ? { name: r.name } : {}),
    ...(typeof r.url === 'string' ? { url: r.url } : {}),
    ...(typeof r.format === 'string' ? { format: r.format } : {}),
    ...(r.schema !== undefined && r.schema !== null && r.schema !== '' ? { schema: r.schema } : {}),
    size,
    hash: typeof r.hash === 'string' && r.hash ? r.hash : null,
    metadataModified: r.metadata_modified ?? null,
  };
}

/**
 * Page through a listing by offset until an empty page. A short page is not the end: the server's
 * cap may be lower than the limit we asked for. A page of only known items means the server ignores
 * `offset`; stop there instead of looping forever.
 */
type Warn = (m: Msg) => void;

async function pageAll<T>(fetchPage: (offset: number) => Promise<T[]>, key: (t: T) => string, warn: Warn, what: string, max: number, lang: Lang): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  for (let offset = 0, pages = 0; ; pages++) {
    if (out.length > max || pages >= LIMITS.pages) throw out.length > max ? limitError(what, max, lang) : limitError(what, LIMITS.pages, lang, 'pages');
    const page = await fetchPage(offset);
    if (!Array.isArray(page)) return out;
    if (page.length === 0) return out;
    const fresh = page.filter((t) => !seen.has(key(t)));
    if (fresh.length === 0) {
      warn(mf('audit.collect.page_repeated', { what, offset }));
      return out;
    }
    for (const t of fresh) {
      seen.add(key(t));
      out.push(t);
    }
    offset += page.length;
  }
}

async function organizationsWithTitles(client: ActionCaller, warn: Warn, lang: Lang): Promise<PortalOrganization[]> {
  const orgs = await pageAll<CkanOrg>(
    (offset) =>
      client.action<CkanOrg[]>('organization_list', { all_fields: true, include_dataset_count: false, limit: ORG_PAGE_ALL_FIELDS, offset, sort: 'name asc' }),
    (o) => o.name,
    warn,
    'organization_list',
    LIMITS.organizations,
    lang,
  );
  return orgs.map((o) => ({ name: o.name, title: o.title || o.name }));
}

/** package_search over the whole portal: first page for the count, the rest concurrently. */
async function searchAll(client: ActionCaller, opts: CollectOptions, warn: Warn): Promise<PortalDataset[]> {
  // CKAN applies no dataset-type filter by default: harvest sources and showcases would count as datasets.
  const params = { q: '*:*', fq: '+dataset_type:dataset', rows: SEARCH_ROWS, sort: 'name asc', include_private: opts.withToken, include_drafts: false };
  const first = await client.action<SearchResult>('package_search', { ...params, start: 0 });
  const lang = opts.lang ?? 'id';
  if (!Number.isSafeInteger(first.count) || first.count < 0 || !Array.isArray(first.results)) {
    throw new PortalError(msg(lang, 'audit.collect.package_search_the_portal', { value: String(first.count).slice(0, 40) }), { code: LIMIT_CODE });
  }
  if (first.count > LIMITS.datasets) throw limitError('package_search', LIMITS.datasets, lang);
  const pageSize = first.results.length;
  const all = [...first.results];
  if (pageSize > 0 && Math.ceil(first.count / pageSize) > LIMITS.pages) throw limitError('package_search', LIMITS.pages, lang, 'pages');
  if (pageSize > 0 && first.count > pageSize) {
    const starts: number[] = [];
    for (let s = pageSize; s < first.count; s += pageSize) starts.push(s);
    const pages = await mapLimit(starts, opts.concurrency ?? 8, (start) => client.action<SearchResult>('package_search', { ...params, start }));
    for (const p of pages) if (Array.isArray(p.results)) all.push(...p.results.slice(0, pageSize));
  }
  const byName = new Map(all.map((p) => [p.name, p]));
  if (byName.size < first.count) {
    warn(mf('audit.collect.package_search_datasets_announced', { count: first.count, size: byName.size }));
  }
  return [...byName.values()].filter((p) => p.state === undefined || p.state === 'active').map(toPortalDataset);
}

async function fallback(client: ActionCaller, opts: CollectOptions, warn: Warn): Promise<{ organizations: PortalOrganization[]; datasets: PortalDataset[]; deleted: DeletedDataset[] }> {
  const limit = opts.concurrency ?? 8;
  const lang = opts.lang ?? 'id';
  const names = await pageAll<string>((offset) => client.action<string[]>('organization_list', { limit: ORG_PAGE_NAMES, offset }), (n) => n, warn, 'organization_list', LIMITS.organizations, lang);
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
  const listed = await pageAll<string>((offset) => client.action<string[]>('package_list', { limit: LIST_PAGE, offset }), (n) => n, warn, 'package_list', LIMITS.datasets, lang);
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
  const expected = new Set(opts.expectedNames ?? []);
  const deleted = shown.filter((p): p is CkanPackage => p !== undefined && p.state === 'deleted' && expected.has(p.name)).map(toDeleted);
  return { organizations, datasets, deleted };
}

function toDeleted(p: CkanPackage): DeletedDataset {
  const d = toPortalDataset({ ...p, resources: p.resources ?? [] });
  const last = lastUpdateOf(d);
  return { name: p.name, org: d.org, lastUpdate: last ? isoUtc(last) : null };
}

/**
 * Register datasets that search did not return: CKAN keeps a deleted dataset's row (ckan-api.md
 * §4), and package_show still answers it with `state: deleted` to a token that may read it (org
 * member/editor/admin or sysadmin). Without such a token it answers 403/404: reported as never published.
 */
async function findDeleted(client: ActionCaller, names: string[], limit: number): Promise<DeletedDataset[]> {
  const shown = await mapLimit(names, limit, async (id) => {
    try {
      return await client.action<CkanPackage>('package_show', { id });
    } catch (e) {
      if (isNetworkFailure(e) || !(e instanceof PortalError)) throw e;
      return undefined;
    }
  });
  return shown.filter((p): p is CkanPackage => p !== undefined && p.state === 'deleted' && names.includes(p.name)).map(toDeleted);
}

export async function collect(client: ActionCaller, opts: CollectOptions): Promise<PortalSnapshot> {
  const warnings: string[] = [];
  const warn: Warn = (m) => {
    const text = m[opts.lang ?? 'id'];
    warnings.push(text);
    opts.onWarning?.(text);
  };
  try {
    const [organizations, datasets] = await Promise.all([organizationsWithTitles(client, warn, opts.lang ?? 'id'), searchAll(client, opts, warn)]);
    const found = new Set(datasets.map((d) => d.name));
    const notFound = [...new Set(opts.expectedNames ?? [])].filter((n) => !found.has(n));
    const deleted = await findDeleted(client, notFound, opts.concurrency ?? 8);
    return { portal: opts.portal, organizations, datasets, via: 'search', warnings, deleted };
  } catch (e) {
    if (isNetworkFailure(e) || !(e instanceof PortalError) || e.code === LIMIT_CODE) throw e;
    warn(mf('audit.collect.search_on_the_portal', { message: e.message }));
  }
  const { organizations, datasets, deleted } = await fallback(client, opts, warn);
  return { portal: opts.portal, organizations, datasets, via: 'fallback', warnings, deleted };
}
