/**
 * The fake CKAN's DataStore (ckanext/datastore, 2.11 semantics, ckan-api.md §4 DataStore):
 * datastore_create (create, or alter: new columns added, existing columns keep their type, info and
 * primary key replaced), datastore_upsert (insert / upsert / update, one transaction per call, values
 * checked against the column types, primary-key uniqueness), datastore_delete (whole table without
 * `filters`, matching rows with them), datastore_search (limit/offset/filters, exact total) and
 * datastore_info. Writes to a resource whose url_type is not `datastore` need `force` (the read-only
 * guard). Creating a table sets the resource's datastore_active, dropping it clears it.
 */
import type { Dict, Pkg, Res, State } from './state.js';
import { CkanError, forbidden, notFound, validationError } from './rules.js';

export interface DsField {
  id: string;
  type: string;
  info?: Dict;
}

export interface DsTable {
  fields: DsField[];
  primaryKey: string[];
  rows: Dict[];
  nextId: number;
}

const tables = new WeakMap<State, Map<string, DsTable>>();

/** The DataStore tables of a fake portal, by resource id (tests read them directly too). */
export function datastoreOf(state: State): Map<string, DsTable> {
  let m = tables.get(state);
  if (!m) tables.set(state, (m = new Map()));
  return m;
}

const TYPES = new Set(['text', 'int', 'int4', 'int8', 'integer', 'bigint', 'numeric', 'float8', 'bool', 'boolean', 'date', 'time', 'timestamp', 'json', 'text[]', 'int[]']);
const CANONICAL: Record<string, string> = { int: 'int4', integer: 'int4', bigint: 'int8', boolean: 'bool' };

function bool(v: unknown): boolean {
  return v === true || (typeof v === 'string' && ['true', 'yes', 't', 'y', '1'].includes(v.toLowerCase()));
}

interface Ctx {
  state: State;
  user?: { name: string; sysadmin: boolean };
  data: Dict;
}

function findResource(state: State, id: unknown): { p: Pkg; r: Res } {
  for (const p of state.packages.values()) {
    const r = p.resources.find((x) => x.id === id && x.state !== 'deleted');
    if (r) return { p, r };
  }
  throw notFound(`Resource "${String(id)}" was not found.`);
}

function requireWrite(c: Ctx, p: Pkg, r: Res): void {
  if (!c.state.canEdit(c.user as never, p.owner_org)) throw forbidden(`User ${c.user?.name ?? ''} not authorized to update resource ${r.id}`);
  if (r.url_type !== 'datastore' && !bool(c.data.force)) {
    throw validationError({ 'read-only': ['Cannot edit read-only resource because changes made may be lost. Use a resource created for editing e.g. with datastore_create or use "force=True" to ignore this warning.'] });
  }
}

function resourceId(c: Ctx): string {
  const id = c.data.resource_id ?? c.data.id;
  if (typeof id !== 'string' || !id) throw validationError({ resource_id: ['Missing value'] });
  return id;
}

function checkFieldId(id: unknown): string | undefined {
  if (typeof id !== 'string' || id === '') return 'Missing value';
  if (id.startsWith('_') || id.includes('"') || id !== id.trim() || /[\u0000-\u001f]/.test(id)) return `"${id}" is not a valid field name`;
  if (id.length > 63) return `Column heading "${id}" exceeds limit of 63 characters.`;
  return undefined;
}

const INT = /^[+-]?\d+$/;
const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^[+-]?(NaN|Infinity)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d{1,6})?$/;

/** A value as PostgreSQL would store it in a column of that type, or throws a DataError-like message. */
function convert(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (v === '' && type !== 'text') return null; // 2.11: empty strings become null for non-text types
  const bad = () => {
    throw new Error(`invalid input syntax for type ${type}: "${typeof v === 'string' ? v : JSON.stringify(v)}"`);
  };
  switch (type) {
    case 'int4':
    case 'int8':
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'string' && INT.test(v.trim())) return Number.isSafeInteger(Number(v)) ? Number(v) : v.trim();
      return bad();
    case 'numeric':
    case 'float8':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && NUM.test(v.trim())) return v.trim();
      return bad();
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (typeof v === 'string' && /^(true|false|t|f)$/i.test(v)) return /^t/i.test(v);
      return bad();
    case 'date':
      return typeof v === 'string' && DATE.test(v) ? v : bad();
    case 'time':
      return typeof v === 'string' && TIME.test(v) ? v : bad();
    case 'timestamp':
      return typeof v === 'string' && TIMESTAMP.test(v) ? v.replace(' ', 'T') : bad();
    case 'json':
      return v;
    case 'text':
      // psycopg2 would send a number as a number: PostgreSQL assigns it to text; the fake is stricter.
      return typeof v === 'string' ? v : bad();
    default:
      return v;
  }
}

const keyOf = (row: Dict, pk: string[]) => JSON.stringify(pk.map((k) => row[k] ?? null));

