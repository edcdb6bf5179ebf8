/**
 * Pure push planning (issue 4 item 4): local package (mapped) + what the portal shows → the writes
 * needed, and nothing else. Unchanged things are not written at all, because CKAN ≤2.11 bumps
 * `metadata_modified` on every update and that would defeat the staleness audit.
 */
import { OTHER_EXTRAS, RESOURCE_BYTES_KEY, RESOURCE_HASH_KEY, RESOURCE_LAST_MODIFIED_KEY, RESOURCE_NAME_KEY, SDI_EXTRAS, packageFieldOf, type CkanDatasetDraft, type CkanExtra, type CkanResourceDraft } from '../ckan/mapping.js';

export interface LocalResource {
  draft: CkanResourceDraft;
  /** What CKAN shows as the resource's name: the package resource's title (or its name). */
  title?: string;
  /** For local files: SHA-256 hex and size in bytes (MD5 too, to compare with a `hash` XLoader wrote). */
  sha256?: string;
  md5?: string;
  bytes?: number;
  /** Absolute path of the local file. */
  file?: string;
  /** The `hash` to record instead of `sha256:<hex>` (the MD5 XLoader/DataPusher compare, so they skip a table satudata loads). */
  hashField?: string;
}

export type RemoteDataset = Record<string, unknown> & {
  id: string;
  name: string;
  state?: string;
  resources?: (Record<string, unknown> & { id: string; name?: string; state?: string })[];
};

export interface FieldDiff {
  /** datapackage.json field */
  field: string;
  from: string;
  to: string;
  /** A file to upload again: the sizes on the portal (as satudata recorded it) and here. */
  file?: { fromBytes?: number; toBytes?: number; drift?: string };
}

export type DatasetAction = 'created' | 'updated' | 'restored' | 'unchanged';
export type ResourceAction = 'created' | 'updated' | 'unchanged' | 'kept' | 'deleted';

interface StepBase {
  name: string;
  diff: FieldDiff[];
}

/** A package resource the portal does not have yet: created, with its file when it has one. */
export interface CreateStep extends StepBase {
  action: 'created';
  /** the file must be uploaded */
  upload: boolean;
  local: LocalResource;
  id?: undefined;
  drift?: undefined;
  duplicate?: undefined;
}

/** A package resource matched to a portal resource (by satudata_name, or by name for older pushes). */
export interface MatchedStep extends StepBase {
  action: 'updated' | 'unchanged';
  /** remote resource id */
  id: string;
  /** the file must be uploaded again */
  upload: boolean;
  local: LocalResource;
  /** The portal's copy of the file was changed by another route (why it is uploaded again). */
  drift?: string;
  duplicate?: undefined;
}

/** A portal resource the package does not have: kept, or deleted (--prune, or a duplicate). */
export interface PortalOnlyStep extends StepBase {
  action: 'kept' | 'deleted';
  /** remote resource id */
  id: string;
  upload: false;
  local?: undefined;
  drift?: undefined;
  /** A second portal resource of the same satudata_name (two pushes raced): deleted, the first is kept. */
  duplicate?: boolean;
}

/** One resource of the plan, keyed on `action`: created and matched steps carry the local resource, portal-only ones the id. */
export type ResourceStep = CreateStep | MatchedStep | PortalOnlyStep;

/** The steps that write a local resource (resource_create or resource_patch). */
export type WriteStep = CreateStep | MatchedStep;

export interface PushPlan {
  dataset: {
    action: DatasetAction;
    id?: string;
    /** fields for package_create (create) or package_patch (update/restore); extras/tags are whole lists */
    fields: Record<string, unknown>;
    diff: FieldDiff[];
  };
  resources: ResourceStep[];
}

const SCALARS = ['title', 'notes', 'license_id', 'private', 'author', 'author_email', 'maintainer', 'maintainer_email'] as const;
const MANAGED_EXTRAS = new Set<string>([...SDI_EXTRAS.map((e) => e.extra), ...Object.keys(OTHER_EXTRAS)]);

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const bool = (v: unknown): boolean => v === true || v === 'true' || v === 'True';

/**
 * The extras list to send: the portal's extras that satudata does not manage (added by hand or by
 * another tool) are kept; managed ones come from the package, so a key removed locally goes away.
 */
export function desiredExtras(remote: RemoteDataset | undefined, ours: CkanExtra[]): CkanExtra[] {
  const foreign = ((remote?.extras as CkanExtra[] | undefined) ?? []).filter((e) => !MANAGED_EXTRAS.has(e.key));
  return [...foreign.map((e) => ({ key: e.key, value: str(e.value) })), ...ours];
}

