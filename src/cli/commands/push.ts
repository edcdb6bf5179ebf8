import path from 'node:path';
/**
 * `satudata push [PACKAGE] [--portal URL] [--org NAME] [--dry-run] [--yes] [--json] [--prune]` (issue 4):
 * validate → map and pre-check → verify token and rights → look the dataset up → plan → print the plan
 * (--dry-run) or execute it → summary and one line in .satudata/push-log.jsonl.
 */
import { Writable } from 'node:stream';
import ora, { type Ora } from 'ora';
import type { CliContext } from '../context.js';
import { redact } from '../context.js';
import { loadConfig } from '../../config/load.js';
import { portalNamedByUser, requireToken, resolvePortalOrLogin } from '../../config/token.js';
import { ConfigError, DataInvalidError, PortalError, isSatudataError } from '../../errors.js';
import { checkSatudataProfile } from '../../metadata/profile.js';
import { renderText } from '../../report/text.js';
import { validate } from '../../validate/index.js';
import { checkCkanDataset } from '../../ckan/rules.js';
import { resolveOrganization, toCkanDataset } from '../../ckan/mapping.js';
import { checkSameBytes, findPackage, localResources } from '../../portal/local.js';
import { planPush, type RemoteDataset } from '../../portal/plan.js';
import { executePlan, resultOf, type PushEvent } from '../../portal/push.js';
import { appendPushLog } from '../../portal/push-log.js';
import { acquirePushLock, type PushLock } from '../../portal/lock.js';
import { actionWord, humanBytes, renderPlan, renderSummary } from '../../portal/render.js';
import { clientFor, verifyToken } from '../../portal/session.js';
import { explainPortalError, lookupDataset } from '../../portal/explain.js';
import { msg } from '../../i18n.js';

/**
 * ora wants a TTY stream; give it one that writes through ctx.stderr, so the redaction of secrets and
 * the tests' captured stderr see the progress bar too.
 */
