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
import { resolvePackagePath } from '../package-path.js';
import { alive } from '../pid.js';
import { jsonTooDeep, LIMITS } from '../table/limits.js';
import { msg } from '../i18n.js';

/** `target` may be a datapackage.json (or other .json descriptor) or the folder holding one. */
export async function locatePackage(cwd: string, target: string | undefined, lang: Lang): Promise<string> {
  const p = path.resolve(cwd, target ?? '.');
  const stat = await fs.stat(p).catch(() => undefined);
  if (!stat) {
    throw new UsageError(msg(lang, 'metadata.package-file.does_not_exist', { p }));
  }
  if (stat.isDirectory()) {
    const file = path.join(p, 'datapackage.json');
    if (!(await fs.stat(file).catch(() => undefined))) {
      throw new UsageError(
        msg(lang, 'metadata.package-file.missing', { p }),
        msg(lang, 'metadata.package-file.create_one_with_satudata'),
      );
    }
    // Found in a folder, it belongs to that folder: no link out of it, no FIFO (a read would hang).
    const v = resolvePackagePath('datapackage.json', p, lang);
    if (!v.ok) throw new UsageError(v.remote ? file : v.reason);
    return file;
  }
  return p;
}

export async function readPackage(file: string, lang: Lang): Promise<DataPackage> {
  await removeStaleTemps(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(msg(lang, 'metadata.package-file.unreadable', { file, message: (e as Error).message }));
  }
  if (jsonTooDeep(text) !== undefined) {
    throw new UsageError(
      msg(lang, 'metadata.package-file.too_deep', { file, jsonDepth: LIMITS.jsonDepth }),
    );
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(msg(lang, 'metadata.package-file.invalid_json', { file, message: (e as Error).message }));
  }
  if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) {
    throw new UsageError(msg(lang, 'metadata.package-file.not_object', { file }));
  }
  const obj = pkg as DataPackage;
  if (!Array.isArray(obj.resources)) obj.resources = [];
  return obj;
}

const STALE_MS = 24 * 3600 * 1000;

/**
 * Remove the temp files of earlier writes of `file` that were killed (kill -9, power loss) before
 * their rename: their process is gone, or they are over a day old. A live writer's file is left alone.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  const removed: string[] = [];
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = name.startsWith(prefix) ? /^(\d+)\.(\d+)\.tmp$/.exec(name.slice(prefix.length)) : null;
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid) continue;
    if (alive(pid) && Date.now() - Number(m[2]) < STALE_MS) continue;
    await fs.rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Write text to `file` atomically (temp file + rename in the same folder). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await removeStaleTemps(file);
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
