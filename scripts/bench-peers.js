/**
 * The peers `npm run bench` compares satudata with, each run in a fresh process on the same files:
 * - frictionless-py 5.21 (validate), from a cached virtual environment outside the repository
 *   (`SATUDATA_FRICTIONLESS_VENV`, default ${XDG_CACHE_HOME:-~/.cache}/satudata/frictionless-5.21);
 *   installed there once from PyPI when missing, unless `--no-install`;
 * - tableschema-js (the old official JS library; `Table.iter` with casting, unique and primary keys), CSV only;
 * - exceljs's streaming reader (`ExcelJS.stream.xlsx.WorkbookReader`), reading the XLSX with no validation.
 * A peer that cannot run is skipped with its reason; it never fails the bench.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const FRICTIONLESS_VERSION = '5.21.0';

/** Run `cmd args` and read the `BENCH {...}` line its wrapper prints to stderr at the end. */
export function timed(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...opts });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const m = /BENCH (.*)/.exec(err);
      if (!m) return reject(new Error(`exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
      resolve({ seconds, ...JSON.parse(m[1]) });
    });
  });
}

function venvDir() {
  return process.env.SATUDATA_FRICTIONLESS_VENV || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'satudata', 'frictionless-5.21');
}

function frictionlessVersion(py) {
  try {
    return execFileSync(py, ['-c', 'import frictionless, openpyxl; print(frictionless.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

/** The venv's python with frictionless-py 5.21, installing it when allowed; or a reason it is not there. */
export function frictionlessPython({ root, install, log }) {
  const venv = venvDir();
  const py = path.join(venv, 'bin', 'python');
  if (existsSync(py) && frictionlessVersion(py) === FRICTIONLESS_VERSION) return { py };
  if (!install) return { skipped: `frictionless-py ${FRICTIONLESS_VERSION} is not installed in ${venv} (run without --no-install to install it there)` };
  try {
    // The differential test's installer (pinned dependencies) when this checkout has it.
    const ensure = path.join(root, 'scripts', 'ensure-frictionless.sh');
    if (existsSync(ensure)) {
      const got = execFileSync('bash', [ensure], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim().split('\n').pop();
      if (got && frictionlessVersion(got) === FRICTIONLESS_VERSION) return { py: got };
    } else {
      log(`installing frictionless[excel]==${FRICTIONLESS_VERSION} into ${venv} (one-time) …`);
      mkdirSync(path.dirname(venv), { recursive: true });
      execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 'ignore', 'inherit'] });
      execFileSync(py, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', `frictionless[excel]==${FRICTIONLESS_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (frictionlessVersion(py) === FRICTIONLESS_VERSION) return { py };
    }
  } catch (e) {
    return { skipped: `frictionless-py ${FRICTIONLESS_VERSION} could not be installed into ${venv}: ${String(e.message).split('\n')[0]}` };
  }
  return { skipped: `frictionless-py ${FRICTIONLESS_VERSION} could not be installed into ${venv}` };
}

const FRICTIONLESS_WRAPPER = `
import json, resource, sys
import frictionless
report = frictionless.validate(sys.argv[1])
rows = sum(task.stats.get('rows') or 0 for task in report.tasks)
sys.stderr.write('BENCH ' + json.dumps({'valid': report.valid, 'rows': rows, 'maxRssKiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}) + '\\n')
`;

export async function runFrictionless(py, descriptor) {
  const r = await timed(py, ['-c', FRICTIONLESS_WRAPPER, descriptor]);
  return { ...r, note: r.valid ? 'valid' : 'reported errors' };
}

const TABLESCHEMA_WRAPPER = `
const { createRequire } = await import('node:module');
const { readFileSync } = await import('node:fs');
const [root, csv, schemaFile] = process.argv.slice(1);
const { Table } = createRequire(root + '/package.json')('tableschema');
const table = await Table.load(csv, { schema: JSON.parse(readFileSync(schemaFile, 'utf8')) });
const it = await table.iter({ forceCast: true });
let rows = 0, errors = 0;
for await (const row of it) { rows++; if (row instanceof Error) errors++; }
process.stderr.write('BENCH ' + JSON.stringify({ rows, errors, maxRssKiB: process.resourceUsage().maxRSS }) + '\\n');
`;

export function tableschemaAvailable(root) {
  try {
    createRequire(path.join(root, 'package.json')).resolve('tableschema');
    return {};
  } catch {
    return { skipped: 'tableschema-js is not installed (npm install, it is a devDependency)' };
  }
}

export async function runTableschema(root, csv, schema, dir) {
  const schemaFile = path.join(dir, 'tableschema-schema.json');
  writeFileSync(schemaFile, JSON.stringify(schema));
  const r = await timed(process.execPath, ['--input-type=module', '-e', TABLESCHEMA_WRAPPER, root, csv, schemaFile]);
  return { ...r, note: r.errors ? `${r.errors} row errors` : 'valid' };
}

const EXCELJS_WRAPPER = `
const { createRequire } = await import('node:module');
const [root, file] = process.argv.slice(1);
const ExcelJS = createRequire(root + '/package.json')('exceljs');
const wb = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
let rows = 0;
wb.on('worksheet', (ws) => ws.on('row', () => rows++));
wb.on('end', () => { const u = process.resourceUsage(); process.stderr.write('BENCH ' + JSON.stringify({ rows, maxRssKiB: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n'); });
wb.read();
`;

export async function runExceljs(root, xlsx) {
  const r = await timed(process.execPath, ['--input-type=module', '-e', EXCELJS_WRAPPER, root, xlsx]);
  return { ...r, note: 'reads only, no validation' };
}
