/**
 * `satudata convert FILE.xlsx [--sheet NAME | --all-sheets] [-o OUT] [--force]`: a clean UTF-8 CSV per
 * sheet, and per table when a sheet holds several. The schema comes from the file's resource in
 * datapackage.json when there is one (the officer's own description), otherwise it is inferred with
 * describe. An existing file is never replaced without --force.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { convertResource, dataRowTest } from '../../convert/convert.js';
import { outputFor, packagedResource } from '../../convert/plan.js';
import { listSheets } from '../../convert/sheets.js';
import { describeTables } from '../../describe/index.js';
import { readPackage } from '../../describe/package-write.js';
import { DataInvalidError, UsageError } from '../../errors.js';
import type { Resource, Schema } from '../../schema/types.js';
import type { CliContext } from '../context.js';
import type { ConvertOptions } from '../options.js';
import { sourceToUsage } from './describe.js';
import { msg, type Lang } from '../../i18n.js';

interface Job { sheet?: string; table: number; resource: Resource; given: boolean; out: string }

export async function run(ctx: CliContext, args: string[], opts: ConvertOptions): Promise<number> {
  const file = args[0];
  if (!file) throw new UsageError(msg(ctx.lang, 'convert.convert_needs_an_xlsx'));
  const input = resolve(ctx.cwd, file);
  if (!(await stat(input).catch(() => undefined))?.isFile()) throw new UsageError(msg(ctx.lang, 'convert.file_not_found', { file }));
  const allSheets = Boolean(opts.allSheets);
  const force = Boolean(opts.force);
  const output = opts.output;
  if (allSheets && opts.sheet) throw new UsageError(msg(ctx.lang, 'convert.use_either_sheet_or'));
  await checkOutputOption(ctx, output, allSheets);

  const results: { input: string; sheet?: string; table?: number; output: string; rows: number; schema: 'package' | 'inferred'; uncast: number }[] = [];
  try {
    const sheets: Array<string | undefined> = allSheets ? await listSheets(input) : [opts.sheet];
    if (allSheets && sheets.length === 0) throw new UsageError(msg(ctx.lang, 'convert.all_sheets_needs_an'));
    // The officer's package may sit in the file's folder or a parent (data/ under the package).
    const packages: { dir: string; pkg: Awaited<ReturnType<typeof readPackage>> }[] = [];
    for (let dir = dirname(input), i = 0; i < 4; i++, dir = dirname(dir)) {
      const pkg = await readPackage(join(dir, 'datapackage.json')).catch(() => undefined);
      if (pkg) packages.push({ dir, pkg });
      if (dirname(dir) === dir) break;
    }
    // Plan every output first, so nothing is written when one of them would replace a file.
    const jobs: Job[] = [];
    for (const sheet of sheets) {
      let given: Resource | undefined;
      for (const { dir, pkg } of packages) if ((given = packagedResource(pkg, dir, input, sheet))) break;
      if (given) await checkPackaged(input, file, sheet, given, ctx.lang);
      const resources = given ? [given] : (await describeTables(input, { sheet })).map((r) => r.resource);
      resources.forEach((resource, i) => {
        const out = outputFor(input, { output, sheet, allSheets, cwd: ctx.cwd, table: i + 1 });
        jobs.push({ sheet, table: i + 1, resource, given: given !== undefined, out });
      });
    }
    for (const job of jobs) {
      if (resolve(job.out) === input) throw new UsageError(msg(ctx.lang, 'convert.the_output_would_overwrite'));
      const existing = await stat(job.out).catch(() => undefined);
      if (existing?.isDirectory()) throw new UsageError(msg(ctx.lang, 'convert.is_a_folder_o', { value: relative(ctx.cwd, job.out) }));
      if (existing && !force) {
        throw new UsageError(
          msg(ctx.lang, 'convert.already_exists_nothing_was', { value: relative(ctx.cwd, job.out) || job.out }),
          msg(ctx.lang, 'convert.use_force_to_replace'),
        );
      }
    }
    if (allSheets && output) await mkdir(resolve(ctx.cwd, output), { recursive: true });
    const tables = new Map<string | undefined, number>();
    for (const j of jobs) tables.set(j.sheet, Math.max(tables.get(j.sheet) ?? 0, j.table));
    for (const job of jobs) {
      const r = await convertResource(input, job.resource, job.out, ctx.lang);
      const shown = relative(ctx.cwd, job.out) || job.out;
      const many = (tables.get(job.sheet) ?? 1) > 1;
      const base = job.sheet ? (msg(ctx.lang, 'convert.sheet', { sheet: job.sheet })) : file;
      const from = many ? `${base} ${msg(ctx.lang, 'convert.table')} ${job.table}` : base;
      const schemaFrom = job.given ? (msg(ctx.lang, 'convert.schema_from_datapackage_json')) : (msg(ctx.lang, 'convert.inferred_schema'));
      results.push({ input: file, ...(job.sheet ? { sheet: job.sheet } : {}), ...(many ? { table: job.table } : {}), output: shown, rows: r.rows, schema: job.given ? 'package' : 'inferred', uncast: r.uncast });
      const line = msg(ctx.lang, 'convert.rows', { from, shown, rows: r.rows, schemaFrom });
      (opts.json ? ctx.stderr : ctx.stdout).write(line);
      if (r.uncast > 0) {
        ctx.stderr.write(msg(ctx.lang, 'convert.warning_cell_s_did', { uncast: r.uncast, uncastRows: r.uncastRows.join(', ') }));
      }
    }
  } catch (e) {
    throw sourceToUsage(e, ctx.lang);
  }
  if (opts.json) ctx.stdout.write(JSON.stringify({ outputs: results }, null, 2) + '\n');
  return 0;
}

/**
 * The officer's resource is trusted only as far as the file still reads the same: the file is read
 * again as describe reads it, and convert stops (exit 1, nothing written) when
 *  - the resource would read rows of a second table (own header, other columns) as its own data
 *    (a package written before describe cut tables apart), or
 *  - the resource reads the header by position (`header: false`: a merged multi-row header) and a
 *    column's header now reads differently from its field title (moved, inserted).
 */
