/**
 * The one resolver of paths written inside a data package (resource `path`, `schema`, `dialect`, and
 * any other path-valued property), shared by every command: validate, push, template, convert, ...
 * A repository is written by other people, so what a descriptor names is untrusted. The same things
 * are refused everywhere, on every OS:
 * - absolute paths (`/x`, `C:\x`, `C:x`, `\\server\share`) and `..` segments;
 * - backslashes are separators everywhere: `data\b.csv` is `data/b.csv` on Linux too (never a file
 *   literally named `data\b.csv`, which could be a symlink to anything);
 * - symbolic links (of the file or of a folder on the way) that lead outside the package folder;
 * - anything that is not a regular file: FIFOs, sockets, devices, folders, Windows device names.
 * An existing file resolves to its real path (symlinks followed once, here), so the reader and the
 * uploader open the very file that was checked.
 */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { m } from './i18n.js';

export type PathVerdict =
  | { ok: true; absolute: string; exists: boolean }
  | { ok: false; remote: true; url: string }
  | { ok: false; remote: false; reason: string };

type Lang = 'id' | 'en';

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

const say = {
  scheme: m('package-path.say.scheme'),
  empty: m('package-path.say.empty'),
  nul: m('package-path.say.nul'),
  absolute: m('package-path.say.absolute'),
  dotdot: m('package-path.say.dotdot'),
  device: m('package-path.say.device'),
  symlink: m('package-path.say.symlink'),
  special: m('package-path.say.special'),
} as const;

/** `data\b.csv` → `data/b.csv`; `./a//b` → `a/b`. The form used to compare and to show paths. */
export function normalizePackagePath(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
}

function refuse(p: string, what: keyof typeof say, lang: Lang): PathVerdict {
  const shown = p.replace(/\0/g, '\\0');
  const text = say[what][lang];
  return { ok: false, remote: false, reason: what === 'empty' ? text : `path "${shown}" ${text}` };
}

/**
 * Check and resolve `p`, a path from a descriptor in `baseDir`. Remote URLs are reported as such
 * (fetched only with --allow-remote). A file that does not exist is `ok` with `exists: false` (its
 * reader reports it as missing); an existing one must be a regular file inside the package.
 */
export function resolvePackagePath(p: string, baseDir: string, lang: Lang = 'en'): PathVerdict {
  if (/^https?:\/\//i.test(p)) return { ok: false, remote: true, url: p };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return refuse(p, 'scheme', lang);
  if (p === '') return refuse(p, 'empty', lang);
  if (p.includes('\0')) return refuse(p, 'nul', lang);
  const slashed = p.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed)) return refuse(p, 'absolute', lang);
  const segments = slashed.split('/');
  if (segments.some((seg) => seg === '..')) return refuse(p, 'dotdot', lang);
  if (segments.some((seg) => WINDOWS_DEVICE.test(seg.replace(/[. ]+$/, '')))) return refuse(p, 'device', lang);
  const lexical = path.resolve(baseDir, ...segments.filter((s) => s !== '' && s !== '.'));
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    // Missing (or a dangling link): the reader reports it; nothing is read from it.
    return { ok: true, absolute: lexical, exists: false };
  }
  let realBase: string;
  try {
    realBase = realpathSync(baseDir);
  } catch {
    realBase = path.resolve(baseDir);
  }
  const rel = path.relative(realBase, real);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return refuse(p, rel === '' ? 'special' : 'symlink', lang);
  try {
    if (!statSync(real).isFile()) return refuse(p, 'special', lang);
  } catch {
    return { ok: true, absolute: lexical, exists: false };
  }
  return { ok: true, absolute: real, exists: true };
}
