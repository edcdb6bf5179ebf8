import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { normalizePackagePath, resolvePackagePath } from '../../src/package-path.js';

let root: string;
let pkg: string;
const posix = process.platform !== 'win32';

beforeAll(() => {
  root = realpathSync(mkdtempSync(path.join(tmpdir(), 'satudata-pkgpath-')));
  pkg = path.join(root, 'pkg');
  mkdirSync(path.join(pkg, 'data', 'sub'), { recursive: true });
  writeFileSync(path.join(pkg, 'data', 'b.csv'), 'id\n1\n');
  writeFileSync(path.join(pkg, 'data', 'sub', 'c.csv'), 'id\n2\n');
  writeFileSync(path.join(root, 'secret.json'), '{"token":"SECRET"}');
  mkdirSync(path.join(root, 'outside'));
  writeFileSync(path.join(root, 'outside', 'x.csv'), 'id\n3\n');
  if (posix) {
    // A file literally named `data\b.csv` that is a link to the secret: never what `data\b.csv` means.
    symlinkSync(path.join(root, 'secret.json'), path.join(pkg, 'data\\b.csv'));
    symlinkSync(path.join(root, 'secret.json'), path.join(pkg, 'link-out.json'));
    symlinkSync('/proc/self/environ', path.join(pkg, 'environ.csv'));
    symlinkSync(path.join(root, 'outside'), path.join(pkg, 'dir-out'));
    symlinkSync('data/b.csv', path.join(pkg, 'link-in.csv'));
    symlinkSync(path.join(root, 'nowhere.csv'), path.join(pkg, 'dangling.csv'));
    execFileSync('mkfifo', [path.join(pkg, 'fifo.csv')]);
  }
});

describe('normalizePackagePath', () => {
  it.each([
    ['data\\b.csv', 'data/b.csv'],
    ['./data//b.csv', 'data/b.csv'],
    ['.\\data\\sub\\c.csv', 'data/sub/c.csv'],
    ['b.csv', 'b.csv'],
  ])('%s → %s', (input, want) => expect(normalizePackagePath(input)).toBe(want));
});

describe('resolvePackagePath: refused by its text, on every OS', () => {
  it.each([
    ['/etc/passwd', /absolute/],
    ['\\etc\\passwd', /absolute/],
    ['C:\\Users\\x\\credentials.json', /absolute/],
    ['C:credentials.json', /absolute/],
    ['\\\\server\\share\\x.csv', /absolute/],
    ['//server/share/x.csv', /absolute/],
    ['../secret.json', /"\.\."/],
    ['data/../../secret.json', /"\.\."/],
    ['data\\..\\..\\secret.json', /"\.\."/],
    ['CON', /device/],
    ['data/nul.csv', /device/],
    ['data\\COM1', /device/],
    ['lpt1.txt', /device/],
    ['file:///etc/passwd', /scheme/],
    ['', /empty/],
    ['a\0b.csv', /NUL/],
  ])('%j', (p, reason) => {
    const v = resolvePackagePath(p, pkg);
    expect(v.ok).toBe(false);
    if (!v.ok && !v.remote) expect(v.reason).toMatch(reason);
  });

  it('answers in Indonesian when asked', () => {
    const v = resolvePackagePath('../x.csv', pkg, 'id');
    expect(!v.ok && !v.remote && v.reason).toMatch(/harus tetap di dalam folder paket/);
  });

  it('reports remote URLs as remote (fetched only with --allow-remote)', () => {
    expect(resolvePackagePath('https://example.invalid/x.csv', pkg)).toEqual({ ok: false, remote: true, url: 'https://example.invalid/x.csv' });
  });
});

describe('resolvePackagePath: resolved against the file system', () => {
  it.each([
    ['data/b.csv', 'data/b.csv'],
    ['data\\b.csv', 'data/b.csv'],
    ['./data\\sub/c.csv', 'data/sub/c.csv'],
  ])('%j is the regular file %s', (p, want) => {
    expect(resolvePackagePath(p, pkg)).toEqual({ ok: true, exists: true, absolute: path.join(pkg, want) });
  });

  it('a missing file is ok but marked missing (its reader reports it)', () => {
    expect(resolvePackagePath('data/none.csv', pkg)).toEqual({ ok: true, exists: false, absolute: path.join(pkg, 'data', 'none.csv') });
  });

  it('a folder where a file is expected is refused', () => {
    const v = resolvePackagePath('data', pkg);
    expect(!v.ok && !v.remote && v.reason).toMatch(/not a regular file/);
    expect(resolvePackagePath('.', pkg).ok).toBe(false);
  });

  it.runIf(posix).each([
    ['link-out.json', /symbolic link/],
    ['environ.csv', /symbolic link/],
    ['dir-out/x.csv', /symbolic link/],
    ['fifo.csv', /not a regular file/],
  ])('%j is refused', (p, reason) => {
    const v = resolvePackagePath(p, pkg);
    expect(v.ok).toBe(false);
    if (!v.ok && !v.remote) expect(v.reason).toMatch(reason);
  });

  it.runIf(posix)('a link that stays inside resolves to its real file', () => {
    expect(resolvePackagePath('link-in.csv', pkg)).toEqual({ ok: true, exists: true, absolute: path.join(pkg, 'data', 'b.csv') });
  });

  it.runIf(posix)('a dangling link is reported missing', () => {
    expect(resolvePackagePath('dangling.csv', pkg)).toMatchObject({ ok: true, exists: false });
  });

  it.runIf(posix)('a package folder reached through a link still works', () => {
    symlinkSync(pkg, path.join(root, 'pkg-link'));
    expect(resolvePackagePath('data/b.csv', path.join(root, 'pkg-link'))).toEqual({ ok: true, exists: true, absolute: path.join(pkg, 'data', 'b.csv') });
  });
});
