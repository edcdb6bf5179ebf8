import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import { openTable } from '../table/open.js';
import { jsonTooDeep, LIMITS } from '../table/limits.js';
import type { OpenedTable, ReaderDialect } from '../table/types.js';
import type { Dialect, Resource, Schema } from '../schema/types.js';
import { checkDialectDescriptor, checkSchemaDescriptor, type MetadataError } from '../schema/descriptor.js';
import { patternNoteId } from '../schema/pattern.js';
import type { Report, ReportError } from './types.js';
import { buildError } from './build-error.js';
import { resolvePackagePath } from '../package-path.js';
import { redactUrl } from '../redact-url.js';
import { openInline } from './inline.js';
import { fetchRemote } from './remote.js';
import { openMultipart } from './multipart.js';
import type { ValidateOptions } from './validate.js';
import { at } from '../invariant.js';

/**
 * One resource of a package made ready to validate: its schema and dialect loaded (inline or from a
 * safe relative path), its data located (local, remote with --allow-remote, inline, or multipart),
 * or the one error that keeps it from being read.
 */

const TABULAR_FORMATS = new Set(['csv', 'tsv', 'txt', 'xlsx', 'xls', 'ods', 'xlsm']);

export function metaToReport(m: MetadataError, place?: string): ReportError {
  const e = buildError(m.type, m.note);
  const noteId = patternNoteId(m.note);
  if (noteId) e.noteId = noteId;
  if (m.pointer !== undefined) e.pointer = m.pointer;
  if (place) e.place = place;
  return e;
}

export function fileSize(p: string): number | undefined {
  try {
    return statSync(p).size;
  } catch {
    return undefined;
  }
}

export async function loadJsonFile(abs: string, errorType: 'package-error' | 'schema-error' | 'dialect-error'): Promise<{ value?: unknown; error?: ReportError }> {
  let text: string;
  try {
    const st = await fs.stat(abs);
    if (st.size > LIMITS.descriptorBytes) return { error: buildError(errorType, `descriptor "${abs}" is larger than 50 MB`) };
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    return { error: buildError(errorType, `[Errno 2] No such file or directory: '${abs}'`) };
  }
  const depth = jsonTooDeep(text);
  if (depth !== undefined) {
    return { error: buildError(errorType, `descriptor "${path.basename(abs)}" is nested more than ${LIMITS.jsonDepth} levels deep (a limit of satudata); a real descriptor needs fewer than 10`) };
  }
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return { value };
  } catch (e) {
    return { error: buildError(errorType, `cannot parse JSON descriptor "${path.basename(abs)}": ${(e as Error).message}`) };
  }
}

export function readerDialect(d: Dialect | undefined, sheet?: string): ReaderDialect {
  const out: ReaderDialect = {};
  if (!d) return sheet ? { sheetName: sheet } : out;
  // frictionless-py reads CSV options from the top level or a nested "csv" control, and the sheet from
  // "excel.sheet"; Table Dialect v2 puts sheetName/sheetNumber at the top level.
  const csv = typeof d.csv === 'object' && d.csv ? (d.csv as Dialect) : {};
  const excel = typeof d.excel === 'object' && d.excel ? (d.excel as { sheet?: string | number }) : {};
  const pick = <K extends keyof ReaderDialect>(k: K) => (d[k] ?? csv[k]) as ReaderDialect[K] | undefined;
  for (const k of ['delimiter', 'quoteChar', 'doubleQuote', 'escapeChar', 'skipInitialSpace', 'lineTerminator', 'nullSequence'] as const) {
    const v = pick(k);
    if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  }
  if (typeof d.sheetName === 'string') out.sheetName = d.sheetName;
  else if (typeof excel.sheet === 'string') out.sheetName = excel.sheet;
  if (typeof d.sheetNumber === 'number') out.sheetNumber = d.sheetNumber;
  else if (typeof excel.sheet === 'number') out.sheetNumber = excel.sheet;
  if (sheet) out.sheetName = sheet;
  return out;
}

export interface PreparedResource {
  resource: Resource;
  name: string;
  place: string;
  tabular: boolean;
  schema?: Schema;
  dialect: Dialect;
  open?: () => Promise<OpenedTable>;
  localPath?: string;
  /** Set when the resource cannot be read at all (bad path, remote, bad schema file). */
  error?: ReportError;
}

