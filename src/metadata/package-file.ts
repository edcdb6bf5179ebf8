/**
 * Locating, reading and atomically writing datapackage.json. The write goes to a temporary file in
 * the same folder and is renamed over the original, so an interrupted session (Ctrl-C, a crash, a
 * full disk) leaves either the old file or the new one, never half of one.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { jsonTooDeep, LIMITS } from '../table/limits.js';

/** `target` may be a datapackage.json (or other .json descriptor) or the folder holding one. */
export async function locatePackage(cwd: string, target: string | undefined, lang: Lang): Promise<string> {
  const p = path.resolve(cwd, target ?? '.');
  const stat = await fs.stat(p).catch(() => undefined);
  if (!stat) {
    throw new UsageError(lang === 'en' ? `${p} does not exist` : `${p} tidak ada`);
  }
  if (stat.isDirectory()) {
    const file = path.join(p, 'datapackage.json');
    if (!(await fs.stat(file).catch(() => undefined))) {
      throw new UsageError(
        lang === 'en' ? `there is no datapackage.json in ${p}` : `tidak ada datapackage.json di ${p}`,
        lang === 'en' ? 'Create one with "satudata init".' : 'Buat dengan "satudata init".',
      );
    }
    return file;
  }
  return p;
}

export async function readPackage(file: string, lang: Lang): Promise<DataPackage> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(lang === 'en' ? `${file} cannot be read: ${(e as Error).message}` : `${file} tidak dapat dibaca: ${(e as Error).message}`);
  }
  if (jsonTooDeep(text) !== undefined) {
    throw new UsageError(
      lang === 'en'
        ? `${file} is nested more than ${LIMITS.jsonDepth} levels deep (a limit of satudata; a real datapackage.json needs fewer than 10): fix or recreate that file`
        : `${file} bersarang lebih dari ${LIMITS.jsonDepth} tingkat (batas satudata; datapackage.json yang wajar kurang dari 10): perbaiki atau buat ulang berkas itu`,
    );
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(lang === 'en' ? `${file} is not valid JSON: ${(e as Error).message}` : `${file} bukan JSON yang sah: ${(e as Error).message}`);
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw new UsageError(lang === 'en' ? `${file} must hold a JSON object` : `${file} harus berisi objek JSON`);
  }
  const obj = pkg as DataPackage;
  if (!Array.isArray(obj.resources)) obj.resources = [];
  return obj;
}

/** Write text to `file` atomically (temp file + rename in the same folder). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

export function packageText(pkg: DataPackage): string {
  return JSON.stringify(pkg, null, 2) + '\n';
}
