/**
 * `satudata template SCHEMA_OR_PACKAGE [-r RESOURCE] -o OUT.xlsx`: an Excel input template with
 * titles, hidden field names, formats, dropdowns and checks, and a Petunjuk sheet.
 */
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { UsageError } from '../../errors.js';
import { buildTemplate, TEMPLATE_DIALECT } from '../../template/build.js';
import { loadTemplateSource } from '../../template/load.js';
import type { CliContext } from '../context.js';
import type { TemplateOptions } from '../options.js';
import { msg } from '../../i18n.js';

export async function run(ctx: CliContext, args: string[], opts: TemplateOptions): Promise<number> {
  const input = args[0];
  if (!input) throw new UsageError(msg(ctx.lang, 'template.template_needs_a_table'));
  const output = opts.output ? resolve(ctx.cwd, opts.output) : undefined;
  if (!output) throw new UsageError(msg(ctx.lang, 'template.template_needs_o_out'));
  if (!output.toLowerCase().endsWith('.xlsx')) throw new UsageError(msg(ctx.lang, 'template.the_output_must_end'));
  const src = await loadTemplateSource(resolve(ctx.cwd, input), opts.resource, ctx.lang);
  const wb = buildTemplate(src);
  await mkdir(dirname(output), { recursive: true });
  // Write next to the target and rename, so an interrupted run never leaves a broken workbook.
  const tmp = `${output}.${process.pid}.tmp`;
  try {
    await wb.xlsx.writeFile(tmp);
    await rename(tmp, output);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  const shown = relative(ctx.cwd, output) || output;
  const dialect = JSON.stringify(TEMPLATE_DIALECT);
  if (opts.json) {
    ctx.stdout.write(JSON.stringify({ output: shown, fields: src.schema.fields.map((f) => f.name), dataStartsAtRow: 3, format: 'xlsx', dialect: TEMPLATE_DIALECT }, null, 2) + '\n');
    return 0;
  }
  ctx.stdout.write(msg(ctx.lang, 'template.wrote_columns_data_starts', { shown, length: src.schema.fields.length, dialect }));
  return 0;
}
