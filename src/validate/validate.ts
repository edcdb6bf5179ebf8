import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { openTable } from '../table/open.js';
import { LIMITS } from '../table/limits.js';
import type { DataPackage, Dialect, Schema } from '../schema/types.js';
import { checkPackageDescriptor, checkSchemaDescriptor } from '../schema/descriptor.js';
import { UsageError } from '../errors.js';
import type { Report, ReportError, ReportTask } from './types.js';
import { buildError } from './build-error.js';
import { validateTable, type TableJob } from './table.js';
import { planForeignKeys } from './foreign-keys.js';
import { fetchRemote, holdRemoteTemp } from './remote.js';
import { resolvePackagePath } from '../package-path.js';
import { redactUrl } from '../redact-url.js';
import { fileTask } from './file-task.js';
import { fileSize, loadJsonFile, metaToReport, prepareResource, readerDialect, type PreparedResource } from './resource.js';
import { msg } from '../i18n.js';
import { defined } from '../invariant.js';

export interface ValidateOptions {
  cwd?: string;
  /** Table Schema file for bare data files. */
  schema?: string;
  limitErrors?: number;
  limitRows?: number;
  allowRemote?: boolean;
  /** Sheet of bare Excel files. */
  sheet?: string;
  /** `satudata` adds the Satu Data metadata completeness check. */
  profile?: 'satudata' | 'frictionless';
  /** Extra package-level checks (the satudata profile); errors land in the report's top-level errors. */
  packageChecks?: ((pkg: DataPackage) => ReportError[])[];
  /** Extra package-level advice (recommended metadata); lands in the report's warnings. */
  packageWarnings?: ((pkg: DataPackage) => string[])[];
  onProgress?: (info: { task: string; rows: number }) => void;
  /** Language of thrown usage errors (the report itself carries both). */
  lang?: 'id' | 'en';
}

const DATA_EXT = new Set(['.csv', '.tsv', '.txt', '.xlsx', '.xls', '.ods', '.xlsm']);

export function slugName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  return stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'data';
}

/** Validate data packages and/or bare data files; always returns a report (operational misuse throws UsageError). */
export async function validate(targets: string | string[], options: ValidateOptions = {}): Promise<Report> {
  // Files downloaded with --allow-remote are removed when validation ends, however it ends.
  return holdRemoteTemp(() => validateAll(targets, options));
}

async function validateAll(targets: string | string[], options: ValidateOptions): Promise<Report> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const list = (Array.isArray(targets) ? targets : [targets]).filter((t) => t !== '');
  if (!list.length) list.push('.');
  const report: Report = { valid: true, partial: false, stats: { tasks: 0, errors: 0, warnings: 0, seconds: 0 }, warnings: [], errors: [], tasks: [] };
  const limits = { limitErrors: options.limitErrors ?? LIMITS.errors, limitRows: options.limitRows };

  let bareSchema: Schema | undefined;
  // A --schema that cannot be used: its errors are the report, and no data file is read under an
  // inferred schema instead (frictionless-py 5.21 reports only the schema's errors too).
  let badSchema = false;
  if (options.schema) {
    const loaded = await loadJsonFile(path.resolve(cwd, options.schema), 'schema-error');
    if (loaded.error) report.errors.push(loaded.error);
    else {
      const problems = checkSchemaDescriptor(loaded.value, '');
      if (problems.length) report.errors.push(...problems.map((p) => metaToReport(p, options.schema)));
      else bareSchema = loaded.value as Schema;
    }
    badSchema = bareSchema === undefined;
  }

  for (const target of list) {
    const abs = path.resolve(cwd, target);
    let st;
    try {
      st = statSync(abs);
    } catch {
      if (/^https?:\/\//i.test(target)) {
        if (!badSchema) report.tasks.push(await bareFileTask(target, target, bareSchema, options, limits));
      } else {
        if (!badSchema) report.tasks.push(await bareFileTask(target, abs, bareSchema, options, limits));
      }
      continue;
    }
    if (st.isDirectory()) {
      const dp = path.join(abs, 'datapackage.json');
      if (statSafe(dp)) {
        await validatePackageFile(dp, report, options, limits, path.relative(cwd, dp) || 'datapackage.json');
        continue;
      }
      const files = (await fs.readdir(abs)).filter((f) => DATA_EXT.has(path.extname(f).toLowerCase()) && !f.startsWith('~$')).sort();
      if (!files.length) {
        const where = target === '.' ? (msg(options.lang, 'validate.validate.here')) : target;
        throw new UsageError(msg(options.lang, 'validate.validate.nothing_to_validate', { where }), msg(options.lang, 'validate.validate.no_datapackage_json_and.hint'));
      }
      report.warnings.push(`no datapackage.json in ${target}: validating ${files.length} data file(s) with inferred schemas`);
      for (const f of files) {
        const rel = path.join(target, f);
        if (badSchema) continue;
        // A file of the folder is a path someone else wrote: a symlink out of it or a FIFO is refused.
        const verdict = resolvePackagePath(f, abs);
        if (verdict.ok) report.tasks.push(await bareFileTask(rel, verdict.absolute, bareSchema, options, limits));
        else report.tasks.push(sourceErrorTask(slugName(rel), rel, 'scheme-error', verdict.remote ? `remote path "${f}"` : verdict.reason));
      }
      continue;
    }
    if (path.extname(abs).toLowerCase() === '.json') {
      await validatePackageFile(abs, report, options, limits, target);
      continue;
    }
    if (!badSchema) report.tasks.push(await bareFileTask(target, abs, bareSchema, options, limits));
  }

  finishReport(report, started);
  return report;
}

