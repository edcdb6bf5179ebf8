/**
 * Execute a push against the portal, step by step, in an order that keeps the portal consistent when any
 * step fails (issue 4 item 7), and so that no write can be applied twice (issue 14):
 * 1. a new dataset is created *private* and only made public once all its files are in, so a failure
 *    never leaves a public, half-empty dataset;
 * 2. metadata is written with package_patch (never package_update, which wipes omitted lists on ≤2.11);
 * 3. each file goes in one resource_create/resource_patch call with its upload, so a resource is never
 *    left without its file; its hash is recorded in the same call, CKAN's last_modified right after;
 * 4. --prune deletes portal-only resources last, after the new ones are in place.
 * The portal is re-read (package_show) and the plan made again before each write that creates something
 * (another machine may have pushed meanwhile) and after each write whose outcome is unknown (5xx, reset,
 * timeout after sending): such a write is never resent blindly, the re-read decides whether it is done.
 */
import { basename } from 'node:path';
import { PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { RESOURCE_BYTES_KEY, RESOURCE_HASH_KEY, RESOURCE_LAST_MODIFIED_KEY, RESOURCE_NAME_KEY, type CkanDatasetDraft } from '../ckan/mapping.js';
import type { CkanClient } from './client.js';
import { isOutcomeUnknown } from './net-errors.js';
import { PORTAL_CODES } from './response.js';
import { planPush, titleOf, type DatasetAction, type LocalResource, type PushPlan, type RemoteDataset, type ResourceAction, type PortalOnlyStep, type ResourceStep, type WriteStep } from './plan.js';
import type { ShownResource } from './shapes.js';
import { msg } from '../i18n.js';

export type PushEvent =
  | { type: 'dataset'; action: DatasetAction; name: string }
  | { type: 'resource'; action: ResourceAction; name: string; drift?: string; duplicate?: boolean }
  | { type: 'upload'; name: string; sent: number; total: number }
  | { type: 'reread'; action: string; reason: string; taken?: boolean };

export interface PushResult {
  dryRun: boolean;
  portal: string;
  dataset: { name: string; id: string; url: string; action: DatasetAction };
  resources: { name: string; title?: string; action: ResourceAction; bytes: number | null; sha256: string | null; drift?: string }[];
}

function resourceFields(step: WriteStep, remote?: Record<string, unknown>): Record<string, string> {
  const local = step.local;
  const d = local.draft;
  const f: Record<string, string> = { name: titleOf(local), [RESOURCE_NAME_KEY]: d.name, description: d.description, format: d.format, mimetype: d.mimetype };
  if (d.schema) f.schema = d.schema;
  if (d.url !== undefined) f.url = d.url;
  if (local.sha256 !== undefined) {
    f[RESOURCE_HASH_KEY] = local.sha256;
    f[RESOURCE_BYTES_KEY] = String(local.bytes);
    // CKAN never computes `hash` (ckan-api.md §6); record ours in the standard field too.
    f.hash = `sha256:${local.sha256}`;
    // A metadata-only update of an unchanged file records CKAN's own last_modified if it was not yet.
    const lm = remote?.last_modified;
    if (!step.upload && typeof lm === 'string' && lm) f[RESOURCE_LAST_MODIFIED_KEY] = lm;
  }
  return f;
}

export function resultOf(plan: PushPlan, portal: string, name: string, id: string, dryRun: boolean): PushResult {
  return {
    dryRun,
    portal,
    dataset: { name, id, url: `${portal}/dataset/${name}`, action: plan.dataset.action },
    resources: plan.resources.filter((r) => !r.duplicate).map((r) => ({
      name: r.name,
      ...(r.local ? { title: titleOf(r.local) } : {}),
      action: r.action,
      bytes: r.local?.bytes ?? null,
      sha256: r.local?.sha256 ?? null,
      ...(r.drift ? { drift: r.drift } : {}),
    })),
  };
}

export interface ExecuteInput {
  client: CkanClient;
  draft: CkanDatasetDraft;
  locals: LocalResource[];
  prune: boolean;
  /** The dataset as read just before (undefined: it does not exist yet) and the plan made from it. */
  remote: RemoteDataset | undefined;
  plan: PushPlan;
  /** Read the dataset again (package_show, same checks as the first lookup). */
  reread: () => Promise<RemoteDataset | undefined>;
  lang: Lang;
  onEvent?: (e: PushEvent) => void;
}

function nameTaken(e: unknown): e is PortalError {
  return e instanceof PortalError && e.code === PORTAL_CODES.validation && (e.fieldErrors?.name ?? []).some((m) => /already in use/i.test(m));
}

const isWrite = (r: ResourceStep): r is WriteStep => r.action === 'created' || r.action === 'updated';

/** How many unknown outcomes one push tolerates before giving up (each is followed by a re-read). */
const MAX_UNKNOWN_OUTCOMES = 3;

type Key = string;

/** The writes a plan still needs, in order, as keys: dataset, res:<name>, publish, del:<id>. */
function pendingKeys(plan: PushPlan, draft: CkanDatasetDraft): Key[] {
  const keys: Key[] = [];
  const d = plan.dataset;
  const patchFields = Object.keys(d.fields).filter((k) => !(k === 'private' && d.fields.private === false));
  if (d.action === 'created' || (d.action !== 'unchanged' && patchFields.length)) keys.push('dataset');
  for (const r of plan.resources) if (isWrite(r)) keys.push(`res:${r.name}`);
  if (draft.private === false && (d.action === 'created' || d.fields.private === false)) keys.push('publish');
  for (const r of plan.resources) if (r.action === 'deleted') keys.push(`del:${r.id}`);
  return keys;
}

export async function executePlan(input: ExecuteInput): Promise<PushResult> {
  const { client, draft, locals, prune, lang } = input;
  const onEvent = input.onEvent ?? (() => {});
  let remote = input.remote;
  let plan = input.plan;
  let fresh = true;
  let unknowns = 0;
  const done = new Set<Key>();
  const attempted = new Map<string, { action: ResourceAction; drift?: string }>();
  let createdHere = false;
  let createAttempted = false;
  let raced = false;
  let createdSinceRead = false;
  let id = plan.dataset.id ?? '';

  const replan = async (reason?: { action: string; why: string; taken?: boolean }) => {
    if (reason) onEvent({ type: 'reread', action: reason.action, reason: reason.why, ...(reason.taken ? { taken: true } : {}) });
    remote = await input.reread();
    // A create whose answer was lost but that the portal applied: the dataset is ours, made by this run.
    if (createAttempted && remote) createdHere = true;
    plan = planPush(draft, locals, remote, { prune });
    id = remote?.id ?? '';
    done.clear();
    fresh = true;
    createdSinceRead = false;
  };

  try {
    for (;;) {
      const key = pendingKeys(plan, draft).find((k) => !done.has(k));
      if (!key) {
        // After creating something, read once more: a push racing from another machine may have created
        // the same resource; the plan then deletes the later copy (both sides keep the same, first one).
        if (!createdSinceRead) break;
        await replan();
        continue;
      }
      const step = key.startsWith('res:') ? plan.resources.find((r): r is WriteStep => isWrite(r) && `res:${r.name}` === key) : undefined;
      const creates = (key === 'dataset' && plan.dataset.action === 'created') || step?.action === 'created';
      if (creates && !fresh) {
        await replan();
        continue;
      }
      try {
        await runStep(key, step);
        done.add(key);
        fresh = false;
        if (creates) createdSinceRead = true;
      } catch (e) {
        // Another machine created the dataset between our read and our create: take it from there.
        if (key === 'dataset' && nameTaken(e) && !raced) {
          raced = true;
          createAttempted = false;
          await replan({ action: `dataset ${draft.name}`, why: e.message, taken: true });
          if (remote) continue;
          throw e;
        }
        if (!isOutcomeUnknown(e) || ++unknowns > MAX_UNKNOWN_OUTCOMES) throw e;
        const label = key === 'dataset' || key === 'publish' ? `dataset ${draft.name}` : key.startsWith('res:') ? `resource ${key.slice(4)}` : `resource ${key.slice(4)}`;
        await replan({ action: label, why: e.message });
      }
    }
  } catch (e) {
    throw unfinished(e, { portal: client.portal, draft, lang, shown: remote, created: createdHere });
  }

  async function runStep(key: Key, step: WriteStep | undefined): Promise<void> {
    if (key === 'dataset') {
      if (plan.dataset.action === 'created') {
        // Public datasets are created private, then opened at the end (see 1. above).
        createAttempted = true;
        const created = await client.action<{ id: string }>('package_create', { ...plan.dataset.fields, private: true });
        createdHere = true;
        id = created.id;
      } else {
        const fields = { ...plan.dataset.fields };
        if (fields.private === false) delete fields.private; // opened by 'publish', once the files are in
        await client.action('package_patch', { id, ...fields });
      }
      onEvent({ type: 'dataset', action: createdHere ? 'created' : plan.dataset.action, name: draft.name });
      return;
    }
    if (key === 'publish') {
      await client.action('package_patch', { id, private: false });
      return;
    }
    if (key.startsWith('del:')) {
      const victim = plan.resources.find((r): r is PortalOnlyStep => r.action === 'deleted' && `del:${r.id}` === key);
      if (!victim) throw new Error(`no resource step for ${key}`);
      try {
        await client.action('resource_delete', { id: victim.id });
      } catch (e) {
        // A duplicate may already have been deleted by the other push.
        if (!(victim.duplicate && e instanceof PortalError && e.code === PORTAL_CODES.notFound)) throw e;
      }
      if (victim.duplicate) {
        onEvent({ type: 'resource', action: 'deleted', name: victim.name, duplicate: true });
        return;
      }
      attempted.set(victim.name, { action: 'deleted' });
      onEvent({ type: 'resource', action: 'deleted', name: victim.name });
      return;
    }
    const s = step;
    if (!s) throw new Error(`no resource step for ${key}`);
    const local = s.local;
    const shown = s.action === 'created' ? undefined : remote?.resources?.find((r) => r.id === s.id);
    const fields = resourceFields(s, shown);
    const target: Record<string, string> = s.action === 'created' ? { package_id: id } : { id: s.id };
    const name = s.action === 'created' ? 'resource_create' : 'resource_patch';
    const outcome = { action: attempted.get(s.name)?.action === 'created' ? 'created' : s.action, ...(s.drift ? { drift: s.drift } : {}) } as const;
    attempted.set(s.name, outcome);
    if (s.drift) onEvent({ type: 'resource', action: 'updated', name: s.name, drift: s.drift });
    if (s.upload && local.file) {
      const file = { path: local.file, filename: basename(local.file), contentType: local.draft.mimetype, size: local.bytes ?? 0, sha256: local.sha256 };
      const stored = await client.upload<ShownResource>(name, { ...target, ...fields }, file, {
        onProgress: (sent, total) => onEvent({ type: 'upload', name: s.name, sent, total }),
      });
      // Record CKAN's own last_modified of this upload: a later change by another route shows as drift.
      if (typeof stored.last_modified === 'string' && stored.last_modified) {
        await client.action('resource_patch', { id: stored.id, [RESOURCE_LAST_MODIFIED_KEY]: stored.last_modified });
      }
    } else {
      await client.action(name, { ...target, ...fields });
    }
    onEvent({ type: 'resource', action: outcome.action, name: s.name });
  }

  const first = input.plan;
  const result = resultOf(plan, client.portal, draft.name, id, false);
  result.dataset.action = createdHere ? 'created' : first.dataset.action;
  for (const r of result.resources) {
    const a = attempted.get(r.name);
    if (a) {
      r.action = a.action;
      if (a.drift) r.drift = a.drift;
    }
  }
  // Resources deleted by --prune are gone from the final plan: report them from the first one.
  for (const r of first.resources) if (r.action === 'deleted' && !r.duplicate && !result.resources.some((x) => x.name === r.name)) result.resources.push({ name: r.name, action: 'deleted', bytes: null, sha256: null });
  return result;
}

/** A failure that leaves a private, unfinished dataset says which, and how to finish or remove it. */
function unfinished(e: unknown, c: { portal: string; draft: CkanDatasetDraft; lang: Lang; shown: RemoteDataset | undefined; created: boolean }): unknown {
  if (!(e instanceof PortalError)) return e;
  const shownPrivate = c.shown !== undefined && (c.shown.private === true || c.shown.private === 'true' || c.shown.private === 'True');
  if (!c.created && !(shownPrivate && c.draft.private === false)) return e;
  const name = c.draft.name;
  const url = `${c.portal}/dataset/${name}`;
  const note =
    msg(c.lang, 'portal.push.the_dataset_was_left', { name, url });
  return new PortalError(e.message, { code: e.code, status: e.status, ckanType: e.ckanType, fieldErrors: e.fieldErrors, hint: e.hint ? `${e.hint}\n${note}` : note, cause: e });
}
