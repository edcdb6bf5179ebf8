/**
 * The user's stored API tokens, one per portal, in `<user config dir>/credentials.json`.
 * POSIX: the folder is 0700 and the file 0600, written atomically (temp file + rename) so a crash never
 * leaves a half-written file. Windows: the file lives under the user's profile (%APPDATA%), whose ACL
 * already restricts it to that user.
 */
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { tooDeep } from '../json-depth.js';
import { alive } from '../pid.js';
import type { Lang } from '../i18n.js';
import { msg } from '../i18n.js';

export interface StoredCredential {
  token: string;
  user?: string;
  savedAt: string;
}

type Store = { version: 1; portals: Record<string, StoredCredential>; /** The portal of the latest login. */ last?: string };

export function credentialsPath(dir: string): string {
  return join(dir, 'credentials.json');
}

/**
 * The store as it is on disk. A file that is not a credentials store (bad JSON, wrong shape, nested
 * absurdly deep) is refused with where it is and how to fix it, never read as empty: the next write
 * would silently drop the other portals' tokens.
 */
async function load(dir: string, lang: Lang): Promise<Store> {
  const file = credentialsPath(dir);
  let text: string;
  try {
    await tighten(dir);
    await removeStaleTemps(dir);
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, portals: {} };
    throw e;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw corrupt(file, (e as Error).message, lang);
  }
  const portals = (raw as Partial<Store> | null)?.portals;
  if (tooDeep(raw) || !raw || typeof raw !== 'object' || !portals || typeof portals !== 'object' || Array.isArray(portals)) throw corrupt(file, msg(lang, 'portal.credentials.no_portals_object'), lang);
  for (const [portal, cred] of Object.entries(portals)) {
    if (!cred || typeof cred !== 'object' || typeof (cred as StoredCredential).token !== 'string') throw corrupt(file, msg(lang, 'portal.credentials.the_entry_of_has', { portal }), lang);
  }
  const last = (raw as Partial<Store>).last;
  return { version: 1, portals: portals as Record<string, StoredCredential>, ...(typeof last === 'string' ? { last } : {}) };
}

function corrupt(file: string, detail: string, lang: Lang): ConfigError {
  return new ConfigError(msg(lang, 'portal.credentials.corrupt', { file, detail }), msg(lang, 'portal.credentials.corrupt.hint'), 'E_CREDENTIALS');
}

/**
 * The folder holding the tokens is the user's alone: created 0700, and an existing one that others
 * may read or write (e.g. 0777) is tightened to 0700 before a token is written into it.
 */
async function privateFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await tighten(dir);
}

/** An existing folder others may read or write is made the user's alone (also before a read). */
async function tighten(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const st = await stat(dir).catch(() => undefined);
  if (st && st.isDirectory() && (st.mode & 0o077) !== 0 && st.uid === process.getuid?.()) await chmod(dir, 0o700);
}

/**
 * A `login` killed between writing its temp file and renaming it leaves `credentials.json.<pid>.tmp`
 * behind, holding every token: removed once its process is gone.
 */
async function removeStaleTemps(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^credentials\.json\.(\d+)\.tmp$/.exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    await rm(join(dir, name), { force: true });
  }
}

async function save(dir: string, store: Store): Promise<void> {
  await privateFolder(dir);
  const file = credentialsPath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(store, null, 2) + '\n', { mode: 0o600 });
  if (process.platform !== 'win32') await chmod(tmp, 0o600);
  await rename(tmp, file);
}

/**
 * The portal to use when nothing else names one: the one of the latest `satudata login` (while its
 * token is stored), else the only stored portal; undefined when there is no such single answer.
 */
export async function loginPortal(dir: string, lang: Lang = 'id'): Promise<string | undefined> {
  const store = await load(dir, lang);
  if (store.last && Object.hasOwn(store.portals, store.last)) return store.last;
  const all = Object.keys(store.portals);
  return all.length === 1 ? all[0] : undefined;
}

export async function readCredential(dir: string, portal: string, lang: Lang = 'id'): Promise<StoredCredential | undefined> {
  const portals = (await load(dir, lang)).portals;
  return Object.hasOwn(portals, portal) ? portals[portal] : undefined;
}

export async function writeCredential(dir: string, portal: string, cred: StoredCredential, lang: Lang = 'id'): Promise<string> {
  const store = await load(dir, lang);
  store.portals[portal] = cred;
  store.last = portal;
  await save(dir, store);
  return credentialsPath(dir);
}

/** Remove the token of `portal`; true when there was one. The file goes when it holds no portal. */
export async function removeCredential(dir: string, portal: string, lang: Lang = 'id'): Promise<boolean> {
  const store = await load(dir, lang);
  if (!Object.hasOwn(store.portals, portal)) return false;
  delete store.portals[portal];
  if (Object.keys(store.portals).length === 0) await rm(credentialsPath(dir), { force: true });
  else await save(dir, store);
  return true;
}
