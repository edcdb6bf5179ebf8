/**
 * Public API of describe: `describeFile` (used by `satudata describe` and `satudata init`) and
 * `writeResourceToPackage`.
 */
import { basename, dirname, extname, relative } from 'node:path';
import type { Lang } from '../i18n.js';
import type { Resource } from '../schema/types.js';
import { inferResource, inferTables, type InferResult } from './infer.js';
import { slug } from './package-write.js';
import { fileSource } from './source.js';
import type { DescribeNote } from './types.js';

export type { DescribeNote } from './types.js';
export { writeResourceToPackage } from './package-write.js';

export interface DescribeOptions {
  sheet?: string;
  /** Language of notes when rendered; notes carry both languages, so this only matters to callers. */
  lang?: Lang;
  /** Extra missing-value markers (e.g. `0` when the officer says 0 means "no data"). */
  extraMissingValues?: string[];
  /** Folder the resource `path` is written relative to (default: the file's own folder). */
  baseDir?: string;
}

/** The resource name for a file (and sheet): the slug of the file stem. */
export function resourceName(path: string, sheet?: string): string {
  const stem = slug(basename(path, extname(path))) || 'data';
  return sheet ? `${stem}-${slug(sheet) || 'sheet'}` : stem;
}

/** The name, package-relative path and extra markers of the resource describing `path`. */
function inferOptions(path: string, opts: DescribeOptions) {
  const rel = relative(opts.baseDir ?? dirname(path), path).split('\\').join('/');
  return { name: resourceName(path, opts.sheet), path: rel, extraMissingValues: opts.extraMissingValues };
}

export async function describeFile(path: string, opts: DescribeOptions = {}): Promise<{ resource: Resource; notes: DescribeNote[] }> {
  return inferResource(fileSource(path, opts.sheet), inferOptions(path, opts));
}

/**
 * Every table of the file (or sheet): the first is what `describeFile` returns; a second table below
 * it (its own header) comes next. `convert` writes each to its own CSV.
 */
export async function describeTables(path: string, opts: DescribeOptions = {}): Promise<InferResult[]> {
  return inferTables(fileSource(path, opts.sheet), inferOptions(path, opts));
}