function extrasDiff(remote: CkanExtra[], desired: CkanExtra[]): FieldDiff[] {
  const a = new Map(remote.map((e) => [e.key, str(e.value)]));
  const b = new Map(desired.map((e) => [e.key, e.value]));
  const out: FieldDiff[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(key) !== b.get(key)) out.push({ field: packageFieldOf(`extras.${key}`), from: a.get(key) ?? '', to: b.get(key) ?? '' });
  }
  return out;
}

/** Normalised comparison of the dataset fields satudata manages. */
export function datasetDiff(remote: RemoteDataset, draft: CkanDatasetDraft): { diff: FieldDiff[]; patch: Record<string, unknown> } {
  const diff: FieldDiff[] = [];
  const patch: Record<string, unknown> = {};
  for (const k of SCALARS) {
    const from = k === 'private' ? String(bool(remote.private)) : str(remote[k]);
    const to = str(draft[k]);
    if (from !== to) {
      diff.push({ field: packageFieldOf(k), from, to });
      patch[k] = draft[k];
    }
  }
  const remoteTags = ((remote.tags as { name: string }[] | undefined) ?? []).map((t) => t.name).sort();
  const tags = draft.tags.map((t) => t.name).sort();
  if (remoteTags.join('\u0000') !== tags.join('\u0000')) {
    diff.push({ field: 'keywords', from: remoteTags.join(', '), to: tags.join(', ') });
    patch.tags = draft.tags;
  }
  // ckanext-scheming: the managed fields of the portal's schema are top-level (never in `extras`).
  for (const [k, to] of Object.entries(draft.schemaFields ?? {})) {
    const from = str(remote[k]);
    if (from !== to) {
      diff.push({ field: packageFieldOf(k), from, to });
      patch[k] = to;
    }
  }
  const extras = desiredExtras(remote, draft.extras);
  const ed = extrasDiff((remote.extras as CkanExtra[] | undefined) ?? [], extras);
  if (ed.length) {
    diff.push(...ed);
    patch.extras = extras;
  }
  return { diff, patch };
}

/** The human title CKAN shows as the resource's `name`. */
export const titleOf = (l: LocalResource): string => l.title || l.draft.name;

function resourceDiff(remote: Record<string, unknown>, local: LocalResource): FieldDiff[] {
  const d = local.draft;
  const out: FieldDiff[] = [];
  const cmp = (field: string, from: string, to: string) => {
    if (from !== to) out.push({ field: `resources[${d.name}].${field}`, from, to });
  };
  cmp('title', str(remote.name), titleOf(local));
  cmp(RESOURCE_NAME_KEY, str(remote[RESOURCE_NAME_KEY]), d.name);
  // Record CKAN's own last_modified of a file satudata uploaded (datasets pushed before it was kept).
  if (local.sha256 !== undefined && str(remote.last_modified) && !str(remote[RESOURCE_LAST_MODIFIED_KEY])) {
    cmp(RESOURCE_LAST_MODIFIED_KEY, '', str(remote.last_modified));
  }
  cmp('description', str(remote.description), d.description);
  cmp('format', str(remote.format).toUpperCase(), d.format.toUpperCase());
  if (str(remote.mimetype)) cmp('mediatype', str(remote.mimetype), d.mimetype);
  cmp('schema', normaliseJson(remote.schema), normaliseJson(d.schema));
  if (d.url !== undefined) cmp('path', str(remote.url), d.url);
  return out;
}

function normaliseJson(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  try {
    return JSON.stringify(typeof v === 'string' ? JSON.parse(v) : v);
  } catch {
    return str(v);
  }
}

/**
 * Drift: the file on the portal was replaced by another route (the web form, another script) while
 * satudata's own record still matches the local file. Compares what CKAN itself reports (size, its
 * last_modified against the one recorded after satudata's upload, `hash` when it holds a SHA-256 or an
 * MD5) with what satudata recorded. Returns a short reason, or undefined.
 */
export function driftOf(remote: Record<string, unknown>, local: LocalResource): string | undefined {
  const reason = driftReason(remote, local);
  // Quoted portal values are shown on a terminal: printable ASCII only (they are dates and hex digests).
  return reason?.replace(/[^\x20-\x7e≠…]/g, '?');
}

function driftReason(remote: Record<string, unknown>, local: LocalResource): string | undefined {
  if (local.sha256 === undefined) return undefined;
  const size = remote.size;
  if (typeof size === 'number' && size !== local.bytes) return `size ${size} B ≠ ${local.bytes} B`;
  const lm = str(remote.last_modified);
  const recorded = str(remote[RESOURCE_LAST_MODIFIED_KEY]);
  if (lm && recorded && lm !== recorded) return `last_modified ${lm} ≠ ${recorded}`;
  const hash = str(remote.hash).trim().toLowerCase();
  if (hash.startsWith('sha256:') && hash.slice(7) !== local.sha256) return `hash ${hash.slice(0, 19)}…`;
  if (local.md5 && /^[0-9a-f]{32}$/.test(hash) && hash !== local.md5) return `hash (md5) ${hash.slice(0, 12)}…`;
  return undefined;
}

