/**
 * Load one resource's table into the CKAN DataStore (issue 16), idempotently:
 * - unchanged (the hash recorded on the resource after the last load equals this load's hash, and the
 *   table still has those columns and that many rows) → no DataStore write at all;
 * - otherwise the table is made exactly the file's rows: columns that differ (ids, order or types:
 *   CKAN's alter_table never changes a column's type) → the table is dropped and created again;
 *   same columns → datastore_create updates the data dictionary and primary key, every row is
 *   deleted (datastore_delete, filters {}), and the rows are inserted in batches;
 * - the hash and row count are recorded on the resource only after the last batch and a count check,
 *   so an interrupted load is finished by the next push.
 * Every write carries `force: true`: the resource holds an uploaded file (url_type `upload`), which the
 * DataStore otherwise treats as read-only (ckanext/datastore/logic/action.py _check_read_only).
 */
import { PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { msg } from '../i18n.js';
import type { Schema } from '../schema/types.js';
import type { PreparedResource } from '../validate/resource.js';
import type { CkanClient } from './client.js';
import { isOutcomeUnknown } from './net-errors.js';
import { PORTAL_CODES } from './response.js';
import { castBatches, RowReadError, type BatchOptions, type DatastoreRecord, type ReadSummary } from './datastore-rows.js';
import { rowsPart, sameColumns, type DatastoreField } from './datastore-schema.js';

/** Resource fields satudata records after a complete load. */
export const DATASTORE_HASH_KEY = 'satudata_datastore_hash';
export const DATASTORE_ROWS_KEY = 'satudata_datastore_rows';

export type DatastoreAction = 'created' | 'updated' | 'unchanged';

export interface DatastoreOutcome {
  action: DatastoreAction;
  rows: number;
  /** The table was dropped and created again (its columns changed). */
  recreated?: boolean;
  /** Why an unchanged-looking table was loaded again (changed on the portal by another route). */
  drift?: string;
  /** Only the data dictionary changed: it was written, the rows were left as they are. */
  dictionaryOnly?: boolean;
}

export interface DatastoreTarget {
  /** The package resource name. */
  name: string;
  prepared: PreparedResource;
  schema: Schema;
  fields: DatastoreField[];
  primaryKey: string[];
  hash: string;
  /** SHA-256 of the file as validated (the load checks it read the same bytes). */
  sha256: string;
  /** Data rows counted by the validation (for the progress bar). */
  expectedRows?: number;
}

export type DatastoreEvent = { type: 'load'; name: string; rows: number; total?: number };

export interface ShownTable {
  fields: { id: string; type: string }[];
  count: number;
}

/** How many writes of one load may end with an unknown outcome before it gives up. */
const MAX_UNKNOWN = 3;

/** 20,000 rows or ~4 MB of JSON per call: measured faster than 5,000 or 1,000 on CKAN 2.11 (README). */
export const DEFAULT_BATCH: BatchOptions = { rows: 20_000, bytes: 4 * 1024 * 1024 };

/** datastore_info: the table's columns and row count, or undefined when the resource has no table. */
export async function tableInfo(client: CkanClient, id: string, lang: Lang): Promise<ShownTable | undefined> {
  try {
    const info = await client.action<{ fields?: unknown; meta?: { count?: unknown } } | null>('datastore_info', { id }, { method: 'GET' });
    // Portal data: only columns with a string id and type are read (anything else never matches a wanted column).
    const fields = (Array.isArray(info?.fields) ? (info.fields as unknown[]) : []).filter(
      (f): f is { id: string; type: string } => !!f && typeof f === 'object' && typeof (f as { id?: unknown }).id === 'string' && typeof (f as { type?: unknown }).type === 'string',
    );
    const count = info?.meta?.count;
    return { fields: fields.map((f) => ({ id: f.id, type: f.type })), count: typeof count === 'number' && Number.isInteger(count) ? count : -1 };
  } catch (e) {
    if (e instanceof PortalError && e.code === PORTAL_CODES.notFound) return undefined;
    if (e instanceof PortalError && e.code === PORTAL_CODES.badRequest) {
      throw new PortalError(msg(lang, 'datastore.no_datastore', { portal: client.portal }), { code: 'E_NO_DATASTORE', status: e.status, hint: msg(lang, 'datastore.no_datastore.hint'), cause: e });
    }
    throw e;
  }
}

/** datastore_search with limit 0: the exact row count (no total_estimation_threshold is sent). */
export async function rowCount(client: CkanClient, id: string): Promise<number> {
  const r = await client.action<{ total?: number }>('datastore_search', { resource_id: id, limit: 0 });
  return typeof r?.total === 'number' ? r.total : -1;
}

/** A write that may be sent again after an unknown outcome (it has the same effect twice). */
async function idempotent<T>(write: () => Promise<T>, budget: { unknown: number }): Promise<T> {
  for (;;) {
    try {
      return await write();
    } catch (e) {
      if (!isOutcomeUnknown(e) || ++budget.unknown > MAX_UNKNOWN) throw e;
    }
  }
}

export interface SyncOptions {
  lang: Lang;
  /** The push found the file replaced on the portal by another route: a loader may have filled the table from it. */
  fileDrift?: boolean;
  batch?: BatchOptions;
  onEvent?: (e: DatastoreEvent) => void;
}

/**
 * Pure: what a load would do, from the resource as shown (its recorded hash and row count) and its
 * table (datastore_info; undefined when there is none). `rows` is the recorded count when unchanged.
 */
export function decideDatastore(resource: Record<string, unknown>, shown: ShownTable | undefined, t: Pick<DatastoreTarget, 'hash' | 'fields'>, lang: Lang, fileDrift = false): DatastoreOutcome {
  const recorded = typeof resource[DATASTORE_HASH_KEY] === 'string' ? (resource[DATASTORE_HASH_KEY] as string) : '';
  const recordedRows = Number(resource[DATASTORE_ROWS_KEY]);
  const columnsOk = shown !== undefined && sameColumns(shown.fields, t.fields);
  // The same columns and count prove nothing when another file reached the portal (XLoader loads it
  // under the same text columns): then the rows are always loaded again.
  const trusted = shown !== undefined && columnsOk && shown.count === recordedRows && !fileDrift;
  if (trusted && recorded === t.hash) return { action: 'unchanged', rows: recordedRows };
  // Same rows, only labels or descriptions changed: the dictionary is written, the rows stay.
  if (trusted && recorded && rowsPart(recorded) === rowsPart(t.hash)) return { action: 'updated', rows: recordedRows, dictionaryOnly: true };
  const outcome: DatastoreOutcome = { action: recorded && shown ? 'updated' : 'created', rows: 0 };
  if (shown && !columnsOk) outcome.recreated = true;
  if (shown && recorded === t.hash) {
    outcome.drift = !columnsOk ? msg(lang, 'datastore.drift_columns') : shown.count !== recordedRows ? msg(lang, 'datastore.drift_rows', { count: shown.count, recorded: recordedRows }) : msg(lang, 'datastore.drift_file');
  }
  return outcome;
}

/** --dry-run: the outcome a push would have, from reads only (rows: those the validation counted). */
export async function planDatastore(client: CkanClient, resource: (Record<string, unknown> & { id: string }) | undefined, t: DatastoreTarget, lang: Lang, fileDrift = false): Promise<DatastoreOutcome> {
  const rows = t.expectedRows ?? 0;
  if (!resource) return { action: 'created', rows };
  const o = decideDatastore(resource, await tableInfo(client, resource.id, lang), t, lang, fileDrift);
  return o.action === 'unchanged' ? o : { ...o, rows };
}

export async function syncDatastore(client: CkanClient, resource: Record<string, unknown> & { id: string }, t: DatastoreTarget, opts: SyncOptions): Promise<DatastoreOutcome> {
  const { lang } = opts;
  const id = resource.id;
  let shown = await tableInfo(client, id, lang);
  const outcome = decideDatastore(resource, shown, t, lang, opts.fileDrift);
  if (outcome.action === 'unchanged') return outcome;
  const budget = { unknown: 0 };
  const force = true;
  if (outcome.dictionaryOnly) {
    await idempotent(() => client.action('datastore_create', { resource_id: id, force, fields: t.fields, primary_key: t.primaryKey }), budget);
    await client.action('resource_patch', { id, [DATASTORE_HASH_KEY]: t.hash });
    return outcome;
  }
  if (shown && outcome.recreated) {
    await idempotent(() => dropTable(client, id), budget);
    shown = undefined;
  }
  // Rows first: a new primary key is then indexed on an empty table, never on the old rows.
  if (shown && shown.count !== 0) await idempotent(() => client.action('datastore_delete', { resource_id: id, force, filters: {} }), budget);
  await idempotent(() => client.action('datastore_create', { resource_id: id, force, fields: t.fields, primary_key: t.primaryKey }), budget);

  const summary = await loadRows(client, id, t, opts, budget);
  if (summary.sha256 !== t.sha256) throw new PortalError(msg(lang, 'datastore.file_changed', { name: t.name }), { code: 'E_FILE_CHANGED' });
  const total = await rowCount(client, id);
  if (total !== summary.rows) {
    throw new PortalError(msg(lang, 'datastore.count_mismatch', { name: t.name, total, rows: summary.rows }), { code: 'E_DATASTORE_COUNT', hint: msg(lang, 'datastore.push_again') });
  }
  // datastore_create sets datastore_active but makes no view: ask for the default views now that the
  // table exists (CKAN skips view types the resource already has, so an existing preview stays as is).
  await client.action('resource_create_default_resource_views', { resource: { ...resource, datastore_active: true }, create_datastore_views: true });
  await client.action('resource_patch', { id, [DATASTORE_HASH_KEY]: t.hash, [DATASTORE_ROWS_KEY]: String(summary.rows) });
  outcome.rows = summary.rows;
  return outcome;
}

async function dropTable(client: CkanClient, id: string): Promise<void> {
  try {
    await client.action('datastore_delete', { resource_id: id, force: true });
  } catch (e) {
    // Sent again after an unknown outcome: the first one dropped it.
    if (!(e instanceof PortalError && e.code === PORTAL_CODES.notFound)) throw e;
  }
}

/**
 * Insert the rows batch by batch (the table is empty: `insert` is one statement for the batch, where
 * `upsert` costs an UPDATE and an INSERT per row). A batch whose outcome is unknown is checked by
 * counting the table's rows: sent again only when it certainly did not land.
 */
async function loadRows(client: CkanClient, id: string, t: DatastoreTarget, opts: SyncOptions, budget: { unknown: number }): Promise<ReadSummary> {
  const lang = opts.lang;
  const onEvent = opts.onEvent ?? (() => {});
  const gen = castBatches(t.prepared, t.schema, t.fields, opts.batch ?? DEFAULT_BATCH);
  let sent = 0;
  onEvent({ type: 'load', name: t.name, rows: 0, total: t.expectedRows });
  try {
    for (;;) {
      const next = await gen.next();
      if (next.done) return next.value;
      await insertBatch(client, id, next.value, sent, budget, t.name, lang);
      sent += next.value.length;
      onEvent({ type: 'load', name: t.name, rows: sent, total: t.expectedRows });
    }
  } catch (e) {
    if (e instanceof RowReadError) {
      throw new PortalError(
        e.reason === 'cell' ? msg(lang, 'datastore.cell_invalid', { name: t.name, row: e.detail.row, field: e.detail.field, cell: e.detail.cell }) : msg(lang, 'datastore.header_invalid', { name: t.name }),
        { code: 'E_FILE_CHANGED', hint: msg(lang, 'datastore.validate_again') },
      );
    }
    throw e;
  } finally {
    await gen.return(undefined as never).catch(() => {});
  }
}

async function insertBatch(client: CkanClient, id: string, records: DatastoreRecord[], before: number, budget: { unknown: number }, name: string, lang: Lang): Promise<void> {
  for (;;) {
    try {
      await client.action('datastore_upsert', { resource_id: id, force: true, method: 'insert', records });
      return;
    } catch (e) {
      if (!isOutcomeUnknown(e) || ++budget.unknown > MAX_UNKNOWN) throw e;
      const count = await rowCount(client, id);
      if (count === before + records.length) return; // it landed; only the answer was lost
      if (count !== before) {
        throw new PortalError(msg(lang, 'datastore.count_mismatch', { name, total: count, rows: before + records.length }), { code: 'E_DATASTORE_COUNT', hint: msg(lang, 'datastore.push_again'), cause: e });
      }
    }
  }
}
