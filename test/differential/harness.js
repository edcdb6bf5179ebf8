/**
 * The differential: write generated cases to a temporary folder, validate all of them with frictionless-py
 * 5.21 in ONE Python process (frictionless_driver.py) and with satudata in-process, and compare the
 * (rowNumber, fieldNumber, type) triples. Disagreements explained by allowlist.json are counted apart.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { generateCase } from './generate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ALLOWLIST = JSON.parse(readFileSync(path.join(here, 'allowlist.json'), 'utf8')).entries;

/** The Python of the cached frictionless-py venv (scripts/ensure-frictionless.sh), or undefined. */
export function frictionlessPython(env = process.env) {
  if (env.SATUDATA_FRICTIONLESS_PYTHON) return existsSync(env.SATUDATA_FRICTIONLESS_PYTHON) ? env.SATUDATA_FRICTIONLESS_PYTHON : undefined;
  const venv = env.SATUDATA_FRICTIONLESS_VENV ?? path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'satudata', 'frictionless-5.21');
  const py = path.join(venv, 'bin', 'python');
  // the marker is .satudata-ok-5.21.0-<checksum of scripts/frictionless-constraints.txt>
  const ok = existsSync(py) && existsSync(venv) && readdirSync(venv).some((f) => f.startsWith('.satudata-ok-5.21.0'));
  return ok ? py : undefined;
}

async function writeCase(dir, c) {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(c.files)) {
    const file = path.join(dir, name);
    if (content && typeof content === 'object' && 'xlsx' in content) {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Sheet1');
      content.xlsx.forEach((row, i) => row.forEach((v, j) => { if (v !== null) ws.getCell(i + 1, j + 1).value = v; }));
      await wb.xlsx.writeFile(file);
    } else writeFileSync(file, content);
  }
}

function runFrictionless(python, cases) {
  return new Promise((resolve, reject) => {
    const child = spawn(python, [path.join(here, 'frictionless_driver.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`frictionless driver exited ${code}: ${err.slice(-2000)}`));
      else resolve(JSON.parse(out));
    });
    child.stdin.end(JSON.stringify(cases.map((c) => ({ dir: c.dir, target: c.target, schema: c.schema ?? null }))));
  });
}

async function runSatudata(validate, c) {
  try {
    const report = await validate([c.target], { cwd: c.dir, schema: c.schema, limitErrors: 100000 });
    return [
      ...report.errors.map((e) => [null, null, e.type]),
      ...report.tasks.flatMap((t) => t.errors.map((e) => [e.rowNumber ?? null, e.fieldNumber ?? null, e.type])),
    ];
  } catch (e) {
    return { exception: String(e && e.message) };
  }
}

const key = (t) => JSON.stringify(t);

/** Triples only one side reports (multisets: order within the report is not compared). */
export function diffTriples(a, b) {
  const count = new Map();
  for (const t of b) count.set(key(t), (count.get(key(t)) ?? 0) + 1);
  const onlyA = [];
  for (const t of a) {
    const n = count.get(key(t)) ?? 0;
    if (n > 0) count.set(key(t), n - 1);
    else onlyA.push(t);
  }
  const onlyB = [];
  for (const [k, n] of count) for (let i = 0; i < n; i++) onlyB.push(JSON.parse(k));
  return { onlyA, onlyB };
}

/** Does a field descriptor match an allowlist entry's `field` ({type, format, has: [keys]})? */
function fieldMatches(field, want) {
  if (!want) return true;
  if (!field) return false;
  if (want.type && (field.type ?? 'string') !== want.type) return false;
  if (want.format && field.format !== want.format) return false;
  return (want.has ?? []).every((k) => k in field || (field.constraints && k in field.constraints));
}

/**
 * The allowlist entry explaining a triple only one side reports (or a crash of one side), if any. An
 * entry matches on the side, the error type, the case description (`caseMatches`, a regular
 * expression), the field at the triple's fieldNumber (`field`), an error type either side reports in the
 * case (`whenFrictionlessReports`, `whenSatudataReports`), or a crash message (`exception`).
 */
export function explain(c, side, triple, allowlist = ALLOWLIST) {
  return allowlist.find((e) => (e.side === side || e.side === 'either')
    && (!e.errorType || (triple && e.errorType === triple[2]))
    && (!e.exception || (!triple && c.crash && c.crash.includes(e.exception)))
    && (e.exception || triple)
    && (!e.caseMatches || new RegExp(e.caseMatches).test(c.desc))
    && (!e.whenFrictionlessReports || (c.frictionlessTypes ?? []).includes(e.whenFrictionlessReports))
    && (!e.whenSatudataReports || (c.satudataTypes ?? []).includes(e.whenSatudataReports))
    && (!e.field || (triple && fieldMatches(c.fields?.[(triple[1] ?? 0) - 1], e.field))));
}

/**
 * Run `n` cases from `seed` (seed, seed+1, ...). Returns per-case results and the totals; the case
 * folders are removed unless `keep` is set.
 */
export async function runDifferential({ n, seed, validate, python, keep = false, maxRows }) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'satudata-diff-'));
  const cases = [];
  for (let i = 0; i < n; i++) {
    const c = generateCase(seed + i, { maxRows });
    c.dir = path.join(root, c.id);
    await writeCase(c.dir, c);
    cases.push(c);
  }
  const t0 = performance.now();
  const fl = await runFrictionless(python, cases);
  const tFl = performance.now() - t0;
  const t1 = performance.now();
  const results = [];
  for (const c of cases) {
    const sd = await runSatudata(validate, c);
    const f = fl[c.dir];
    let status = 'agree';
    let detail;
    if (!Array.isArray(f) || !Array.isArray(sd)) {
      const side = !Array.isArray(f) ? 'frictionless' : 'satudata';
      const why = Array.isArray(f) && Array.isArray(sd) ? undefined : explain({ ...c, crash: (Array.isArray(f) ? sd : f).exception }, side, undefined);
      status = why && Array.isArray(sd) !== Array.isArray(f) ? 'allowed' : 'disagree';
      detail = { frictionless: f, satudata: sd, allowed: why ? [why.id] : [] };
    } else {
      const { onlyA: onlyFrictionless, onlyB: onlySatudata } = diffTriples(f, sd);
      if (onlyFrictionless.length || onlySatudata.length) {
        const cx = { ...c, frictionlessTypes: f.map((t) => t[2]), satudataTypes: sd.map((t) => t[2]) };
        const reasons = [...onlyFrictionless.map((t) => explain(cx, 'frictionless', t)), ...onlySatudata.map((t) => explain(cx, 'satudata', t))];
        status = reasons.every(Boolean) ? 'allowed' : 'disagree';
        detail = { onlyFrictionless, onlySatudata, allowed: [...new Set(reasons.filter(Boolean).map((e) => e.id))] };
      }
    }
    results.push({ id: c.id, seed: c.seed, desc: c.desc, dir: c.dir, status, detail });
  }
  const tSd = performance.now() - t1;
  if (!keep) rmSync(root, { recursive: true, force: true });
  const count = (s) => results.filter((r) => r.status === s).length;
  return { root, results, agree: count('agree'), allowed: count('allowed'), disagree: count('disagree'), seconds: { frictionless: tFl / 1000, satudata: tSd / 1000 } };
}