function insertRecords(t: DsTable, records: unknown, method: string): void {
  if (records === undefined || records === null) return;
  if (!Array.isArray(records)) throw validationError({ records: ['Records has to be a list of dicts'] });
  const staged = t.rows.map((r) => ({ ...r }));
  let nextId = t.nextId;
  const index = new Map<string, Dict>();
  if (t.primaryKey.length) for (const r of staged) index.set(keyOf(r, t.primaryKey), r);
  const ids = new Set(t.fields.map((f) => f.id));
  records.forEach((rec, n) => {
    if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw validationError({ records: ['The record is not a json object'], records_row: n });
    const extra = Object.keys(rec).filter((k) => !ids.has(k) && k !== '_id');
    if (extra.length) throw validationError({ fields: [`fields "${extra.join(', ')}" do not exist`] });
    const row: Dict = {};
    for (const f of t.fields) {
      if (!(f.id in (rec as Dict))) continue;
      try {
        row[f.id] = convert((rec as Dict)[f.id], f.type);
      } catch (e) {
        throw validationError({ records: [(e as Error).message], records_row: n });
      }
    }
    if (method === 'insert') {
      if (t.primaryKey.length) {
        const k = keyOf(row, t.primaryKey);
        if (index.has(k)) throw validationError({ constraints: ['Cannot insert records or create index because of uniqueness constraint'], info: { orig: `duplicate key value ${k}` } });
        index.set(k, row);
      }
      staged.push({ _id: nextId++, ...row });
      return;
    }
    if (!t.primaryKey.length) throw validationError({ table: ['unique key must be passed for update/upsert'] });
    const missing = t.primaryKey.filter((k) => !(k in row));
    if (missing.length) throw validationError({ key: [`fields "${missing.join(', ')}" are missing but needed as key`] });
    const k = keyOf(row, t.primaryKey);
    const old = index.get(k);
    if (old) Object.assign(old, row);
    else if (method === 'update') throw validationError({ key: [`key "${k}" not found`] });
    else {
      const r = { _id: nextId++, ...row };
      staged.push(r);
      index.set(k, r);
    }
  });
  t.rows = staged;
  t.nextId = nextId;
}

function matches(row: Dict, filters: Dict): boolean {
  return Object.entries(filters).every(([k, v]) => (Array.isArray(v) ? v.some((x) => String(row[k]) === String(x)) : String(row[k]) === String(v)));
}

function shownFields(t: DsTable): Dict[] {
  return [{ id: '_id', type: 'int' }, ...t.fields.map((f) => ({ id: f.id, type: f.type, ...(f.info ? { info: f.info } : {}) }))];
}

