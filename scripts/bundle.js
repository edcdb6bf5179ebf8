#!/usr/bin/env node
// Bundles the command line (dist/cli/main.js, compiled by tsc) and the worker-thread entries into
// dist/bundle/, which bin/satudata.js runs. Why: Node's ESM loader resolves, reads and links each module
// separately; ~110 own modules cost ~40 ms of every start-up (a 10-row `validate`: 0.18 s → 0.14 s).
// Lazy imports stay lazy (esbuild splits them into chunks). Packages stay external (node_modules is
// beside dist/; bundling them saved nothing and would duplicate their licences into the bundle).
// dist/bundle/ sits two folders deep like every dist/<area>/<module>.js, so the `new URL('../../…',
// import.meta.url)` paths to package.json and templates/ resolve the same from the bundle.
import { build } from 'esbuild';
import { readdirSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const out = path.join(dist, 'bundle');

/** Every module started as a worker thread (`new Worker(new URL('./x-worker.js', import.meta.url))`): an entry of its own, same name. */
function workerEntries(dir) {
  const found = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (p !== out) found.push(...workerEntries(p));
    } else if (/(^|-)worker\.js$/.test(e.name)) found.push(p);
  }
  return found;
}

const main = path.join(dist, 'cli', 'main.js');
if (!existsSync(main)) {
  console.error('bundle: run tsc first (dist/cli/main.js is missing)');
  process.exit(1);
}
const workers = workerEntries(dist);
const names = workers.map((w) => path.basename(w));
const clash = names.find((n, i) => names.indexOf(n) !== i || n === 'main.js');
if (clash) {
  console.error(`bundle: two entries would both be dist/bundle/${clash}; give the worker module a unique name`);
  process.exit(1);
}

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [main, ...workers],
  outdir: out,
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
  legalComments: 'none',
});
