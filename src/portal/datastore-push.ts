/**
 * `push --datastore` (issue 16): which resources get a DataStore table, the local checks of their
 * column names, and the loads after the files are on the portal. A resource opts out with
 * `"satudata": {"datastore": false}` in datapackage.json; non-tabular resources, remote data and
 * tables without a schema are left alone.
 */
import path from 'node:path';
import type { Lang } from '../i18n.js';
import { msg } from '../i18n.js';
import type { Resource, Schema } from '../schema/types.js';
import { prepareResource } from '../validate/resource.js';
import type { Report } from '../validate/types.js';
import type { CkanClient } from './client.js';
import type { LocalPackage } from './local.js';
import { matchResource, type LocalResource, type RemoteDataset } from './plan.js';
import { badFieldIds, datastoreFields, datastoreHash, primaryKeyOf } from './datastore-schema.js';
import { planDatastore, syncDatastore, type DatastoreEvent, type DatastoreOutcome, type DatastoreTarget } from './datastore.js';
import type { BatchOptions } from './datastore-rows.js';

/** True unless the resource says `"satudata": {"datastore": false}`. */
export function datastoreWanted(res: Resource): boolean {
  const own = res.satudata;
  return !(own && typeof own === 'object' && (own as { datastore?: unknown }).datastore === false);
}

export interface DatastoreSelection {
  targets: DatastoreTarget[];
  /** Resources left without a table, and why (shown as notes). */
  skipped: { name: string; reason: string }[];
  /** Column names CKAN would refuse, as `field: message` lines (the push is refused before any write). */
  violations: { field: string; message: string }[];
}

/** The tables to load, read with the validator's own resource preparation (schema and dialect files included). */
export async function selectDatastoreTargets(lp: LocalPackage, report: Report, lang: Lang): Promise<DatastoreSelection> {
  const out: DatastoreSelection = { targets: [], skipped: [], violations: [] };
  const resources = lp.pkg.resources ?? [];
  const scratch: Report = { valid: true, partial: false, stats: { tasks: 0, errors: 0, warnings: 0, seconds: 0 }, warnings: [], errors: [], tasks: [] };
  for (const [i, res] of resources.entries()) {
    const name = String(res.name ?? '');
    if (!datastoreWanted(res)) {
      out.skipped.push({ name, reason: msg(lang, 'datastore.skip.opt_out') });
      continue;
    }
    const prepared = await prepareResource(res, i, lp.dir, path.dirname(lp.file), {}, scratch, lp.file);
    if (!prepared.tabular) continue;
    if (prepared.error || !prepared.open || !prepared.localPath) {
      out.skipped.push({ name, reason: msg(lang, 'datastore.skip.not_local') });
      continue;
    }
    if (!prepared.schema) {
      out.skipped.push({ name, reason: msg(lang, 'datastore.skip.no_schema') });
      continue;
    }
    const schema = prepared.schema as Schema;
    const task = report.tasks.find((t) => t.name === name && t.package !== undefined);
    const sha256 = task?.stats.sha256;
    if (!sha256) {
      out.skipped.push({ name, reason: msg(lang, 'datastore.skip.not_local') });
      continue;
    }
    const fields = datastoreFields(schema);
    for (const bad of badFieldIds(fields)) {
      out.violations.push({ field: `resources[${name}].schema.fields[${bad.id}]`, message: msg(lang, `datastore.bad_id.${bad.reason}`) });
    }
    const primaryKey = primaryKeyOf(schema);
    const hash = datastoreHash({
      fields,
      primaryKey,
      schema,
      dialect: prepared.dialect,
      encoding: typeof res.encoding === 'string' ? res.encoding : undefined,
      format: typeof res.format === 'string' ? res.format : undefined,
      sha256,
    });
    out.targets.push({ name, prepared, schema, fields, primaryKey, hash, sha256, ...(task?.stats.rows !== undefined ? { expectedRows: task.stats.rows } : {}) });
  }
  return out;
}

export interface LoadAllInput {
  client: CkanClient;
  /** The dataset as the portal shows it after the push (package_show). */
  remote: RemoteDataset;
  targets: DatastoreTarget[];
  lang: Lang;
  batch?: BatchOptions;
  onEvent?: (e: DatastoreEvent) => void;
  /** Resources whose file the push found replaced on the portal by another route (their tables are loaded again). */
  drifted?: ReadonlySet<string>;
}

/** --dry-run: what each load would do (reads only); outcomes by resource name. */
export async function planDatastores(client: CkanClient, remote: RemoteDataset | undefined, targets: DatastoreTarget[], lang: Lang, drifted: ReadonlySet<string> = new Set()): Promise<Map<string, DatastoreOutcome>> {
  const outcomes = new Map<string, DatastoreOutcome>();
  const active = (remote?.resources ?? []).filter((r) => r.state !== 'deleted');
  const used = new Set<string>();
  for (const t of targets) {
    const r = matchResource(active, t.name, used);
    if (r) used.add(r.id);
    outcomes.set(t.name, await planDatastore(client, r, t, lang, drifted.has(t.name)));
  }
  return outcomes;
}

/** Load each target into the DataStore table of its portal resource; outcomes by resource name. */
export async function loadDatastores(input: LoadAllInput): Promise<Map<string, DatastoreOutcome>> {
  const outcomes = new Map<string, DatastoreOutcome>();
  const active = (input.remote.resources ?? []).filter((r) => r.state !== 'deleted');
  const used = new Set<string>();
  for (const t of input.targets) {
    const r = matchResource(active, t.name, used);
    if (!r) continue;
    used.add(r.id);
    outcomes.set(t.name, await syncDatastore(input.client, r, t, { lang: input.lang, batch: input.batch, onEvent: input.onEvent, fileDrift: input.drifted?.has(t.name) ?? false }));
  }
  return outcomes;
}

/**
 * XLoader and DataPusher skip a file whose MD5 equals the resource's `hash` (ckanext-xloader jobs.py
 * xloader_data_into_datastore_, datapusher jobs.py push_to_datastore): a table satudata loads records
 * the MD5 there (in the same call as the upload), so their job never reloads it with guessed types.
 */
export function recordLoaderHash(locals: LocalResource[], selection: DatastoreSelection): void {
  for (const t of selection.targets) {
    const l = locals.find((x) => x.draft.name === t.name);
    if (l?.md5) l.hashField = l.md5;
  }
}

/** Batch size from SATUDATA_DATASTORE_BATCH_ROWS (tests, slow portals), else the default. */
export function batchFromEnv(env: NodeJS.ProcessEnv): BatchOptions | undefined {
  const n = Number(env.SATUDATA_DATASTORE_BATCH_ROWS);
  return Number.isInteger(n) && n > 0 ? { rows: n, bytes: 4 * 1024 * 1024 } : undefined;
}
