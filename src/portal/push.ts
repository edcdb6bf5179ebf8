/**
 * Execute a push plan against the portal, step by step, in an order that keeps the portal consistent
 * when any step fails (issue 4 item 7), so that re-running `push` finishes the job:
 * 1. a new dataset is created *private* and only made public once all its files are in, so a failure
 *    never leaves a public, empty dataset;
 * 2. metadata is written with package_patch (never package_update, which wipes omitted lists on ≤2.11);
 * 3. each file goes in one resource_create/resource_patch call with its upload, so a resource is never
 *    left without its file, and its hash is recorded in the same call;
 * 4. --prune deletes portal-only resources last, after the new ones are in place.
 */
import { basename } from 'node:path';
import { RESOURCE_BYTES_KEY, RESOURCE_HASH_KEY } from '../metadata/mapping.js';
import type { CkanClient } from './client.js';
import type { DatasetAction, PushPlan, ResourceAction, ResourceStep } from './plan.js';

export type PushEvent =
  | { type: 'dataset'; action: DatasetAction; name: string }
  | { type: 'resource'; action: ResourceAction; name: string }
  | { type: 'upload'; name: string; sent: number; total: number };

export interface PushResult {
  dryRun: boolean;
  portal: string;
  dataset: { name: string; id: string; url: string; action: DatasetAction };
  resources: { name: string; action: ResourceAction; bytes: number | null; sha256: string | null }[];
}

interface CkanResourceDict {
  id: string;
  name?: string;
}

function resourceFields(step: ResourceStep): Record<string, string> {
  const d = step.local!.draft;
  const f: Record<string, string> = { name: d.name, description: d.description, format: d.format, mimetype: d.mimetype };
  if (d.schema) f.schema = d.schema;
  if (d.url !== undefined) f.url = d.url;
  if (step.local!.sha256 !== undefined) {
    f[RESOURCE_HASH_KEY] = step.local!.sha256;
    f[RESOURCE_BYTES_KEY] = String(step.local!.bytes);
    // CKAN never computes `hash` (ckan-api.md §6); record ours in the standard field too.
    f.hash = `sha256:${step.local!.sha256}`;
  }
  return f;
}

export function resultOf(plan: PushPlan, portal: string, name: string, id: string, dryRun: boolean): PushResult {
  return {
    dryRun,
    portal,
    dataset: { name, id, url: `${portal}/dataset/${name}`, action: plan.dataset.action },
    resources: plan.resources.map((r) => ({ name: r.name, action: r.action, bytes: r.local?.bytes ?? null, sha256: r.local?.sha256 ?? null })),
  };
}

export async function executePlan(client: CkanClient, plan: PushPlan, datasetName: string, onEvent: (e: PushEvent) => void = () => {}): Promise<PushResult> {
  let id = plan.dataset.id ?? '';
  // Public datasets are created private first, then opened at the end (see 1. above).
  let publishAtEnd = false;

  if (plan.dataset.action === 'created') {
    const fields = { ...plan.dataset.fields };
    publishAtEnd = fields.private === false;
    fields.private = true;
    const created = await client.action<{ id: string }>('package_create', fields);
    id = created.id;
  } else if (plan.dataset.action !== 'unchanged') {
    const fields = { ...plan.dataset.fields };
    // Opening a private dataset (e.g. one left private by an interrupted first push) waits for its files.
    if (fields.private === false) {
      delete fields.private;
      publishAtEnd = true;
    }
    if (Object.keys(fields).length) await client.action('package_patch', { id, ...fields });
  }
  onEvent({ type: 'dataset', action: plan.dataset.action, name: datasetName });

  for (const step of plan.resources) {
    if (step.action !== 'created' && step.action !== 'updated') continue;
    const fields = resourceFields(step);
    const local = step.local!;
    const target: Record<string, string> = step.action === 'created' ? { package_id: id } : { id: step.id! };
    if (step.upload && local.file) {
      const file = { path: local.file, filename: basename(local.file), contentType: local.draft.mimetype, size: local.bytes!, sha256: local.sha256 };
      const name = step.action === 'created' ? 'resource_create' : 'resource_patch';
      await client.upload<CkanResourceDict>(name, { ...target, ...fields }, file, {
        onProgress: (sent, total) => onEvent({ type: 'upload', name: step.name, sent, total }),
      });
    } else {
      await client.action<CkanResourceDict>(step.action === 'created' ? 'resource_create' : 'resource_patch', { ...target, ...fields });
    }
    onEvent({ type: 'resource', action: step.action, name: step.name });
  }

  if (publishAtEnd) await client.action('package_patch', { id, private: false });

  for (const step of plan.resources) {
    if (step.action !== 'deleted') continue;
    await client.action('resource_delete', { id: step.id });
    onEvent({ type: 'resource', action: 'deleted', name: step.name });
  }
  return resultOf(plan, client.portal, datasetName, id, false);
}
