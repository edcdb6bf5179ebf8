#!/usr/bin/env node
/**
 * `push --datastore` benchmark against a real CKAN (issue 16): generates a Satu Data package with one
 * N-row CSV (default 100,000 rows; 8 columns: text key, text, date, integer, Indonesian decimal,
 * boolean, time, missing markers) and measures, each run in a fresh process with its peak RSS
 * (/usr/bin/time -f %M):
 *   1. `satudata validate` (the validation every push does first);
 *   2. `satudata push` without --datastore (dataset and file upload);
 *   3. `satudata push --datastore` (file unchanged: validation + the DataStore load only);
 *   4. `satudata push --datastore` again (unchanged: validation + one datastore_info read).
 * The load's rows/s = rows / (time 3 - time 1). Needs a running test CKAN with the DataStore:
 *
 *   bash test/ckan/install.sh && bash test/ckan/start.sh
 *   node scripts/bench-datastore.js --env test/ckan/.state/env.json [--rows 100000] [--batch-rows N] [--json]
 *   bash test/ckan/stop.sh
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('--rows', '100000'));
const BATCH = arg('--batch-rows', undefined);
const envFile = arg('--env', process.env.SATUDATA_CKAN_ENV ?? path.join(root, 'test', 'ckan', '.state', 'env.json'));
const env = JSON.parse(readFileSync(envFile, 'utf8'));

const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-bench-ds-'));
const base = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'datastore', 'retribusi', 'datapackage.json'), 'utf8'));
base.name = `bench-datastore-${Date.now().toString(36)}`;
base.sdi.organisasi = env.editor.org;
base.resources = [
  {
    name: 'transaksi',
    title: 'Transaksi retribusi',
    description: 'Satu baris per transaksi.',
    path: 'transaksi.csv',
    format: 'csv',
    mediatype: 'text/csv',
    encoding: 'utf-8',
    dialect: { delimiter: ';' },
    schema: {
      fields: [
        { name: 'id', title: 'ID', type: 'string' },
        { name: 'pasar', title: 'Pasar', type: 'string' },
        { name: 'tanggal', title: 'Tanggal', type: 'date', format: '%d/%m/%Y' },
        { name: 'kios', title: 'Nomor kios', type: 'integer', unit: 'kios' },
        { name: 'nilai_rp', title: 'Nilai', type: 'number', unit: 'rupiah', decimalChar: ',', groupChar: '.' },
        { name: 'lunas', title: 'Lunas', type: 'boolean', trueValues: ['ya'], falseValues: ['tidak'] },
        { name: 'jam', title: 'Jam', type: 'time' },
        { name: 'catatan', title: 'Catatan', type: 'string' },
      ],
      missingValues: ['', '-'],
      primaryKey: ['id'],
    },
  },
];
writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(base, null, 2));
const out = createWriteStream(path.join(dir, 'transaksi.csv'));
out.write('id;pasar;tanggal;kios;nilai_rp;lunas;jam;catatan\n');
const PASAR = ['Terong', 'Sentral', 'Daya', "Pa'baeng-baeng", 'Pannampu'];
for (let i = 1; i <= ROWS; i++) {
  const d = (i % 28) + 1;
  const m = (i % 12) + 1;
  const line = `T-${String(i).padStart(7, '0')};Pasar ${PASAR[i % 5]};${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/2024;${i % 400};${(i * 7919) % 1000}.${String(i % 1000).padStart(3, '0')},${String(i % 100).padStart(2, '0')};${i % 3 ? 'ya' : 'tidak'};${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00;${i % 10 ? '-' : 'diperiksa ulang'}\n`;
  if (!out.write(line)) await once(out, 'drain');
}
out.end();
await once(out, 'finish');

function runTimed(args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin', 'satudata.js'), ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SATUDATA_API_TOKEN: env.editor.token, SATUDATA_CONFIG_DIR: path.join(dir, '.uc'), SATUDATA_LANG: 'en', ...(BATCH ? { SATUDATA_DATASTORE_BATCH_ROWS: BATCH } : {}) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const lines = stderr.trim().split('\n');
      const rssMB = Number(lines.pop()) / 1024;
      if (code !== 0) reject(new Error(`satudata ${args.join(' ')} exited ${code}:\n${lines.slice(-20).join('\n')}`));
      else resolve({ seconds, rssMB, stdout });
    });
  });
}

const portal = ['--portal', env.url];
const validate = await runTimed(['validate', '.']);
const upload = await runTimed(['push', ...portal]);
const load = await runTimed(['push', ...portal, '--datastore', '--json']);
const again = await runTimed(['push', ...portal, '--datastore', '--json']);
const loaded = JSON.parse(load.stdout).resources[0].datastore;
const unchanged = JSON.parse(again.stdout).resources[0].datastore;
if (loaded.action !== 'created' || loaded.rows !== ROWS || unchanged.action !== 'unchanged') throw new Error(`unexpected outcome: ${JSON.stringify({ loaded, unchanged })}`);
const loadSeconds = load.seconds - validate.seconds;
const result = {
  rows: ROWS,
  csvMB: Number((readFileSync(path.join(dir, 'transaksi.csv')).length / 1e6).toFixed(1)),
  ckan: env.ckanVersion,
  validate: { seconds: +validate.seconds.toFixed(1), rssMB: Math.round(validate.rssMB) },
  pushUpload: { seconds: +upload.seconds.toFixed(1), rssMB: Math.round(upload.rssMB) },
  pushDatastore: { seconds: +load.seconds.toFixed(1), rssMB: Math.round(load.rssMB), loadSeconds: +loadSeconds.toFixed(1), rowsPerSecond: Math.round(ROWS / loadSeconds) },
  pushUnchanged: { seconds: +again.seconds.toFixed(1), rssMB: Math.round(again.rssMB) },
};
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`${ROWS} rows (${result.csvMB} MB CSV) into CKAN ${env.ckanVersion}'s DataStore`);
  console.log(`  validate                      ${result.validate.seconds} s, peak RSS ${result.validate.rssMB} MB`);
  console.log(`  push (file upload)            ${result.pushUpload.seconds} s, peak RSS ${result.pushUpload.rssMB} MB`);
  console.log(`  push --datastore (load)       ${result.pushDatastore.seconds} s, peak RSS ${result.pushDatastore.rssMB} MB: load ${result.pushDatastore.loadSeconds} s = ${result.pushDatastore.rowsPerSecond} rows/s`);
  console.log(`  push --datastore (unchanged)  ${result.pushUnchanged.seconds} s, peak RSS ${result.pushUnchanged.rssMB} MB`);
}
