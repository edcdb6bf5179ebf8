/**
 * `status --check-data`: is the published data valid? For each dataset the audit covers, each CSV/XLSX
 * resource is downloaded (see download.ts), validated with the library's validate() and the Table
 * Schema stored on the resource (`schema`, as push stores it), or, without one, checked for what
 * needs no schema (encoding, structure). Outcomes are cached per resource (cache.ts).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EnvHttpProxyAgent } from 'undici';
import type { Lang } from '../../i18n.js';
import { humanMessage } from '../../report/messages.js';
import { validate } from '../../validate/index.js';
import type { ReportError } from '../../validate/types.js';
import { mapLimit } from '../pool.js';
import { compareWorstFirst } from '../audit.js';
import type { AuditResult, OrgQuality, PortalDataset, PortalResource } from '../types.js';
import { CheckCache, fingerprint, type Outcome } from './cache.js';
import { download, isPortalOrigin } from './download.js';
import { msg } from '../../i18n.js';

export const CHECK_DEFAULTS = { maxMiB: 50, concurrency: 4, errorLimit: 100, firstErrors: 3 } as const;

export interface CheckOptions {
  portal: string;
  token?: string;
  env: NodeJS.ProcessEnv;
  cacheDir: string;
  maxBytes: number;
  /** Idle deadline of one download; the whole download gets four times this. */
  timeoutMs: number;
  concurrency?: number;
  lang: Lang;
  onProgress?: (m: string) => void;
}

export interface CheckStats {
  resources: number;
  downloaded: number;
  cached: number;
  bytes: number;
}

/** Errors that need no schema: an inferred schema cannot make a cell wrong, only the file's shape. */
const STRUCTURE = new Set(['blank-label', 'duplicate-label', 'blank-header', 'blank-row', 'extra-cell', 'missing-cell', 'source-error', 'scheme-error', 'format-error', 'encoding-error', 'compression-error']);

