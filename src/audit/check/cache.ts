/**
 * The `--check-data` cache: one small JSON file per resource in the user's cache folder, holding the
 * outcome of the last check (never the data). An entry is used only when the resource's fingerprint
 * (URL, the portal's last_modified / metadata_modified / size / hash, the stored schema, the size
 * limit and the checker version) is unchanged, so a nightly run downloads only what changed.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ReportError } from '../../validate/types.js';
import type { PortalResource } from '../types.js';

/** Bump when the check itself changes, so old outcomes are not trusted. */
export const CHECKER_VERSION = 1;
/** Resources hosted off the portal can change without the portal knowing: re-check them after a week. */
export const EXTERNAL_MAX_AGE_MS = 7 * 86_400_000;

export type Outcome =
  | { kind: 'valid'; noSchema: boolean }
  | { kind: 'invalid'; noSchema: boolean; errors: number; first: ReportError[] }
  | { kind: 'unchecked'; reason: 'too-large' | 'unreadable'; detail: string };

interface Entry {
  version: number;
  fingerprint: string;
  checkedAt: number;
  outcome: Outcome;
}

/**
 * The user's cache folder: SATUDATA_CACHE_DIR > %LOCALAPPDATA%\satudata\cache on Windows >
 * $XDG_CACHE_HOME/satudata > ~/.cache/satudata.
 */
export function userCacheDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.SATUDATA_CACHE_DIR) return env.SATUDATA_CACHE_DIR;
  if (platform === 'win32') return join(env.LOCALAPPDATA || join(env.USERPROFILE || homedir(), 'AppData', 'Local'), 'satudata', 'cache');
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, 'satudata');
  return join(env.HOME || homedir(), '.cache', 'satudata');
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** Null when the portal gives nothing that changes with the file: such a resource is always downloaded. */
export function fingerprint(r: PortalResource, maxBytes: number): string | null {
  if (!r.lastModified && !r.metadataModified && r.size == null && !r.hash) return null;
  const schema = r.schema === undefined ? '' : typeof r.schema === 'string' ? r.schema : JSON.stringify(r.schema);
  return sha(JSON.stringify([CHECKER_VERSION, r.url ?? '', r.lastModified ?? '', r.metadataModified ?? '', r.size ?? '', r.hash ?? '', r.format ?? '', sha(schema), maxBytes]));
}

export class CheckCache {
  private readonly dir: string;
  hits = 0;
  constructor(root: string, portal: string) {
    this.dir = join(root, 'check-data', sha(new URL(portal).origin).slice(0, 16));
  }

  private file(resourceId: string): string {
    return join(this.dir, `${sha(resourceId).slice(0, 32)}.json`);
  }

  async get(resourceId: string, print: string, external: boolean, now = Date.now()): Promise<Outcome | undefined> {
    try {
      const e = JSON.parse(await readFile(this.file(resourceId), 'utf8')) as Entry;
      if (e.version !== CHECKER_VERSION || e.fingerprint !== print) return undefined;
      if (external && now - e.checkedAt > EXTERNAL_MAX_AGE_MS) return undefined;
      this.hits++;
      return e.outcome;
    } catch {
      return undefined;
    }
  }

  /** Best effort: a cache that cannot be written only costs a download next time. */
  async put(resourceId: string, print: string, outcome: Outcome, now = Date.now()): Promise<void> {
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      const file = this.file(resourceId);
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: CHECKER_VERSION, fingerprint: print, checkedAt: now, outcome } satisfies Entry), { mode: 0o600 });
      await rename(tmp, file);
    } catch {
      /* ignored */
    }
  }
}