export async function prepareResource(
  resource: Resource,
  index: number,
  baseDir: string,
  relBase: string,
  options: ValidateOptions,
  report: Report,
  shownPath: string,
): Promise<PreparedResource> {
  const name = typeof resource.name === 'string' ? resource.name : `resource${index + 1}`;
  const rawPath = Array.isArray(resource.path) ? resource.path[0] : resource.path;
  // A URL is shown without its user part (user:password@).
  const place = typeof rawPath === 'string' ? redactUrl(rawPath) : 'inline';
  const ext = typeof rawPath === 'string' ? path.extname(rawPath).slice(1).toLowerCase() : '';
  const format = (typeof resource.format === 'string' ? resource.format : ext).toLowerCase();
  const declaredTable = resource.type === 'table' || resource.profile === 'tabular-data-resource' || /tabular-data-resource/.test(String(resource.profile ?? ''));
  const tabular = declaredTable || resource.schema !== undefined || TABULAR_FORMATS.has(format) || resource.data !== undefined;
  const out: PreparedResource = { resource, name, place, tabular, dialect: {} };
  const pointer = `/resources/${index}`;

  // schema and dialect may be inline or a path (relative, inside the package)
  for (const key of ['schema', 'dialect'] as const) {
    const v = resource[key];
    if (typeof v !== 'string') {
      if (key === 'schema' && v) out.schema = v as Schema;
      if (key === 'dialect' && v) out.dialect = v as Dialect;
      continue;
    }
    const verdict = resolvePackagePath(v, baseDir);
    const errType = key === 'schema' ? 'schema-error' : 'dialect-error';
    if (!verdict.ok) {
      out.error = buildError(errType, verdict.remote ? `remote ${key} "${v}" is not fetched` : verdict.reason);
      return out;
    }
    const loaded = await loadJsonFile(verdict.absolute, errType);
    if (loaded.error) {
      out.error = loaded.error;
      return out;
    }
    const problems = key === 'schema' ? checkSchemaDescriptor(loaded.value, `${pointer}/schema`) : checkDialectDescriptor(loaded.value, `${pointer}/dialect`);
    if (problems.length) {
      report.errors.push(...problems.map((p) => metaToReport(p, v)));
      out.error = buildError(errType, `${key} "${v}" is not valid (see the errors above)`);
      return out;
    }
    if (key === 'schema') out.schema = loaded.value as Schema;
    else out.dialect = loaded.value as Dialect;
  }
  if (out.tabular && !out.schema) {
    report.warnings.push(`resource "${name}" in ${shownPath} has no schema: it was inferred from the data`);
  }

  if (resource.data !== undefined && rawPath === undefined) {
    out.open = async () => openInline(resource.data);
    return out;
  }
  if (typeof rawPath !== 'string') {
    out.error = buildError('resource-error', `resource "${name}" has neither "path" nor "data"`);
    return out;
  }
  const paths = Array.isArray(resource.path) ? resource.path : [rawPath];
  const locals: string[] = [];
  for (const part of paths) {
    if (typeof part !== 'string') {
      out.error = buildError('resource-error', `resource "${name}" has a path that is not a string`);
      return out;
    }
    const verdict = resolvePackagePath(part, baseDir);
    if (verdict.ok) {
      locals.push(verdict.absolute);
      continue;
    }
    if (!verdict.remote) {
      out.error = buildError('scheme-error', verdict.reason);
      return out;
    }
    if (!options.allowRemote) {
      out.error = buildError('scheme-error', `remote data "${redactUrl(verdict.url)}" is not fetched without --allow-remote`);
      return out;
    }
    try {
      locals.push(await fetchRemote(verdict.url));
    } catch (e) {
      out.error = buildError('scheme-error', (e as Error).message);
      return out;
    }
  }
  if (!/^https?:\/\//i.test(rawPath)) out.place = path.join(relBase, rawPath).split(path.sep).join('/');
  out.localPath = at(locals, 0);
  const readerOpts = (local: string) => ({
    path: local,
    format: format || undefined,
    encoding: typeof resource.encoding === 'string' ? resource.encoding : undefined,
    dialect: readerDialect(out.dialect),
    sheetThread: true,
  });
  const headerRows = out.dialect.header === false ? 0 : Math.max(1, ...(Array.isArray(out.dialect.headerRows) ? out.dialect.headerRows : [1]));
  out.open = locals.length > 1 ? () => openMultipart(locals.map(readerOpts), headerRows) : () => openTable(readerOpts(at(locals, 0)));
  return out;
}
