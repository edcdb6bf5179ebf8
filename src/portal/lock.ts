/**
 * One push at a time per package folder (issue 14): `.satudata/push.lock`, created exclusively, holds
 * the owner's pid, host and start time. A second push waits for it (SATUDATA_LOCK_WAIT_SECONDS, default
 * 60) and then refuses clearly (exit 3). A lock left by a process that no longer runs on this host
 * (`kill -9`, a crash) is stale and taken over, with a note.
 */
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SatudataError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { alive } from '../pid.js';
import { msg } from '../i18n.js';

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export interface PushLock {
  file: string;
  /** Set when a stale lock was taken over: who had left it. */
  recovered?: LockOwner;
  release(): Promise<void>;
}

export function lockPath(dir: string): string {
  return join(dir, '.satudata', 'push.lock');
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const o = JSON.parse(await readFile(file, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : undefined;
  } catch {
    return undefined;
  }
}

/** True when the owner certainly no longer runs: same host and no such process. */
export function isStale(owner: LockOwner | undefined, host = hostname()): boolean {
  return owner !== undefined && owner.host === host && owner.pid !== process.pid && !alive(owner.pid);
}

export async function acquirePushLock(dir: string, lang: Lang, waitMs: number): Promise<PushLock> {
  const file = lockPath(dir);
  await mkdir(join(dir, '.satudata'), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const until = Date.now() + waitMs;
  let recovered: LockOwner | undefined;
  let unreadableSince: number | undefined;
  for (;;) {
    try {
      await writeFile(file, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return { file, recovered, release: async () => void (await unlink(file).catch(() => {})) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = await readOwner(file);
    // A lock file that stays unreadable (the writer died between create and write) is stale after 5 s.
    if (!owner) unreadableSince ??= Date.now();
    if (isStale(owner) || (!owner && Date.now() - (unreadableSince ?? Date.now()) > 5000)) {
      recovered = owner ?? { pid: 0, host: '?', started: '?' };
      await unlink(file).catch(() => {});
      continue;
    }
    if (Date.now() >= until) {
      const who = owner ? `pid ${owner.pid} @ ${owner.host}, ${owner.started}` : '?';
      throw new SatudataError(
        msg(lang, 'portal.lock.another_push_of_this', { who }),
        {
          code: 'E_PUSH_LOCKED',
          exitCode: 3,
          hint:
            msg(lang, 'portal.lock.wait_for_it_to', { file }),
        },
      );
    }
    await sleep(Math.min(200, Math.max(0, until - Date.now())));
  }
}