/** CSV or Excel, by the resource's format or, without one, its URL's extension. */
export function tableKind(r: PortalResource): 'csv' | 'xlsx' | 'xls' | undefined {
  const f = (r.format ?? '').trim().toLowerCase().replace(/^\./, '');
  if (f === 'csv' || f === 'text/csv') return 'csv';
  if (f === 'xlsx' || f === 'xls') return f;
  if (f) return undefined;
  const ext = /\.(csv|xlsx|xls)(?:$|[?#])/i.exec(r.url ?? '')?.[1]?.toLowerCase();
  return ext as 'csv' | 'xlsx' | 'xls' | undefined;
}

/** The stored schema as an object, or undefined (absent, a URL, or not JSON: judged as `no schema`). */
export function storedSchema(r: PortalResource): object | undefined {
  let s = r.schema;
  if (typeof s === 'string') {
    try {
      s = JSON.parse(s);
    } catch {
      return undefined;
    }
  }
  return s && typeof s === 'object' && !Array.isArray(s) ? (s as object) : undefined;
}

/** One error for people: where (row, cell) and what, in the report's language. */
export function wordError(e: ReportError, lang: Lang): string {
  const where: string[] = [];
  if (e.rowNumber !== undefined) where.push(`${msg(lang, 'audit.check.row')} ${e.rowNumber}`);
  if (e.cellRef) where.push(`${msg(lang, 'audit.check.cell')} ${e.cellRef}`);
  else if (e.fieldName || e.label) where.push(`${msg(lang, 'audit.check.column')} "${e.fieldName ?? e.label}"`);
  const h = humanMessage(e, lang);
  const text = `${h.what}${h.fix ? ` (${h.fix})` : ''}`;
  return where.length ? `${where.join(', ')}: ${text}` : text;
}

async function checkFile(file: string, schema: object | undefined, dir: string, lang: Lang): Promise<Outcome> {
  let schemaPath: string | undefined;
  if (schema) {
    schemaPath = `${file}.schema.json`;
    await writeFile(schemaPath, JSON.stringify(schema));
  }
  const report = await validate([file], { cwd: dir, limitErrors: CHECK_DEFAULTS.errorLimit, lang, ...(schemaPath ? { schema: schemaPath } : {}) });
  let errors = [...report.errors, ...report.tasks.flatMap((t) => t.errors)];
  if (!schema) errors = errors.filter((e) => STRUCTURE.has(e.type));
  if (errors.length === 0) return { kind: 'valid', noSchema: !schema };
  return { kind: 'invalid', noSchema: !schema, errors: errors.length, first: errors.slice(0, CHECK_DEFAULTS.firstErrors) };
}

interface Job {
  dataset: PortalDataset;
  resource: PortalResource;
  kind: 'csv' | 'xlsx' | 'xls';
  url: string;
}

type JobResult = { job: Job; outcome: Outcome } | { job: Job; failed: { reason: 'not-found' | 'download-failed'; detail: string } };

/** Which datasets the audit covers: with a register the expected ones on the portal, else all of them. */
export function coveredDatasets(r: AuditResult, datasets: PortalDataset[]): PortalDataset[] {
  const orgs = new Map(r.organizations.map((o) => [o.name, o]));
  return datasets.filter((d) => {
    const o = orgs.get(d.org);
    if (!o) return false;
    return r.withRegister ? !o.unexpected.includes(d.name) : true;
  });
}

export async function checkData(r: AuditResult, datasets: PortalDataset[], opts: CheckOptions): Promise<{ quality: Map<string, OrgQuality>; stats: CheckStats }> {
  const jobs: Job[] = [];
  for (const d of coveredDatasets(r, datasets)) {
    for (const res of d.resources) {
      const kind = tableKind(res);
      if (kind && res.url) jobs.push({ dataset: d, resource: res, kind, url: res.url });
    }
  }
  const stats: CheckStats = { resources: jobs.length, downloaded: 0, cached: 0, bytes: 0 };
  const cache = new CheckCache(opts.cacheDir, opts.portal);
  const dir = await mkdtemp(join(tmpdir(), 'satudata-check-'));
  const env = opts.env;
  const dispatcher = new EnvHttpProxyAgent({
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    connectTimeout: opts.timeoutMs,
  });
  try {
    const results = await mapLimit(jobs, opts.concurrency ?? CHECK_DEFAULTS.concurrency, async (job, i): Promise<JobResult> => {
      const res = job.resource;
      let external = true;
      try {
        external = !isPortalOrigin(new URL(job.url, opts.portal).href, opts.portal);
      } catch {
        return { job, failed: { reason: 'download-failed', detail: 'URL?' } };
      }
      const id = res.id;
      const print = id ? fingerprint(res, opts.maxBytes) : null;
      if (id && print) {
        const hit = await cache.get(id, print, external);
        if (hit) {
          stats.cached++;
          return { job, outcome: hit };
        }
      }
      const file = join(dir, `${i}.${job.kind}`);
      opts.onProgress?.(`${job.dataset.name} / ${res.name ?? res.id ?? ''}`);
      const got = await download(job.url, file, { portal: opts.portal, token: opts.token, maxBytes: opts.maxBytes, idleMs: opts.timeoutMs, totalMs: opts.timeoutMs * 4, dispatcher });
      let outcome: Outcome;
      if (!got.ok) {
        await rm(file, { force: true });
        if (got.reason !== 'too-large') return { job, failed: { reason: got.reason, detail: got.detail } };
        outcome = { kind: 'unchecked', reason: 'too-large', detail: got.detail };
      } else {
        stats.downloaded++;
        stats.bytes += got.bytes;
        try {
          outcome = await checkFile(file, storedSchema(res), dir, opts.lang);
        } catch (e) {
          outcome = { kind: 'unchecked', reason: 'unreadable', detail: (e as Error).message.slice(0, 200) };
        }
        await rm(file, { force: true });
      }
      if (id && print) await cache.put(id, print, outcome);
      return { job, outcome };
    });
    return { quality: summarise(results, opts.lang), stats };
  } finally {
    await dispatcher.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

function summarise(results: JobResult[], lang: Lang): Map<string, OrgQuality> {
  const out = new Map<string, OrgQuality>();
  for (const x of results) {
    const org = x.job.dataset.org;
    const q = out.get(org) ?? { checked: 0, noSchema: 0, invalid: [], unchecked: [] };
    out.set(org, q);
    const name = x.job.dataset.name;
    const resource = x.job.resource.name || x.job.resource.id || '';
    if ('failed' in x) {
      q.unchecked.push({ name, resource, reason: x.failed.reason, detail: x.failed.detail });
      continue;
    }
    const o = x.outcome;
    if (o.kind === 'unchecked') {
      q.unchecked.push({ name, resource, reason: o.reason, detail: o.detail });
      continue;
    }
    q.checked++;
    if (o.noSchema) q.noSchema++;
    if (o.kind === 'invalid') q.invalid.push({ name, title: x.job.dataset.title || name, resource, errors: o.errors, firstErrors: o.first.map((e) => wordError(e, lang)), noSchema: o.noSchema });
  }
  return out;
}

/** Attach the quality of each organization to the audit result and total it. */
export function applyQuality(r: AuditResult, quality: Map<string, OrgQuality>): void {
  r.checkedData = true;
  let unchecked = 0;
  let invalid = 0;
  for (const o of r.organizations) {
    o.quality = quality.get(o.name) ?? { checked: 0, noSchema: 0, invalid: [], unchecked: [] };
    o.quality.invalid.sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource));
    o.quality.unchecked.sort((a, b) => a.name.localeCompare(b.name) || a.resource.localeCompare(b.resource));
    unchecked += o.quality.unchecked.length;
    invalid += new Set(o.quality.invalid.map((i) => i.name)).size;
  }
  r.summary.invalid = invalid;
  r.summary.unchecked = unchecked;
  r.organizations.sort(compareWorstFirst);
}

