/**
 * The local side of a push: find and read datapackage.json, load resource schemas given as paths, and
 * hash each local file (SHA-256 and size, streamed, so memory does not grow with the file).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
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
  const target = resolve(cwd, arg ?? '.');
  let file = target;
  try {
    if ((await stat(target)).isDirectory()) file = join(target, 'datapackage.json');
  } catch {
    throw new UsageError(lang === 'en' ? `Not found: ${target}` : `Tidak ditemukan: ${target}`);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(
      lang === 'en' ? `No datapackage.json at ${file}.` : `Tidak ada datapackage.json di ${file}.`,
      lang === 'en' ? 'Run "satudata init" to start a data package.' : 'Jalankan "satudata init" untuk memulai paket data.',
    );
  }
  try {
    return { file, dir: dirname(file), pkg: JSON.parse(text) as DataPackage };
  } catch (e) {
    throw new UsageError(lang === 'en' ? `${file} is not valid JSON: ${(e as Error).message}` : `${file} bukan JSON yang sah: ${(e as Error).message}`);
  }
}

export async function sha256File(path: string): Promise<{ sha256: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: h.digest('hex'), bytes };
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
    if (draft.localPath) {
      const file = isAbsolute(draft.localPath) ? draft.localPath : resolve(lp.dir, draft.localPath);
      out.push({ draft, file, ...(await sha256File(file)) });
    } else out.push({ draft });
  }
  return out;
}
