/**
 * `satudata status`: the walidata's nightly audit. Collect the portal (I/O), audit it against the
 * register (pure), render (pure), then decide the exit code from --fail-on.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { audit } from '../../audit/audit.js';
import { collect } from '../../audit/collect.js';
import { loadRegister } from '../../audit/register.js';
import { renderHtml } from '../../audit/render/html.js';
import { renderCsv, renderJson, renderMarkdown, renderTable, summaryLine } from '../../audit/render/text.js';
import { parseUtc } from '../../audit/time.js';
import type { AuditResult, PortalSnapshot } from '../../audit/types.js';
import { userCacheDir } from '../../audit/check/cache.js';
import { applyQuality, CHECK_DEFAULTS, checkData as checkData_ } from '../../audit/check/check.js';
import { plain } from '../../audit/render/escape.js';
import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { findToken, portalNamedByUser, resolvePortalOrLogin } from '../../config/token.js';
import { CkanClient } from '../../portal/client.js';
import type { CliContext } from '../context.js';
import type { StatusOptions } from '../options.js';
import { msg } from '../../i18n.js';

export type StatusFormat = 'table' | 'json' | 'csv' | 'markdown' | 'html';
export type FailOn = 'missing' | 'stale' | 'invalid' | 'never';

/**
 * Default --fail-on: `missing` when stdout is not a terminal (cron, CI: a shortfall must turn the job
 * red), `never` on a terminal (a person is reading the table; the exit code adds nothing).
 */
export function defaultFailOn(stdoutIsTTY: boolean): FailOn {
  return stdoutIsTTY ? 'never' : 'missing';
}

/**
 * Each level includes the ones before it: `missing` fails on a missing (or deleted) or empty dataset,
 * `stale` also on a late one, `invalid` also on a dataset with an invalid resource (--check-data).
 * A resource that could not be checked (too large, download failed) never fails the run: it is reported.
 */
export function exitCodeFor(r: AuditResult, failOn: FailOn): 0 | 1 {
  if (failOn === 'never') return 0;
  if (r.summary.missing > 0 || r.summary.empty > 0) return 1;
  if ((failOn === 'stale' || failOn === 'invalid') && r.summary.stale > 0) return 1;
  if (failOn === 'invalid' && (r.summary.invalid ?? 0) > 0) return 1;
  return 0;
}

function render(r: AuditResult, format: StatusFormat, ctx: CliContext): string {
  switch (format) {
    case 'json':
      return renderJson(r);
    case 'csv':
      return renderCsv(r);
    case 'markdown':
      return renderMarkdown(r, ctx.lang);
    case 'html':
      return renderHtml(r, ctx.lang);
    default:
      return renderTable(r, ctx.lang, { color: ctx.color && !ctx.env.NO_COLOR });
  }
}

export async function run(ctx: CliContext, _args: string[], opts: StatusOptions): Promise<number> {
  const format: StatusFormat = opts.json ? 'json' : (opts.format ?? 'table');
  const failOn: FailOn = opts.failOn ?? defaultFailOn(ctx.stdout.isTTY);

  // Whole seconds: the reports show this instant, and milliseconds only add noise.
  let now = new Date(Math.floor(Date.now() / 1000) * 1000);
  if (opts.now !== undefined) {
    const parsed = parseUtc(opts.now);
    if (!parsed) {
      throw new UsageError(
        msg(ctx.lang, 'status.now_expects_an_iso', { value: opts.now }),
      );
    }
    now = parsed;
  }
  const graceDays = opts.graceDays;
  const orgs = opts.org;

  const checkData = Boolean(opts.checkData);
  if (failOn === 'invalid' && !checkData) {
    throw new UsageError(msg(ctx.lang, 'status.fail_on_invalid_needs'));
  }
  const maxMiB = opts.maxFileMb ?? CHECK_DEFAULTS.maxMiB;
  if (maxMiB < 1) throw new UsageError(msg(ctx.lang, 'status.max_file_mb_must'));

  const loaded = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const { config } = loaded;
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, ctx.lang);

  // The register is checked before any request: a bad register is the user's to fix (exit 2).
  const register = opts.register !== undefined ? await loadRegister(resolve(ctx.cwd, opts.register), ctx.lang) : undefined;

  // Optional: without a token the audit sees what the public sees (private datasets count as missing).
  const token = (await findToken(ctx.env, config, portal, portalNamedByUser(opts.portal, ctx.env, loaded), ctx.lang))?.token;
  if (token) ctx.addSecret(token);
  const client = new CkanClient({
    portal,
    token,
    lang: ctx.lang,
    env: ctx.env,
    ...(config.timeoutSeconds ? { timeoutMs: config.timeoutSeconds * 1000 } : {}),
  });
  let result: AuditResult;
  let snapshot: PortalSnapshot;
  try {
    snapshot = await collect(client, {
      portal: client.portal,
      withToken: Boolean(token),
      expectedNames: register?.map((e) => e.dataset),
      lang: ctx.lang,
      onWarning: (m) => ctx.stderr.write(`${msg(ctx.lang, 'status.warning')}: ${plain(m)}\n`),
    });
    result = audit(snapshot, register, { now, graceDays, orgs });
  } finally {
    await client.close();
  }
  if (checkData) {
    const timeoutMs = (config.timeoutSeconds ?? 30) * 1000;
    const { quality, stats } = await checkData_(result, snapshot.datasets, {
      portal: client.portal,
      token,
      env: ctx.env,
      cacheDir: userCacheDir(ctx.env),
      maxBytes: maxMiB * 1048576,
      timeoutMs,
      lang: ctx.lang,
    });
    applyQuality(result, quality);
    ctx.stderr.write(
      msg(ctx.lang, 'status.data_check_csv_xlsx', { resources: stats.resources, downloaded: stats.downloaded, Math: Math.round(stats.bytes / 1024), cached: stats.cached }),
    );
  }

  const text = render(result, format, ctx);
  if (opts.output !== undefined) {
    const file = resolve(ctx.cwd, opts.output);
    try {
      await writeFile(file, text, 'utf8');
    } catch (e) {
      throw new UsageError(msg(ctx.lang, 'status.cannot_write', { file, message: (e as Error).message }));
    }
    ctx.stderr.write(`${summaryLine(result, ctx.lang)}\n${msg(ctx.lang, 'status.report_written_to')} ${file}\n`);
  } else {
    ctx.stdout.write(text);
  }
  return exitCodeFor(result, failOn);
}