/** True when the stored file differs from the local one (or satudata never recorded its hash). */
export function fileChanged(remote: Record<string, unknown>, local: LocalResource): boolean {
  if (local.sha256 === undefined) return false;
  return str(remote[RESOURCE_HASH_KEY]) !== local.sha256 || str(remote[RESOURCE_BYTES_KEY]) !== String(local.bytes);
}

/**
 * Decide the writes. `remote` is the dataset as package_show returned it (undefined when 404); the
 * caller has already refused names taken by other organizations or invisible datasets.
 */
export function planPush(draft: CkanDatasetDraft, locals: LocalResource[], remote: RemoteDataset | undefined, opts: { prune: boolean }): PushPlan {
  if (!remote) {
    const { schemaFields, ...rest } = draft;
    // Scheming fields go top-level; empty ones are simply not sent.
    const fields: Record<string, unknown> = { ...rest, ...Object.fromEntries(Object.entries(schemaFields ?? {}).filter(([, v]) => v !== '')) };
    return {
      dataset: { action: 'created', fields, diff: [] },
      resources: locals.map((l) => ({ name: l.draft.name, action: 'created', upload: l.sha256 !== undefined, local: l, diff: [] })),
    };
  }
  const restoring = remote.state === 'deleted';
  const { diff, patch } = datasetDiff(remote, draft);
  if (restoring) patch.state = 'active';
  const action: DatasetAction = restoring ? 'restored' : diff.length ? 'updated' : 'unchanged';

  const active = (remote.resources ?? []).filter((r) => r.state !== 'deleted');
  const used = new Set<string>();
  const steps: ResourceStep[] = locals.map((l) => {
    const match = matchResource(active, l.draft.name, used);
    if (!match) return { name: l.draft.name, action: 'created', upload: l.sha256 !== undefined, local: l, diff: [] };
    used.add(match.id);
    const rd = resourceDiff(match, l);
    const changed = fileChanged(match, l);
    const drift = changed ? undefined : driftOf(match, l);
    const upload = changed || drift !== undefined;
    if (upload) {
      const recorded = Number(str(match[RESOURCE_BYTES_KEY]) || (typeof match.size === 'number' ? match.size : NaN));
      rd.push({
        field: `resources[${l.draft.name}].path`,
        from: drift ? `portal: ${drift}` : str(match[RESOURCE_HASH_KEY]).slice(0, 12) || '?',
        to: (l.sha256 ?? '').slice(0, 12),
        file: { ...(Number.isFinite(recorded) ? { fromBytes: recorded } : {}), ...(l.bytes !== undefined ? { toBytes: l.bytes } : {}), ...(drift ? { drift } : {}) },
      });
    }
    const step: MatchedStep = { name: l.draft.name, action: upload || rd.length ? 'updated' : 'unchanged', id: match.id, upload, local: l, diff: rd };
    if (drift) step.drift = drift;
    return step;
  });
  const ours = new Set(locals.map((l) => l.draft.name));
  for (const r of active) {
    if (used.has(r.id)) continue;
    const sdName = str(r[RESOURCE_NAME_KEY]);
    // Same satudata_name as a resource already matched: a duplicate left by two pushes that raced.
    if (sdName && ours.has(sdName)) steps.push({ name: sdName, action: 'deleted', id: r.id, upload: false, diff: [], duplicate: true });
    else steps.push({ name: sdName || str(r.name), action: opts.prune ? 'deleted' : 'kept', id: r.id, upload: false, diff: [] });
  }
  return { dataset: { action, id: remote.id, fields: patch, diff }, resources: steps };
}

/**
 * The portal resource of a package resource: the one whose `satudata_name` is that name; for datasets
 * pushed by earlier versions (no `satudata_name`, `name` held the package resource name), the one of
 * that name: the next push migrates it (title as `name`, `satudata_name` added).
 */
export function matchResource<R extends { id: string; name?: string }>(active: R[], name: string, used: Set<string>): R | undefined {
  const free = active.filter((r) => !used.has(r.id));
  return (
    free.find((r) => str((r as Record<string, unknown>)[RESOURCE_NAME_KEY]) === name) ??
    free.find((r) => !str((r as Record<string, unknown>)[RESOURCE_NAME_KEY]) && r.name === name)
  );
}

/** True when executing the plan would write nothing. */
export function planIsNoop(plan: PushPlan): boolean {
  return plan.dataset.action === 'unchanged' && plan.resources.every((r) => r.action === 'unchanged' || r.action === 'kept');
}
