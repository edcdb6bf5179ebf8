#!/usr/bin/env node
// npm run differential -- --n N --seed S [--keep] [--rows R] [--allowed]
// Generates N cases from seed S, validates each with frictionless-py 5.21 (cached venv, see
// scripts/ensure-frictionless.sh) and with satudata (dist/), prints every disagreement with a short
// description of its case (--allowed: the allowlisted ones too; --keep: keeps the case folders), and exits 1 on any unexplained one (2 on usage errors).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate } from '../dist/index.js';
import { frictionlessPython, runDifferential } from '../test/differential/harness.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return def;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return v;
};
const n = opt('n', 200);
const seed = opt('seed', 1);
const maxRows = opt('rows', 8);
const keep = args.includes('--keep');

let python = frictionlessPython();
if (!python) {
  execFileSync('bash', [path.join(root, 'scripts/ensure-frictionless.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  python = frictionlessPython();
}
const started = performance.now();
const out = await runDifferential({ n, seed, validate, python, keep, maxRows });
for (const r of out.results) {
  if (r.status === 'agree' || (r.status === 'allowed' && !args.includes('--allowed'))) continue;
  console.log(`${r.status === 'allowed' ? 'allowed ' : 'DISAGREE'} seed ${r.seed}: ${r.desc}`);
  console.log(`   ${JSON.stringify(r.detail)}${keep ? `\n   case: ${r.dir}` : ''}`);
}
const byEntry = new Map();
for (const r of out.results) for (const id of r.detail?.allowed ?? []) byEntry.set(id, (byEntry.get(id) ?? 0) + 1);
if (byEntry.size) console.log(`allowlist use: ${[...byEntry].map(([id, k]) => `${id} ${k}`).join(', ')}`);
console.log(`${n} cases from seed ${seed}: ${out.agree} agree, ${out.allowed} allowed, ${out.disagree} disagree (frictionless ${out.seconds.frictionless.toFixed(1)} s, satudata ${out.seconds.satudata.toFixed(1)} s, total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exit(out.disagree ? 1 : 0);
