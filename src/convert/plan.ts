/** Pure decisions of `convert`: output paths and which resource describes a file. */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { DataPackage, Resource } from '../schema/types.js';
import { realpathSync } from 'node:fs';
import { slug } from '../describe/package-write.js';
import { resolvePackagePath } from '../package-path.js';

function realOf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

export function outputFor(input: string, opts: { output?: string; sheet?: string; allSheets: boolean; cwd: string }): string {
  const stem = basename(input, extname(input));
  const name = opts.allSheets && opts.sheet ? `${stem}-${slug(opts.sheet) || 'sheet'}.csv` : `${stem}.csv`;
  if (opts.allSheets) return join(opts.output ? resolve(opts.cwd, opts.output) : dirname(input), name);
  if (opts.output) return resolve(opts.cwd, opts.output);
  const next = join(dirname(input), name);
  // Never overwrite the input itself (converting a CSV next to itself).
  return resolve(next) === resolve(input) ? join(dirname(input), `${stem}.bersih.csv`) : next;
}

/** The resource of `datapackage.json` that describes this file (and sheet), if the officer has one. */
export function packagedResource(pkg: DataPackage | undefined, pkgDir: string, input: string, sheet: string | undefined): Resource | undefined {
  if (!pkg) return undefined;
  return pkg.resources.find((r) => {
    if (typeof r.path !== 'string') return false;
    const v = resolvePackagePath(r.path, pkgDir);
    if (!v.ok || (v.absolute !== resolve(input) && v.absolute !== realOf(input))) return false;
    if (typeof r.schema !== 'object') return false;
    const rs = typeof r.dialect === 'object' ? r.dialect.sheetName : undefined;
    return sheet === undefined ? true : rs === sheet;
  });
}
