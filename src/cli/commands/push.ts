import path from 'node:path';
/**
 * `satudata push [PACKAGE] [--portal URL] [--org NAME] [--dry-run] [--yes] [--json] [--prune]` (issue 4):
 * validate → map and pre-check → verify token and rights → look the dataset up → plan → print the plan
 * (--dry-run) or execute it → summary and one line in .satudata/push-log.jsonl.
 */
import ora, { type Ora } from 'ora';
import type { CliContext } from '../context.js';
import type { PushOptions } from '../options.js';
import { redact } from '../context.js';
import { loadConfig } from '../../config/load.js';
import { portalNamedByUser, requireToken, resolvePortalOrLogin } from '../../config/token.js';
import { PortalError, isSatudataError } from '../../errors.js';
import { checkSatudataProfile } from '../../metadata/profile.js';
import { renderText } from '../../report/text.js';
import { validate } from '../../validate/index.js';
import { resolveOrganization, toCkanDataset } from '../../ckan/mapping.js';
import { checkSameBytes, findPackage, localResources } from '../../portal/local.js';
import { ckanRulesRefusal, preparePush, refusalError, refusalSummary, type PushRefusal } from '../../portal/prepare.js';
import { executePlan, resultOf, type PushEvent } from '../../portal/push.js';
import { appendPushLog } from '../../portal/push-log.js';
import type { PushLock } from '../../portal/lock.js';
import { actionWord, humanBytes, renderPlan, renderSummary } from '../../portal/render.js';
import { clientFor, verifyToken } from '../../portal/session.js';
import { explainPortalError } from '../../portal/explain.js';
import { msg } from '../../i18n.js';

const bar = (pct: number) => '[' + '#'.repeat(Math.round(pct / 5)).padEnd(20, '.') + ']';

