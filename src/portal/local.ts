/**
 * The local side of a push: find and read datapackage.json, load resource schemas given as paths, and
 * hash each local file (SHA-256 and size, streamed, so memory does not grow with the file).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { locatePackage, readPackage } from '../metadata/package-file.js';
import type { Lang } from '../i18n.js';
import type { DataPackage, Schema } from '../schema/types.js';
import { toCkanResource } from '../ckan/mapping.js';
import type { LocalResource } from './plan.js';
import { resolvePackagePath } from '../package-path.js';
import { DataInvalidError } from '../errors.js';
import type { Report } from '../validate/types.js';
import { msg } from '../i18n.js';

export interface LocalPackage {
  file: string;
  dir: string;
  pkg: DataPackage;
}

/** PACKAGE is a datapackage.json or a folder holding one (default: the current folder). */
export async function findPackage(cwd: string, arg: string | undefined, lang: Lang): Promise<LocalPackage> {
  const file = await locatePackage(cwd, arg, lang);
  return { file, dir: dirname(file), pkg: await readPackage(file, lang) };
}

export async function sha256File(path: string): Promise<{ sha256: string; md5: string; bytes: number }> {
  const h = createHash('sha256');
  const m = createHash('md5');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    m.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), md5: m.digest('hex'), bytes };
}

function refusal(name: string, reason: string, lang: Lang): DataInvalidError {
  return new DataInvalidError(msg(lang, 'portal.local.resource', { name, reason }), 'E_UNSAFE_PATH');
}

/** A path of the package through the shared resolver; anything but an existing regular file inside is refused. */
function packageFile(lp: LocalPackage, p: string, name: string, lang: Lang): string {
  const v = resolvePackagePath(p, lp.dir, lang);
  if (!v.ok) throw refusal(name, v.remote ? p : v.reason, lang);
  if (!v.exists) throw refusal(name, msg(lang, 'portal.local.does_not_exist', { p }), lang);
  return v.absolute;
}

/**
 * Map and hash every resource (validation has already checked that the files exist). Schema and data
 * paths go through the same resolver as `validate`, so push reads exactly the files validate read.
 */
export async function localResources(lp: LocalPackage, lang: Lang = 'id'): Promise<LocalResource[]> {
  const out: LocalResource[] = [];
  for (const res of lp.pkg.resources ?? []) {
    const name = String(res.name ?? '');
    let schema: Schema | undefined;
    if (typeof res.schema === 'string' && !/^https?:\/\//i.test(res.schema)) {
      schema = JSON.parse(await readFile(packageFile(lp, res.schema, name, lang), 'utf8')) as Schema;
    }
    const draft = toCkanResource(res, schema);
    const title = typeof res.title === 'string' && res.title.trim() ? res.title.trim() : draft.name;
    if (draft.localPath) {
      const file = packageFile(lp, draft.localPath, name, lang);
      out.push({ draft, title, file, ...(await sha256File(file)) });
    } else out.push({ draft, title });
  }
  return out;
}

/**
 * The files about to be uploaded must be the bytes `validate` just checked: compare each resource's
 * SHA-256 with the one the validation report recorded (a file changed in between is refused).
 */
export function checkSameBytes(lp: LocalPackage, locals: LocalResource[], report: Report, lang: Lang): void {
  for (const l of locals) {
    const res = lp.pkg.resources?.find((r) => r.name === l.draft.name);
    // A multipart resource was hashed as all its parts in one; push sends the first part.
    if (!l.sha256 || (Array.isArray(res?.path) && res.path.length > 1)) continue;
    const task = report.tasks.find((t) => t.name === l.draft.name && t.package !== undefined);
    const seen = task?.stats.sha256;
    if (!seen || seen === l.sha256) continue;
    throw new DataInvalidError(
      msg(lang, 'portal.local.resource_the_file_changed', { name: l.draft.name }),
      'E_FILE_CHANGED',
    );
  }
}
