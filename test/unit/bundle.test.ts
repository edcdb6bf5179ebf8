import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// bin/satudata.js runs dist/bundle/ (scripts/bundle.js; `npm test` builds first). A worker-thread module
// missing from the bundle would not fail loudly: the parallel reader falls back to one thread.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the bundle the binary runs', () => {
  it('bin/satudata.js runs dist/bundle/main.js', () => {
    expect(readFileSync(path.join(root, 'bin/satudata.js'), 'utf8')).toMatch(/from '\.\.\/dist\/bundle\/main\.js'/);
    expect(existsSync(path.join(root, 'dist/bundle/main.js'))).toBe(true);
  });

  it('every module loaded by a URL beside its importer (worker threads) is in dist/bundle/ under its own name', () => {
    const siblings = new Set<string>();
    for (const file of sources(path.join(root, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\('\.\/([\w-]+\.js)', import\.meta\.url\)/g)) siblings.add(m[1] ?? '');
    }
    expect([...siblings].sort()).toContain('worker.js');
    for (const name of siblings) expect(existsSync(path.join(root, 'dist/bundle', name)), `dist/bundle/${name}`).toBe(true);
  });

  it('URLs to package.json and templates/ resolve from the bundle as from dist/<area>/; code is never imported by URL', () => {
    for (const file of sources(path.join(root, 'src'))) {
      const rel = path.relative(path.join(root, 'src'), file);
      for (const m of readFileSync(file, 'utf8').matchAll(/new URL\(['`](\.\.\/[^'`]*)['`], import\.meta\.url\)/g)) {
        const target = m[1] ?? '';
        // A module is imported by a static specifier (the bundler follows it); a URL would point outside the bundle.
        expect(target.endsWith('.js'), `${rel}: import ${target} with import('…'), not by URL`).toBe(false);
        expect(rel.split(path.sep).length === 2 && target.startsWith('../../'), `${rel}: ${target} must be written from src/<area>/`).toBe(true);
      }
    }
  });
});