export function finishReport(report: Report, started: number): void {
  report.stats.tasks = report.tasks.length;
  report.stats.errors = report.errors.length + report.tasks.reduce((n, t) => n + t.stats.errors, 0);
  report.stats.warnings = report.warnings.length + report.tasks.reduce((n, t) => n + t.stats.warnings, 0);
  report.stats.seconds = Math.round(performance.now() - started) / 1000;
  report.partial = report.tasks.some((t) => t.partial);
  report.valid = report.stats.errors === 0;
}

function statSafe(p: string) {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

async function bareFileTask(target: string, abs: string, schema: Schema | undefined, options: ValidateOptions, limits: { limitErrors: number; limitRows?: number }): Promise<ReportTask> {
  // A URL is shown without its user part (user:password@).
  const place = redactUrl(target);
  const name = slugName(place);
  let localPath = abs;
  if (/^https?:\/\//i.test(abs)) {
    if (!options.allowRemote) return sourceErrorTask(name, place, 'scheme-error', `remote data "${place}" is not fetched without --allow-remote`);
    try {
      localPath = await fetchRemote(abs);
    } catch (e) {
      return sourceErrorTask(name, place, 'scheme-error', (e as Error).message);
    }
  }
  const dialect: Dialect = {};
  const open = () => openTable({ path: localPath, dialect: readerDialect(undefined, options.sheet), sheetThread: true });
  // A schema given with --schema may hold foreign keys: self-references are checked as in a package.
  const { plans, error } = await planForeignKeys({ name, tabular: true, schema, dialect, open }, undefined);
  if (error) return { name, type: 'table', valid: false, place, labels: [], stats: { errors: 1, warnings: 0, seconds: 0 }, warnings: [], errors: [error] };
  const job: TableJob = { name, place, dialect, schema, open, fileBytes: fileSize(localPath), csvPath: localPath, foreignKeys: plans };
  const { onProgress } = options;
  return validateTable(job, { ...limits, onProgress: onProgress && ((rows) => onProgress({ task: name, rows })) });
}

function sourceErrorTask(name: string, place: string, type: 'scheme-error' | 'resource-error' | 'format-error', note: string): ReportTask {
  const err = buildError(type, note);
  return { name, type: 'table', valid: false, place, labels: [], stats: { errors: 1, warnings: 0, seconds: 0 }, warnings: [], errors: [err] };
}

async function validatePackageFile(descriptorPath: string, report: Report, options: ValidateOptions, limits: { limitErrors: number; limitRows?: number }, shownPath: string): Promise<void> {
  const loaded = await loadJsonFile(descriptorPath, 'package-error');
  if (loaded.error) {
    loaded.error.place = shownPath;
    report.errors.push(loaded.error);
    return;
  }
  const descriptor = loaded.value;
  const problems = checkPackageDescriptor(descriptor);
  if (problems.length) {
    report.errors.push(...problems.map((p) => metaToReport(p, shownPath)));
    return; // frictionless: an invalid descriptor yields top-level errors and no tasks
  }
  const pkg = descriptor as DataPackage;
  for (const check of options.packageChecks ?? []) {
    for (const e of check(pkg)) {
      e.place ??= shownPath;
      report.errors.push(e);
    }
  }
  for (const advise of options.packageWarnings ?? []) report.warnings.push(...advise(pkg).map((w) => `${shownPath}: ${w}`));
  const baseDir = path.dirname(descriptorPath);
  const relBase = path.relative(options.cwd ?? process.cwd(), baseDir);
  const prepared: PreparedResource[] = [];
  for (const [i, resource] of pkg.resources.entries()) {
    prepared.push(await prepareResource(resource, i, baseDir, relBase, options, report, shownPath));
  }
  const byName = new Map(prepared.map((p) => [p.name, p]));
  const firstTask = report.tasks.length;
  for (const p of prepared) {
    if (p.error) {
      report.tasks.push({ name: p.name, type: p.tabular ? 'table' : 'file', valid: false, place: p.place, labels: [], stats: { errors: 1, warnings: 0, seconds: 0 }, warnings: [], errors: [p.error] });
      continue;
    }
    if (!p.tabular) {
      report.tasks.push(await fileTask(p.name, p.place, defined(p.localPath, 'the local path of a prepared file resource'), p.resource));
      continue;
    }
    // Foreign keys: collect the referenced tuples first (the referenced resource read with its own schema).
    const { plans: fks, error: fkError } = await planForeignKeys(p, byName);
    if (fkError) {
      report.tasks.push({ name: p.name, type: 'table', valid: false, place: p.place, labels: [], stats: { errors: 1, warnings: 0, seconds: 0 }, warnings: [], errors: [fkError] });
      continue;
    }
    const job: TableJob = {
      name: p.name,
      place: p.place,
      dialect: p.dialect,
      schema: p.schema,
      open: defined(p.open, 'the opener of a prepared table resource'),
      expectedBytes: typeof p.resource.bytes === 'number' ? p.resource.bytes : undefined,
      expectedHash: typeof p.resource.hash === 'string' ? p.resource.hash : undefined,
      foreignKeys: fks,
      fileBytes: p.localPath ? fileSize(p.localPath) : undefined,
      csvPath: Array.isArray(p.resource.path) && p.resource.path.length > 1 ? undefined : p.localPath,
    };
    const { onProgress } = options;
    report.tasks.push(await validateTable(job, { ...limits, onProgress: onProgress && ((rows) => onProgress({ task: p.name, rows })) }));
  }
  for (const task of report.tasks.slice(firstTask)) task.package = shownPath;
}