export async function run(ctx: CliContext, args: string[], opts: PushOptions): Promise<number> {
  const lang = ctx.lang;
  const note = (s: string) => ctx.stderr.write(s);

  const lp = await findPackage(ctx.cwd, args[0], lang);
  // The package's own repository config applies even when push is run from elsewhere.
  const loaded = await loadConfig(path.dirname(lp.file), lang, ctx.env);
  const { config } = loaded;
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, lang);
  const dryRun = Boolean(opts.dryRun);

  // 1. Validate the data and the Satu Data metadata, map to CKAN and pre-check every CKAN rule locally:
  // invalid data is never pushed. Refusals before the token is read are logged too: the log answers
  // "why was this not published?".
  const report = await validate([lp.file], { cwd: ctx.cwd, profile: 'satudata', packageChecks: [(pkg) => checkSatudataProfile(pkg, { lang })] });
  const refuse = async (r: PushRefusal, organization: string): Promise<never> => {
    await appendPushLog(lp.dir, { time: new Date().toISOString(), portal, dataset: String(lp.pkg.name ?? ''), organization, dryRun, outcome: 'failed', error: refusalSummary(r, lang) }, (x) => x);
    throw refusalError(r, lang);
  };
  if (!report.valid) {
    // The same cell-level report as `satudata validate`, in the user's language.
    note(renderText(report, { lang, color: ctx.color }));
    await refuse({ kind: 'invalid', report }, '');
  }
  const org = resolveOrganization(lp.pkg, opts.org, ctx.env, config.organization);
  const draft = toCkanDataset(lp.pkg, org?.org ?? '');
  const locals = await localResources(lp, lang);
  checkSameBytes(lp, locals, report, lang);
  const rules = ckanRulesRefusal(draft, locals, lang);
  if (rules) await refuse(rules, draft.owner_org);

  // 2. Token and rights, always before planning (also for --dry-run).
  const tok = await requireToken(ctx.env, config, portal, portalNamedByUser(opts.portal, ctx.env, loaded), lang);
  ctx.addSecret(tok.token);
  const scrub = (s: string) => redact(s, [tok.token]);
  const client = clientFor(ctx.env, config, portal, tok.token, lang);
  let user: string | undefined;
  const log = (outcome: 'ok' | 'failed', extra: object) =>
    appendPushLog(lp.dir, { time: new Date().toISOString(), portal, dataset: draft.name, organization: draft.owner_org, user, dryRun, outcome, ...extra }, scrub);

  let spinner: Ora | undefined;
  let lock: PushLock | undefined;
  try {
    const who = await verifyToken(client, portal, lang, tok.source);
    user = who.user.name;
    // 3. Rights, licence, plan and upload size; a real push holds the package's lock from the plan on (issue 14).
    const wait = Number(ctx.env.SATUDATA_LOCK_WAIT_SECONDS);
    const waitMs = (Number.isFinite(wait) && wait >= 0 && ctx.env.SATUDATA_LOCK_WAIT_SECONDS !== '' ? wait : 60) * 1000;
    const prepared = await preparePush({
      client,
      who,
      draft,
      locals,
      organizationFrom: org?.from,
      prune: Boolean(opts.prune),
      maxUploadMB: config.maxUploadMB ?? 10,
      ...(dryRun ? {} : { lock: { dir: lp.dir, waitMs } }),
      lang,
    });
    if (!prepared.ok) throw refusalError(prepared.refusal, lang);
    const { plan, remote, reread } = prepared.push;
    lock = prepared.push.lock;
    if (lock?.recovered) note(msg(lang, 'push.note_took_over_the', { pid: lock.recovered.pid, started: lock.recovered.started }));

    if (dryRun) {
      const result = resultOf(plan, portal, draft.name, remote?.id ?? '', true);
      if (opts.json) ctx.stdout.write(JSON.stringify({ ...result, diff: { dataset: plan.dataset.diff, resources: Object.fromEntries(plan.resources.map((r) => [r.name, r.diff])) } }, null, 2) + '\n');
      else ctx.stdout.write(renderPlan(plan, result, lang));
      await log('ok', { result: { dataset: result.dataset, resources: result.resources } });
      return 0;
    }

    // 4. Execute, with progress on stderr (a byte progress bar on a TTY).
    if (ctx.stderr.isTTY) {
      spinner = ora({ stream: ctx.stderr, isEnabled: true, discardStdin: false, color: ctx.color ? 'cyan' : false }).start(msg(lang, 'push.publishing'));
    }
    const result = await executePlan({ client, draft, locals, prune: Boolean(opts.prune), remote, plan, reread, lang, onEvent: progress(ctx, spinner) });
    spinner?.succeed(msg(lang, 'push.done'));
    spinner = undefined;
    await log('ok', { result: { dataset: result.dataset, resources: result.resources } });
    if (opts.json) ctx.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else ctx.stdout.write(renderSummary(result, lang));
    return 0;
  } catch (e) {
    spinner?.fail();
    if (isSatudataError(e)) {
      await log('failed', { error: { code: e.code, message: e.message } }).catch(() => {});
      throw e instanceof PortalError ? explainPortalError(e, draft, lang) : e;
    }
    await log('failed', { error: { code: 'E_INTERNAL', message: String((e as Error)?.message ?? e) } }).catch(() => {});
    throw e;
  } finally {
    await lock?.release();
    await client.close();
  }
}

/** The push's events as progress on stderr: a byte bar in the spinner on a TTY, plain lines otherwise. */
function progress(ctx: CliContext, spinner: Ora | undefined): (e: PushEvent) => void {
  const lang = ctx.lang;
  const note = (s: string) => ctx.stderr.write(s);
  let lastRender = 0;
  return (e) => {
    if (e.type === 'upload') {
      const pct = e.total ? Math.floor((e.sent / e.total) * 100) : 100;
      if (spinner) {
        spinner.text = `${e.name}: ${bar(pct)} ${pct}% (${humanBytes(e.sent)} / ${humanBytes(e.total)})`;
        // The spinner redraws on its own timer; force a frame now and then so fast uploads show too.
        if (e.sent === e.total || Date.now() - lastRender > 100) {
          spinner.render();
          lastRender = Date.now();
        }
      } else if (e.sent === 0) note(msg(lang, 'push.uploading', { name: e.name, value: humanBytes(e.total) }));
    } else if (e.type === 'reread' && e.taken) {
      note(msg(lang, 'push.created_meanwhile_by_another', { action: e.action }));
    } else if (e.type === 'reread') {
      note(msg(lang, 'push.the_outcome_is_unknown', { action: e.action, reason: e.reason }));
    } else if (e.type === 'resource' && e.duplicate) {
      note(msg(lang, 'push.resource_a_second_copy', { name: e.name }));
    } else if (e.type === 'resource' && e.drift) {
      note(msg(lang, 'push.resource_the_portal_copy', { name: e.name, drift: e.drift }));
    } else if (!spinner && e.action !== 'unchanged') note(`${e.type === 'dataset' ? 'dataset' : 'resource'} ${e.name}: ${actionWord(e.action, lang)}\n`);
  };
}
