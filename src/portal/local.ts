/**
 * The local side of a push: find and read datapackage.json, load resource schemas given as paths, and
 * hash each local file (SHA-256 and size, streamed, so memory does not grow with the file).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { locatePackage, readPackage } from '../metadata/package-file.js';
import type { Lang } from '../i18n.js';
import type { DataPackage, Schema } from '../schema/types.js';
import { toCkanResource } from '../metadata/mapping.js';
import type { LocalResource } from './plan.js';

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

/** Map and hash every resource (validation has already checked that the files exist). */
export async function localResources(lp: LocalPackage): Promise<LocalResource[]> {
  const out: LocalResource[] = [];
  for (const res of lp.pkg.resources ?? []) {
    let schema: Schema | undefined;
    if (typeof res.schema === 'string' && !/^https?:\/\//.test(res.schema)) {
      schema = JSON.parse(await readFile(resolve(lp.dir, res.schema), 'utf8')) as Schema;
    }
    const draft = toCkanResource(res, schema);
    const title = typeof res.title === 'string' && res.title.trim() ? res.title.trim() : draft.name;
    if (draft.localPath) {
      const file = isAbsolute(draft.localPath) ? draft.localPath : resolve(lp.dir, draft.localPath);
      out.push({ draft, title, file, ...(await sha256File(file)) });
    } else out.push({ draft, title });
  }
  return out;
}