function intParam(v: unknown, dflt: number, name: string): number {
  if (v === undefined || v === null || v === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw validationError({ [name]: ['Invalid integer'] });
  return n;
}

function setActive(state: State, p: Pkg, r: Res, active: boolean): void {
  if (Boolean(r.datastore_active) === active) return;
  r.datastore_active = active;
  p.metadata_modified = state.now();
}

const views = new WeakMap<State, Map<string, Dict[]>>();

/** The resource views of a fake portal, by resource id. */
export function viewsOf(state: State): Map<string, Dict[]> {
  let m = views.get(state);
  if (!m) views.set(state, (m = new Map()));
  return m;
}

export const DATASTORE_SIDE_EFFECT_FREE = ['datastore_search', 'datastore_info', 'resource_view_list'];

export const DATASTORE_ACTIONS: Record<string, (c: Ctx) => unknown> = {
  datastore_create: (c) => {
    const id = resourceId(c);
    const { p, r } = findResource(c.state, id);
    requireWrite(c, p, r);
    const sent = c.data.fields === undefined ? [] : c.data.fields;
    if (!Array.isArray(sent)) throw validationError({ fields: ['Not a list'] });
    const errors: string[] = [];
    const fields: DsField[] = [];
    for (const f of sent as Dict[]) {
      const bad = checkFieldId(f?.id);
      if (bad) errors.push(bad);
      const type = typeof f?.type === 'string' ? CANONICAL[f.type] ?? f.type : 'text';
      if (!TYPES.has(type)) errors.push(`"${String(f?.type)}" is not a valid field type`);
      fields.push({ id: String(f?.id), type, ...(f?.info && typeof f.info === 'object' ? { info: f.info as Dict } : {}) });
    }
    if (new Set(fields.map((f) => f.id)).size !== fields.length) errors.push('Duplicate column names are not supported');
    if (errors.length) throw validationError({ fields: errors });
    const all = datastoreOf(c.state);
    const existing = all.get(id);
    const t: DsTable = existing ? { ...existing, fields: [...existing.fields], rows: existing.rows } : { fields: [], primaryKey: [], rows: [], nextId: 1 };
    for (const f of fields) {
      const old = t.fields.find((x) => x.id === f.id);
      if (old) {
        if (f.info) old.info = f.info; // an existing column keeps its type (alter_table)
      } else t.fields.push(f);
    }
    if (c.data.primary_key !== undefined) {
      const pk = typeof c.data.primary_key === 'string' ? c.data.primary_key.split(',').map((s) => s.trim()).filter(Boolean) : (c.data.primary_key as string[]);
      const unknown = pk.filter((k) => !t.fields.some((f) => f.id === k));
      if (unknown.length) throw validationError({ primary_key: [`fields "${unknown.join(', ')}" do not exist`] });
      const seen = new Set(t.rows.map((row) => keyOf(row, pk)));
      if (seen.size !== t.rows.length) throw validationError({ constraints: ['Cannot insert records or create index because of uniqueness constraint'] });
      t.primaryKey = pk;
    }
    insertRecords(t, c.data.records, 'insert');
    all.set(id, t);
    setActive(c.state, p, r, true);
    return { resource_id: id, fields: t.fields, primary_key: t.primaryKey, method: 'insert' };
  },

  datastore_upsert: (c) => {
    const id = resourceId(c);
    const { p, r } = findResource(c.state, id);
    requireWrite(c, p, r);
    const t = datastoreOf(c.state).get(id);
    if (!t) throw notFound(`Resource "${id}" was not found.`);
    const method = typeof c.data.method === 'string' ? c.data.method : 'upsert';
    if (!['upsert', 'insert', 'update'].includes(method)) throw validationError({ method: ['Value must be one of: upsert; insert; update'] });
    insertRecords(t, c.data.records, method);
    // CKAN ≤2.11 echoes the records it was sent.
    return { resource_id: id, method, records: c.data.records };
  },

  datastore_delete: (c) => {
    const id = resourceId(c);
    const { p, r } = findResource(c.state, id);
    requireWrite(c, p, r);
    const all = datastoreOf(c.state);
    const t = all.get(id);
    if (!t) throw notFound(`Resource "${id}" was not found.`);
    const filters = c.data.filters;
    if (filters === undefined || filters === null) {
      all.delete(id);
      setActive(c.state, p, r, false);
      return { resource_id: id };
    }
    if (typeof filters !== 'object' || Array.isArray(filters)) throw validationError({ filters: ['filters must be either a dict or null.'] });
    const unknown = Object.keys(filters).filter((k) => !t.fields.some((f) => f.id === k) && k !== '_id');
    if (unknown.length) throw validationError({ filters: [`field "${unknown[0]}" not in table`] });
    t.rows = t.rows.filter((row) => !matches(row, filters as Dict));
    return { resource_id: id, filters };
  },

  datastore_search: (c) => {
    const id = resourceId(c);
    const { p } = findResource(c.state, id);
    if (!c.state.canRead(c.user as never, p)) throw forbidden();
    const t = datastoreOf(c.state).get(id);
    if (!t) throw notFound(`Resource "${id}" was not found.`);
    const limit = intParam(c.data.limit, 100, 'limit');
    if (limit > 32000) throw validationError({ limit: ['Must be less than or equal to 32000'] });
    const offset = intParam(c.data.offset, 0, 'offset');
    let filters: Dict = {};
    if (typeof c.data.filters === 'string') filters = JSON.parse(c.data.filters) as Dict;
    else if (c.data.filters && typeof c.data.filters === 'object') filters = c.data.filters as Dict;
    const rows = t.rows.filter((row) => matches(row, filters));
    return { resource_id: id, fields: shownFields(t), records: rows.slice(offset, offset + limit), total: rows.length, total_was_estimated: false, limit, offset };
  },

  // ckan.views.default_views = datatables_view: it can show a resource whose datastore_active is set.
  resource_create_default_resource_views: (c) => {
    const sent = c.data.resource as Dict | undefined;
    if (!sent || typeof sent.id !== 'string') throw validationError({ resource: ['Missing value'] });
    const { p, r } = findResource(c.state, sent.id);
    if (!c.state.canEdit(c.user as never, p.owner_org)) throw forbidden();
    const list = viewsOf(c.state).get(r.id) ?? [];
    const created: Dict[] = [];
    if (bool(c.data.create_datastore_views) && bool(sent.datastore_active) && !list.some((v) => v.view_type === 'datatables_view')) {
      const v = { id: `view-${r.id}-${list.length + 1}`, resource_id: r.id, view_type: 'datatables_view', title: 'Table' };
      list.push(v);
      created.push(v);
    }
    viewsOf(c.state).set(r.id, list);
    return created;
  },

  resource_view_list: (c) => viewsOf(c.state).get(String(c.data.id)) ?? [],

  datastore_info: (c) => {
    const id = resourceId(c);
    const { p } = findResource(c.state, id);
    if (!c.state.canRead(c.user as never, p)) throw forbidden();
    const t = datastoreOf(c.state).get(id);
    if (!t) throw notFound(`Resource/Alias "${id}" was not found.`);
    return { meta: { id, count: t.rows.length, table_type: 'BASE TABLE', aliases: [] }, fields: shownFields(t) };
  },
};

export { CkanError };
