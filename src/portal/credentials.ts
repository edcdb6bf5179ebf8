/**
 * The user's stored API tokens, one per portal, in `<user config dir>/credentials.json`.
 * POSIX: the folder is 0700 and the file 0600, written atomically (temp file + rename) so a crash never
 * leaves a half-written file. Windows: the file lives under the user's profile (%APPDATA%), whose ACL
 * already restricts it to that user.
 */
import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface StoredCredential {
  token: string;
  user?: string;
  savedAt: string;
}

type Store = { version: 1; portals: Record<string, StoredCredential> };

export function credentialsPath(dir: string): string {
  return join(dir, 'credentials.json');
}

async function load(dir: string): Promise<Store> {
  try {
    const raw = JSON.parse(await readFile(credentialsPath(dir), 'utf8')) as Partial<Store>;
    if (raw && typeof raw === 'object' && raw.portals && typeof raw.portals === 'object') return { version: 1, portals: raw.portals };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && !(e instanceof SyntaxError)) throw e;
  }
  return { version: 1, portals: {} };
}

async function save(dir: string, store: Store): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = credentialsPath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(store, null, 2) + '\n', { mode: 0o600 });
  if (process.platform !== 'win32') await chmod(tmp, 0o600);
  await rename(tmp, file);
}

export async function readCredential(dir: string, portal: string): Promise<StoredCredential | undefined> {
  return (await load(dir)).portals[portal];
}

export async function writeCredential(dir: string, portal: string, cred: StoredCredential): Promise<string> {
  const store = await load(dir);
  store.portals[portal] = cred;
  await save(dir, store);
  return credentialsPath(dir);
}

/** Remove the token of `portal`; true when there was one. The file goes when it holds no portal. */
export async function removeCredential(dir: string, portal: string): Promise<boolean> {
  const store = await load(dir);
  if (!(portal in store.portals)) return false;
  delete store.portals[portal];
  if (Object.keys(store.portals).length === 0) await rm(credentialsPath(dir), { force: true });
  else await save(dir, store);
  return true;
}
