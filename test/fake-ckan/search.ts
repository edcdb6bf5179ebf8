/**
 * package_search over the fake's datasets: the subset of Solr syntax a client uses (ckan-api.md §4):
 * `fq` terms `organization:NAME`, `owner_org:"ID"`, `name:X`, `state:X`, `+dataset_type:dataset`;
 * `q` as `*:*`, `field:value` or free text; `rows` default 10 silently capped at rows_max; `start`;
 * `include_private`; `sort` on metadata_modified / metadata_created / name / title.
 */
import type { Dict, Pkg, State, User } from './state.js';
import { CkanError, showPackage } from './rules.js';

function unquote(v: string): string {
  return v.replace(/^"(.*)"$/, '$1');
}

function matchTerm(state: State, p: Pkg, field: string, value: string): boolean {
  const org = p.owner_org ? state.orgs.get(p.owner_org) : undefined;
  switch (field) {
    case 'organization':
      return org?.name === value;
    case 'owner_org':
      return p.owner_org === value || org?.name === value;
    case 'name':
      return p.name === value;
    case 'id':
      return p.id === value;
    case 'state':
      return p.state === value;
    case 'dataset_type':
    case 'type':
      return (p.type ?? 'dataset') === value;
    case 'private':
      return String(p.private) === value;
    case 'tags':
      return p.tags.some((t) => t.name === value);
    default:
      // Unknown fields are not errors in Solr; they just match nothing when given a value.
      return value === '*';
  }
}

/** Split a Solr filter into `field:value` terms joined by spaces or AND. */
function terms(q: string): { field: string; value: string; neg: boolean }[] {
  const out: { field: string; value: string; neg: boolean }[] = [];
  const re = /([+-]?)([\w.]+):("[^"]*"|\[[^\]]*\]|\S+)/g;
  for (const m of q.matchAll(re)) out.push({ neg: m[1] === '-', field: m[2]!, value: unquote(m[3]!) });
  return out;
}

function matches(state: State, p: Pkg, q: string): boolean {
  const s = q.trim();
  if (!s || s === '*:*') return true;
  if (/\{!/.test(s)) throw new CkanError(409, 'Search Error', { message: 'Local parameters are not supported in param \'q\'.' });
  const ts = terms(s);
  if (!ts.length) {
    const text = s.toLowerCase();
    return [p.name, String(p.title ?? ''), String(p.notes ?? '')].some((v) => v.toLowerCase().includes(text));
  }
  return ts.every((t) => (t.value.startsWith('[') ? true : matchTerm(state, p, t.field, t.value) !== t.neg));
}

const SORTABLE = new Set(['metadata_modified', 'metadata_created', 'name', 'title']);

export function searchPackages(state: State, user: User | undefined, data: Dict): Dict {
  const rowsRaw = data.rows === undefined ? 10 : Number(data.rows);
  const startRaw = data.start === undefined ? 0 : Number(data.start);
  if (!Number.isInteger(rowsRaw) || rowsRaw < 0) throw new CkanError(409, 'Validation Error', { rows: ['Invalid integer'] });
  if (!Number.isInteger(startRaw) || startRaw < 0) throw new CkanError(409, 'Validation Error', { start: ['Invalid integer'] });
  const rows = Math.min(rowsRaw, state.rowsMax);
  const includePrivate = data.include_private === true || data.include_private === 'true' || data.include_private === 'True';
  const fqs = [data.fq, ...(Array.isArray(data.fq_list) ? data.fq_list : [])].filter((x): x is string => typeof x === 'string');
  const q = typeof data.q === 'string' ? data.q : '*:*';
  let hits = [...state.packages.values()].filter((p) => {
    if (p.state !== 'active') return false;
    if (p.private && !(includePrivate && user && state.canRead(user, p))) return false;
    return matches(state, p, q) && fqs.every((fq) => matches(state, p, fq));
  });
  const sort = typeof data.sort === 'string' && data.sort.trim() ? data.sort : 'score desc, metadata_modified desc';
  const keys = sort.split(',').map((s) => s.trim().split(/\s+/)).filter(([f]) => f !== 'score');
  for (const [field, dir] of keys) {
    if (!SORTABLE.has(field!) || (dir !== 'asc' && dir !== 'desc')) {
      throw new CkanError(400, 'Search Query Error', { message: `Search Query is invalid: "can not sort on ${field}"` });
    }
  }
  hits = hits.sort((a, b) => {
    for (const [field, dir] of keys) {
      const c = String(a[field!] ?? '').localeCompare(String(b[field!] ?? ''));
      if (c) return dir === 'asc' ? c : -c;
    }
    return a.name.localeCompare(b.name);
  });
  return {
    count: hits.length,
    sort,
    results: hits.slice(startRaw, startRaw + rows).map((p) => showPackage(state, p)),
    facets: {},
    search_facets: {},
  };
}
