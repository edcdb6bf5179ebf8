/**
 * `satudata convert FILE.xlsx [--sheet NAME | --all-sheets] [-o OUT]`: a clean UTF-8 CSV per sheet.
 * The schema comes from the file's resource in datapackage.json when there is one (the officer's
 * own description), otherwise it is inferred with describe.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { convertResource } from '../../convert/convert.js';
import { outputFor, packagedResource } from '../../convert/plan.js';
import { listSheets } from '../../convert/sheets.js';
import { describeFile } from '../../describe/index.js';
import { readPackage } from '../../describe/package-write.js';
import { UsageError } from '../../errors.js';
import type { CliContext } from '../context.js';
import { sourceToUsage } from './describe.js';

export async function run(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const en = ctx.lang === 'en';
  const file = args[0];
  if (!file) throw new UsageError(en ? 'convert needs an XLSX (or CSV) file' : 'convert memerlukan berkas XLSX (atau CSV)');
  const input = resolve(ctx.cwd, file);
  if (!(await stat(input).catch(() => undefined))?.isFile()) throw new UsageError(en ? `file not found: ${file}` : `berkas tidak ditemukan: ${file}`);
  const allSheets = Boolean(opts.allSheets);
  const output = typeof opts.output === 'string' ? opts.output : undefined;
  if (allSheets && opts.sheet) throw new UsageError(en ? 'use either --sheet or --all-sheets' : 'pakai --sheet atau --all-sheets, bukan keduanya');

  const results: { input: string; sheet?: string; output: string; rows: number; schema: 'package' | 'inferred'; uncast: number }[] = [];
  try {
    const sheets: Array<string | undefined> = allSheets ? await listSheets(input) : [typeof opts.sheet === 'string' ? opts.sheet : undefined];
    if (allSheets && sheets.length === 0) throw new UsageError(en ? '--all-sheets needs an .xlsx workbook' : '--all-sheets memerlukan buku kerja .xlsx');
    if (allSheets && output) await mkdir(resolve(ctx.cwd, output), { recursive: true });
    // The officer's package may sit in the file's folder or a parent (data/ under the package).
    const packages: { dir: string; pkg: Awaited<ReturnType<typeof readPackage>> }[] = [];
    for (let dir = dirname(input), i = 0; i < 4; i++, dir = dirname(dir)) {
      const pkg = await readPackage(join(dir, 'datapackage.json')).catch(() => undefined);
      if (pkg) packages.push({ dir, pkg });
      if (dirname(dir) === dir) break;
    }
    for (const sheet of sheets) {
      let given;
      for (const { dir, pkg } of packages) if ((given = packagedResource(pkg, dir, input, sheet))) break;
      const resource = given ?? (await describeFile(input, { sheet })).resource;
      const out = outputFor(input, { output, sheet, allSheets, cwd: ctx.cwd });
      if (resolve(out) === input) throw new UsageError(en ? 'the output would overwrite the input' : 'keluaran akan menimpa berkas masukan');
      const r = await convertResource(input, resource, out);
      const shown = relative(ctx.cwd, out) || out;
      const from = sheet ? (en ? `sheet "${sheet}"` : `lembar "${sheet}"`) : file;
      const schemaFrom = given ? (en ? 'schema from datapackage.json' : 'skema dari datapackage.json') : (en ? 'inferred schema' : 'skema hasil describe');
      results.push({ input: file, ...(sheet ? { sheet } : {}), output: shown, rows: r.rows, schema: given ? 'package' : 'inferred', uncast: r.uncast });
      const line = en ? `${from} → ${shown} (${r.rows} rows, ${schemaFrom})\n` : `${from} → ${shown} (${r.rows} baris, ${schemaFrom})\n`;
      (opts.json ? ctx.stderr : ctx.stdout).write(line);
      if (r.uncast > 0) {
        ctx.stderr.write(en
          ? `Warning: ${r.uncast} cell(s) did not match the schema and were written unchanged (rows ${r.uncastRows.join(', ')}).\n`
          : `Peringatan: ${r.uncast} sel tidak sesuai skema dan ditulis apa adanya (baris ${r.uncastRows.join(', ')}).\n`);
      }
    }
  } catch (e) {
    throw sourceToUsage(e, ctx.lang);
  }
  if (opts.json) ctx.stdout.write(JSON.stringify({ outputs: results }, null, 2) + '\n');
  return 0;
}
