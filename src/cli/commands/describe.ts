/**
 * `satudata describe FILE [--sheet NAME] [--json] [--write] [--missing-values LIST]`: infer a Tabular
 * Data Resource. `--json` prints only the descriptor; `--write` adds/updates it in the
 * datapackage.json next to the file.
 */
import { stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { describeFile, writeResourceToPackage } from '../../describe/index.js';
import { renderDescribe } from '../../describe/render.js';
import { UsageError } from '../../errors.js';
import { TableSourceError } from '../../table/types.js';
import type { CliContext } from '../context.js';
import type { DescribeOptions } from '../options.js';
import { msg } from '../../i18n.js';

export function parseMissingValues(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  return v.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A file the readers cannot open is the user's input problem: exit 2 with the reader's own words. */
export function sourceToUsage(e: unknown, lang: 'id' | 'en'): unknown {
  if (e instanceof TableSourceError) return new UsageError(lang === 'en' || !e.noteId ? e.note : e.noteId);
  return e;
}

export async function run(ctx: CliContext, args: string[], opts: DescribeOptions): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError(msg(ctx.lang, 'describe.describe_needs_a_csv'));
  const path = resolve(ctx.cwd, file);
  const st = await stat(path).catch(() => undefined);
  if (!st?.isFile()) throw new UsageError(msg(ctx.lang, 'describe.file_not_found', { file }));
  const sheet = opts.sheet;

  let result;
  try {
    result = await describeFile(path, { sheet, lang: ctx.lang, extraMissingValues: parseMissingValues(opts.missingValues) });
  } catch (e) {
    throw sourceToUsage(e, ctx.lang);
  }
  const { resource, notes } = result;

  if (opts.json) ctx.stdout.write(JSON.stringify(resource, null, 2) + '\n');
  else ctx.stdout.write(renderDescribe(resource, notes, ctx.lang, ctx.color));

  if (opts.write) {
    const { file: pkgFile, created } = await writeResourceToPackage(dirname(path), resource, ctx.lang);
    const shown = relative(ctx.cwd, pkgFile) || pkgFile;
    const done = msg(ctx.lang, created ? 'describe.write.created' : 'describe.write.updated', { shown, name: resource.name });
    // With --json, stdout holds only the descriptor: the confirmation goes to stderr.
    (opts.json ? ctx.stderr : ctx.stdout).write(done + '\n');
  }
  return 0;
}
