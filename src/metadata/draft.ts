/**
 * A resumable metadata session: after every answer the package as answered so far is saved to
 * `.satudata/metadata-draft.json` beside datapackage.json (never into datapackage.json itself, which
 * is written once, whole, at the end). The next `satudata metadata` resumes from it when
 * datapackage.json is still the file the session started from; a draft of an older file is dropped.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { DataPackage } from '../schema/types.js';
import { writeFileAtomic } from './package-file.js';

export interface Draft {
  version: 1;
  /** SHA-256 of datapackage.json's text when the session started. */
  base: string;
  pkg: DataPackage;
  /** Keys of the questions answered. */
  answered: string[];
}

export function draftPath(pkgFile: string): string {
  return path.join(path.dirname(pkgFile), '.satudata', 'metadata-draft.json');
}

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The draft of a session that started from `diskText`, or undefined (none, unreadable or stale). */
export async function loadDraft(pkgFile: string, diskText: string): Promise<{ draft?: Draft; stale: boolean }> {
  let raw: string;
  try {
    raw = await readFile(draftPath(pkgFile), 'utf8');
  } catch {
    return { stale: false };
  }
  try {
    const d = JSON.parse(raw) as Partial<Draft>;
    const ok = d.version === 1 && typeof d.base === 'string' && d.pkg && typeof d.pkg === 'object' && Array.isArray(d.pkg.resources) && Array.isArray(d.answered) && d.answered.every((k) => typeof k === 'string');
    if (ok && d.base === textHash(diskText)) return { draft: d as Draft, stale: false };
  } catch {
    // a torn or foreign file: treated as stale
  }
  await dropDraft(pkgFile);
  return { stale: true };
}

export async function saveDraft(pkgFile: string, draft: Draft): Promise<void> {
  await mkdir(path.dirname(draftPath(pkgFile)), { recursive: true });
  await writeFileAtomic(draftPath(pkgFile), JSON.stringify(draft) + '\n');
}

export async function dropDraft(pkgFile: string): Promise<void> {
  await rm(draftPath(pkgFile), { force: true });
}
