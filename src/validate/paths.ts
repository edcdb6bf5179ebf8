import { realpathSync } from 'node:fs';
import path from 'node:path';

export type PathVerdict =
  | { ok: true; absolute: string }
  | { ok: false; remote: true; url: string }
  | { ok: false; remote: false; reason: string };

/**
 * Check a resource/schema/dialect path from a descriptor. Data Package paths must be relative and stay
 * inside the package folder: absolute paths (`/x`, `C:\x`, `\\server\share`), `..` segments (with `/` or
 * `\`) and symlinks that lead outside are refused. Remote URLs are reported as such (fetched only with
 * --allow-remote).
 */
export function checkDescriptorPath(p: string, baseDir: string): PathVerdict {
  if (/^https?:\/\//i.test(p)) return { ok: false, remote: true, url: p };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) return { ok: false, remote: false, reason: `path "${p}" uses an unsupported scheme` };
  if (p === '') return { ok: false, remote: false, reason: 'path is empty' };
  if (p.includes('\0')) return { ok: false, remote: false, reason: `path "${p.replace(/\0/g, '\\0')}" contains a NUL byte` };
  if (p.startsWith('/') || p.startsWith('\\') || /^[a-zA-Z]:/.test(p)) {
    return { ok: false, remote: false, reason: `path "${p}" is absolute: data package paths must be relative to the package folder` };
  }
  if (p.split(/[\\/]/).some((seg) => seg === '..')) {
    return { ok: false, remote: false, reason: `path "${p}" contains "..": data package paths must stay inside the package folder` };
  }
  const absolute = path.resolve(baseDir, p.replace(/\\/g, '/'));
  try {
    const realBase = realpathSync(baseDir);
    const real = realpathSync(absolute);
    const rel = path.relative(realBase, real);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      return { ok: false, remote: false, reason: `path "${p}" leads outside the package folder through a symbolic link` };
    }
  } catch {
    // The file does not exist: the reader reports that as a scheme-error.
  }
  return { ok: true, absolute };
}