async function checkPackaged(input: string, shown: string, sheet: string | undefined, given: Resource, lang: Lang): Promise<void> {
  const dialect = typeof given.dialect === 'object' ? given.dialect : undefined;
  const schema = typeof given.schema === 'object' ? given.schema : undefined;
  if (!schema) return;
  const tables = await describeTables(input, { sheet });
  const second = tables[1]?.table?.firstRow;
  if (second !== undefined) {
    // The fresh reading excludes every row from the second table on; the officer's dialect must too.
    const isData = dataRowTest(dialect);
    const excluded = (tables[0]!.resource.dialect as { commentRows?: number[] } | undefined)?.commentRows ?? [];
    const leaking = excluded.filter((r) => r >= second && isData(r)).slice(0, 5);
    if (leaking.length) {
      throw new DataInvalidError(msg(lang, 'convert.from_row_the_file', { shown, second, leaking: leaking.join(', ') }),
      'E_SECOND_TABLE');
    }
  }
  if (dialect?.header !== false || !schema.fields.some((f) => f.title)) return;
  const freshFields = (tables[0]!.resource.schema as Schema).fields;
  const wrong: string[] = [];
  schema.fields.forEach((f, j) => {
    if (!f.title) return;
    const now = freshFields[j];
    const label = now ? now.title ?? now.name : '';
    if (label !== f.title) wrong.push(`${j + 1}: "${label}" ≠ "${f.title}"`);
  });
  if (wrong.length === 0) return;
  const list = wrong.slice(0, 5).join('; ');
  throw new DataInvalidError(msg(lang, 'convert.the_file_s_header', { shown, list }),
  'E_HEADER_MISMATCH');
}

/** `-o` is a CSV file name, and a folder only with --all-sheets: refuse the other reading. */
async function checkOutputOption(ctx: CliContext, output: string | undefined, allSheets: boolean): Promise<void> {
  if (output === undefined) return;
  if (allSheets && extname(output).toLowerCase() === '.csv') {
    throw new UsageError(
      msg(ctx.lang, 'convert.with_all_sheets_o', { output }),
      msg(ctx.lang, 'convert.give_a_folder_name'),
    );
  }
  if (allSheets) {
    const st = await stat(resolve(ctx.cwd, output)).catch(() => undefined);
    if (st && !st.isDirectory()) throw new UsageError(msg(ctx.lang, 'convert.is_a_file_with', { output }));
  }
}
