/**
 * Everything `push` checks before it writes (issue 4, issue 19): the local refusals (invalid data, CKAN
 * rules the portal would reject) and, once the token is verified, the portal's: the right to publish in
 * the organization, the licence against the portal's own list, the plan, and the upload size. A refusal
 * is data (a discriminated union) that the command renders; `refusalError` gives each kind the error
 * class, hence the exit code, the README documents: 1 data, 2 usage/config, 3 portal.
 */
import { ConfigError, DataInvalidError, PortalError, type SatudataError } from '../errors.js';
import { msg, type Lang } from '../i18n.js';
import type { CkanDatasetDraft } from '../ckan/mapping.js';
import { checkCkanDataset, type Violation } from '../ckan/rules.js';
import type { Report } from '../validate/types.js';
import type { CkanClient } from './client.js';
import { lookupDataset } from './explain.js';
import { acquirePushLock, type PushLock } from './lock.js';
import { planPush, type LocalResource, type PushPlan, type RemoteDataset } from './plan.js';
import { humanBytes } from './render.js';
import type { Identity } from './session.js';

export type PushRefusal =
  /** The data or its Satu Data metadata is invalid (the report says where). */
  | { kind: 'invalid'; report: Report }
  /** The mapped dataset breaks a CKAN rule, seen before the portal is contacted. */
  | { kind: 'ckan-rules'; violations: Violation[] }
  /** The token may not create datasets in the target organization. */
  | { kind: 'no-rights'; user: string; organization: string; organizationFrom?: string; mayPublishTo: string[] }
  /** The licence is not in the portal's license_list. */
  | { kind: 'licence'; violations: Violation[] }
  /** Files the plan would upload are larger than maxUploadMB. */
  | { kind: 'too-large'; limitMB: number; files: { name: string; bytes: number }[] };

const list = (violations: Violation[]) => violations.map((v) => `  - ${v.field}: ${v.message}`).join('\n');

/** The refusal as the error of its class: DataInvalidError (exit 1), ConfigError (2) or PortalError (3). */
export function refusalError(r: PushRefusal, lang: Lang): SatudataError {
  switch (r.kind) {
    case 'invalid':
      return new DataInvalidError(msg(lang, 'push.the_package_is_not').trimEnd(), 'E_INVALID');
    case 'ckan-rules':
      return new DataInvalidError(msg(lang, 'push.the_package_cannot_be') + list(r.violations), 'E_CKAN_RULES');
    case 'licence':
      return new DataInvalidError(`${msg(lang, 'push.the_licence_is_not')}\n${list(r.violations)}`, 'E_INVALID');
    case 'no-rights': {
      const names = r.mayPublishTo.join(', ');
      return new PortalError(msg(lang, 'push.the_token_of_has', { name: r.user, owner_org: r.organization, from: r.organizationFrom }), {
        code: 'E_NO_RIGHTS',
        hint: names ? msg(lang, 'push.it_may_publish_to', { list: names, owner_org: r.organization }) : msg(lang, 'push.it_may_publish_to_2'),
      });
    }
    case 'too-large':
      return new ConfigError(
        msg(lang, 'push.files_larger_than_maxuploadmb') + `(${r.limitMB} MB): ` + r.files.map((f) => `${f.name} (${humanBytes(f.bytes)})`).join(', '),
        msg(lang, 'push.the_portal_would_refuse'),
        'E_TOO_LARGE',
      );
  }
}

/** What the push log records of a refusal made before the portal is contacted (a short summary). */
export function refusalSummary(r: PushRefusal, lang: Lang): { code: string; message: string } {
  if (r.kind === 'invalid') return { code: 'E_INVALID', message: `${r.report.stats.errors} validation error(s)` };
  if (r.kind === 'ckan-rules') return { code: 'E_CKAN_RULES', message: r.violations.map((v) => `${v.field}: ${v.message}`).join('; ') };
  const e = refusalError(r, lang);
  return { code: e.code, message: e.message };
}

/** Every CKAN rule the mapped dataset breaks, at once, before the portal is contacted. */
export function ckanRulesRefusal(draft: CkanDatasetDraft, locals: LocalResource[], lang: Lang): PushRefusal | undefined {
  const violations = checkCkanDataset(draft, locals.map((l) => l.draft), lang);
  return violations.length ? { kind: 'ckan-rules', violations } : undefined;
}

export interface PrepareInput {
  client: CkanClient;
  /** Who the verified token belongs to and where it may create datasets. */
  who: Identity;
  draft: CkanDatasetDraft;
  locals: LocalResource[];
  /** Where the organization was named (--org, SATUDATA_ORG, sdi.organisasi, the config). */
  organizationFrom?: string;
  prune: boolean;
  maxUploadMB: number;
  /** A real push holds the package's lock (issue 14) from before the portal is read; a dry run takes none. */
  lock?: { dir: string; waitMs: number };
  lang: Lang;
}

export interface PreparedPush {
  /** The dataset as the portal shows it now (undefined: the name is free) and the writes it needs. */
  remote: RemoteDataset | undefined;
  plan: PushPlan;
  /** Read the dataset again with the same checks (for executePlan). */
  reread: () => Promise<RemoteDataset | undefined>;
  /** Held until the caller releases it; `recovered` says a stale lock was taken over. */
  lock?: PushLock;
}

export type PrepareOutcome = { ok: true; push: PreparedPush } | { ok: false; refusal: PushRefusal };

/**
 * Rights, licence, lock, plan and upload size, in that order, before anything is written. Portal
 * failures are thrown (PortalError); refusals are returned. A refusal releases the lock it took.
 */
export async function preparePush(input: PrepareInput): Promise<PrepareOutcome> {
  const { client, who, draft, locals, lang } = input;
  const target = who.orgs.find((o) => o.name === draft.owner_org || o.id === draft.owner_org);
  if (!target && !who.user.sysadmin) {
    return {
      ok: false,
      refusal: { kind: 'no-rights', user: who.user.name, organization: draft.owner_org, organizationFrom: input.organizationFrom, mayPublishTo: who.orgs.map((o) => o.name) },
    };
  }
  const licenses = (await client.action<{ id: string }[]>('license_list')).map((l) => l.id);
  const licence = checkCkanDataset(draft, locals.map((l) => l.draft), lang, licenses);
  if (licence.length) return { ok: false, refusal: { kind: 'licence', violations: licence } };

  const lock = input.lock ? await acquirePushLock(input.lock.dir, lang, input.lock.waitMs) : undefined;
  try {
    const reread = () => lookupDataset(client, draft.name, target?.id ?? draft.owner_org, draft.owner_org, lang);
    const remote = await reread();
    const plan = planPush(draft, locals, remote, { prune: input.prune });
    const maxBytes = input.maxUploadMB * 1024 * 1024;
    const tooBig = plan.resources.flatMap((r) => (r.upload && (r.local?.bytes ?? 0) > maxBytes ? [{ name: r.name, bytes: r.local?.bytes ?? 0 }] : []));
    if (tooBig.length) {
      await lock?.release();
      return { ok: false, refusal: { kind: 'too-large', limitMB: input.maxUploadMB, files: tooBig } };
    }
    return { ok: true, push: { remote, plan, reread, ...(lock ? { lock } : {}) } };
  } catch (e) {
    await lock?.release();
    throw e;
  }
}