function ttyStream(out: CliContext['stderr']): NodeJS.WriteStream {
  const w = new Writable({
    write(chunk, _enc, cb) {
      out.write(String(chunk));
      cb();
    },
  }) as Writable & Record<string, unknown>;
  Object.assign(w, {
    isTTY: true,
    columns: 100,
    rows: 30,
    cursorTo: (x: number, cb?: () => void) => (out.write(`\x1b[${x + 1}G`), cb?.(), true),
    moveCursor: (dx: number, dy: number, cb?: () => void) => (out.write(`${dy < 0 ? `\x1b[${-dy}A` : ''}${dx ? `\x1b[${dx}C` : ''}`), cb?.(), true),
    clearLine: (_dir: number, cb?: () => void) => (out.write('\x1b[2K'), cb?.(), true),
  });
  return w as unknown as NodeJS.WriteStream;
}

const bar = (pct: number) => '[' + '#'.repeat(Math.round(pct / 5)).padEnd(20, '.') + ']';

export async function run(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const lang = ctx.lang;
  const note = (s: string) => ctx.stderr.write(s);

  const lp = await findPackage(ctx.cwd, args[0], lang);
  // The package's own repository config applies even when push is run from elsewhere.
  const loaded = await loadConfig(path.dirname(lp.file), lang, ctx.env);
  const { config } = loaded;
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, lang);

  // 1. Validate the data and the Satu Data metadata first: invalid data is never pushed.
  const dryRunFlag = Boolean(opts.dryRun);
  // Refusals before the token is read are logged too: the log answers "why was this not published?".
  const logRefusal = (code: string, message: string, organization = '') =>
    appendPushLog(lp.dir, { time: new Date().toISOString(), portal, dataset: String(lp.pkg.name ?? ''), organization, dryRun: dryRunFlag, outcome: 'failed', error: { code, message } }, (x) => x);
  const report = await validate([lp.file], { cwd: ctx.cwd, profile: 'satudata', packageChecks: [(pkg) => checkSatudataProfile(pkg, { lang })] });
  if (!report.valid) {
    // The same cell-level report as `satudata validate`, in the user's language.
    note(renderText(report, { lang, color: ctx.color }));
    note(msg(lang, 'push.the_package_is_not'));
    await logRefusal('E_INVALID', `${report.stats.errors} validation error(s)`);
    return 1;
  }

  // 2. Map to CKAN and pre-check every CKAN rule locally, all at once.
  const org = resolveOrganization(lp.pkg, opts.org, ctx.env, config.organization);
  const draft = toCkanDataset(lp.pkg, org?.org ?? '');
  const locals = await localResources(lp, lang);
  checkSameBytes(lp, locals, report, lang);
  const violations = checkCkanDataset(draft, locals.map((l) => l.draft), lang);
  if (violations.length) {
    note((msg(lang, 'push.the_package_cannot_be')) + violations.map((v) => `  - ${v.field}: ${v.message}\n`).join(''));
    await logRefusal('E_CKAN_RULES', violations.map((v) => `${v.field}: ${v.message}`).join('; '), draft.owner_org);
    return 1;
  }

  // 3. Token and rights, always before planning (also for --dry-run).
  const tok = await requireToken(ctx.env, config, portal, portalNamedByUser(opts.portal, ctx.env, loaded), lang);
  ctx.addSecret(tok.token);
  const scrub = (s: string) => redact(s, [tok.token]);
  const client = clientFor(ctx.env, config, portal, tok.token, lang);
  const dryRun = dryRunFlag;
  let user: string | undefined;
  const log = (outcome: 'ok' | 'failed', extra: object) =>
    appendPushLog(lp.dir, { time: new Date().toISOString(), portal, dataset: draft.name, organization: draft.owner_org, user, dryRun, outcome, ...extra }, scrub);

  let spinner: Ora | undefined;
  let lock: PushLock | undefined;
  try {
    const who = await verifyToken(client, portal, lang, tok.source);
    user = who.user.name;
    const target = who.orgs.find((o) => o.name === draft.owner_org || o.id === draft.owner_org);
    if (!target && !who.user.sysadmin) {
      const list = who.orgs.map((o) => o.name).join(', ');
      throw new PortalError(
        msg(lang, 'push.the_token_of_has', { name: who.user.name, owner_org: draft.owner_org, from: org?.from }),
        {
          code: 'E_NO_RIGHTS',
          hint: list
            ? msg(lang, 'push.it_may_publish_to', { list, owner_org: draft.owner_org })
            : msg(lang, 'push.it_may_publish_to_2'),
        },
      );
    }
    const licenses = (await client.action<{ id: string }[]>('license_list')).map((l) => l.id);
    const licViolations = checkCkanDataset(draft, locals.map((l) => l.draft), lang, licenses);
    if (licViolations.length) {
      note(licViolations.map((v) => `  - ${v.field}: ${v.message}\n`).join(''));
      throw new DataInvalidError(msg(lang, 'push.the_licence_is_not'));
    }

    // 4. Plan from what the portal shows; a real push holds the package's lock from here (issue 14).
    if (!dryRun) {
      const wait = Number(ctx.env.SATUDATA_LOCK_WAIT_SECONDS);
      lock = await acquirePushLock(lp.dir, lang, (Number.isFinite(wait) && wait >= 0 && ctx.env.SATUDATA_LOCK_WAIT_SECONDS !== '' ? wait : 60) * 1000);
      if (lock.recovered) note(msg(lang, 'push.note_took_over_the', { pid: lock.recovered.pid, started: lock.recovered.started }));
    }
    const reread = () => lookupDataset(client, draft.name, target?.id ?? draft.owner_org, draft.owner_org, lang);
    const remote: RemoteDataset | undefined = await reread();
    const plan = planPush(draft, locals, remote, { prune: Boolean(opts.prune) });
    const maxBytes = (config.maxUploadMB ?? 10) * 1024 * 1024;
    const tooBig = plan.resources.filter((r) => r.upload && (r.local?.bytes ?? 0) > maxBytes);
    if (tooBig.length) {
      throw new ConfigError(
        (msg(lang, 'push.files_larger_than_maxuploadmb')) + `(${config.maxUploadMB ?? 10} MB): ` + tooBig.map((r) => `${r.name} (${humanBytes(r.local?.bytes)})`).join(', '),
        msg(lang, 'push.the_portal_would_refuse'),
        'E_TOO_LARGE',
      );
    }

    if (dryRun) {
      const result = resultOf(plan, portal, draft.name, remote?.id ?? '', true);
      if (opts.json) ctx.stdout.write(JSON.stringify({ ...result, diff: { dataset: plan.dataset.diff, resources: Object.fromEntries(plan.resources.map((r) => [r.name, r.diff])) } }, null, 2) + '\n');
      else ctx.stdout.write(renderPlan(plan, result, lang));
      await log('ok', { result: { dataset: result.dataset, resources: result.resources } });
      return 0;
    }

    // 5. Execute, with progress on stderr (a byte progress bar on a TTY).
    if (ctx.stderr.isTTY) {
      spinner = ora({ stream: ttyStream(ctx.stderr), isEnabled: true, discardStdin: false, color: ctx.color ? 'cyan' : false }).start(msg(lang, 'push.publishing'));
    }
    let lastRender = 0;
    const onEvent = (e: PushEvent) => {
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
    const result = await executePlan({ client, draft, locals, prune: Boolean(opts.prune), remote, plan, reread, lang, onEvent });
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
