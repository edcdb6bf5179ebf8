#!/usr/bin/env node
/**
 * satudata benchmark: generates a 1,000,000-row, 11-column CSV (integers, numbers, dates, enums, free text
 * with quotes and commas; a unique id and a composite primary key) with its Table Schema, and a
 * 100,000-row XLSX, then runs `satudata validate` on each in a fresh process and prints rows/s and the
 * peak RSS of that whole process; then the peers (scripts/bench-peers.js: frictionless-py 5.21,
 * tableschema-js, exceljs's streaming reader) on the same files, each with satudata's speed ratio.
 *
 *   npm run bench                       # full size, with the peers
 *   node scripts/bench.js --rows 20000 --xlsx-rows 5000 --json   # small (used by the test suite)
 *   --no-peers      satudata only
 *   --no-install    do not install frictionless-py into its cache when it is missing (skip it)
 *   --runs N        runs of satudata and of exceljs's reader (default 3; the median run is shown, as the
 *                   machine may be shared); frictionless-py and tableschema-js, 5-30x slower, run once
 *   --generate-only write the CSV and XLSX packages into --dir and stop (for `/usr/bin/time -v` runs)
 *   --no-keys       the CSV's schema without the unique id and the primary key
 *   --startup-runs N   runs of the start-up measure (default 10): `satudata validate` of a 10-row CSV
 *                   package through bin/satudata.js in a fresh process, median and best wall time
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { frictionlessPython, runExceljs, runFrictionless, runTableschema, tableschemaAvailable } from './bench-peers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('--rows', '1000000'));
const XLSX_ROWS = Number(arg('--xlsx-rows', '100000'));
const JSON_OUT = process.argv.includes('--json');
const PEERS = !process.argv.includes('--no-peers');
const INSTALL = !process.argv.includes('--no-install');
const RUNS = Math.max(1, Number(arg('--runs', '3')));
const STARTUP_RUNS = Math.max(1, Number(arg('--startup-runs', '10')));
const GENERATE_ONLY = process.argv.includes('--generate-only');
const NO_KEYS = process.argv.includes('--no-keys');

/** The run of median time out of `n` (each a fresh process). */
async function median(n, once) {
  const runs = [];
  for (let i = 0; i < n; i++) runs.push(await once());
  runs.sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor((runs.length - 1) / 2)];
}
const dir = path.resolve(arg('--dir', path.join(os.tmpdir(), 'satudata-bench')));
mkdirSync(dir, { recursive: true });
const log = (s) => process.stderr.write(s + '\n');

const KEC = ['73.71.01', '73.71.02', '73.71.03', '73.71.04', '73.71.05', '73.71.06', '73.71.07', '73.71.08', '73.71.09', '73.71.10', '73.71.11', '73.71.12', '73.71.13', '73.71.14', '73.71.15'];
const KAT = ['kebakaran', 'banjir', 'angin puting beliung', 'tanah longsor', 'lainnya'];
const TEXT = ['Rumah warga, dapur', 'Ruko "Sinar Jaya", lantai 2', 'Gudang, kosong', 'Kios pasar', 'Lahan kosong, ilalang', 'Kantor "Camat", arsip'];

// A deterministic generator (no Math.random, so runs are comparable).
let seed = 7371;
const rnd = (n) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);

function rowValues(i) {
  const month = 1 + rnd(12);
  const day = 1 + rnd(28);
  return [
    i, // id (unique)
    KEC[i % 15], // kode_kecamatan (enum, PK part 1)
    Math.floor(i / 15), // nomor (PK part 2)
    `2024-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, // tanggal
    KAT[rnd(5)], // kategori (enum)
    rnd(100000), // jumlah (integer, min 0)
    (rnd(1000000) / 100).toFixed(2), // nilai (number)
    (rnd(10000) / 100).toFixed(1), // persen (number 0..100)
    TEXT[rnd(6)], // keterangan (free text with quotes and commas)
    rnd(2) ? 'true' : 'false', // terverifikasi (boolean)
    2000 + rnd(25), // tahun (year)
  ];
}

const schema = {
  fields: [
    { name: 'id', type: 'integer', constraints: { required: true, unique: true } },
    { name: 'kode_kecamatan', type: 'string', constraints: { required: true, enum: KEC } },
    { name: 'nomor', type: 'integer', constraints: { required: true, minimum: 0 } },
    { name: 'tanggal', type: 'date', constraints: { minimum: '2024-01-01', maximum: '2024-12-31' } },
    { name: 'kategori', type: 'string', constraints: { enum: KAT } },
    { name: 'jumlah', type: 'integer', constraints: { minimum: 0 } },
    { name: 'nilai', type: 'number' },
    { name: 'persen', type: 'number', constraints: { minimum: 0, maximum: 100 } },
    { name: 'keterangan', type: 'string', constraints: { maxLength: 200 } },
    { name: 'terverifikasi', type: 'boolean' },
    { name: 'tahun', type: 'year' },
  ],
  primaryKey: ['kode_kecamatan', 'nomor'],
};
if (NO_KEYS) {
  delete schema.primaryKey;
  schema.fields[0].constraints = { required: true };
}

const quote = (v) => (typeof v === 'string' && /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v));

async function makeCsv(file, rows) {
  const out = createWriteStream(file);
  out.write(schema.fields.map((f) => f.name).join(',') + '\n');
  let buf = '';
  for (let i = 1; i <= rows; i++) {
    buf += rowValues(i).map(quote).join(',') + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}

async function makeXlsx(file, rows) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const ws = wb.addWorksheet('Data');
  ws.addRow(schema.fields.map((f) => f.name)).commit();
  for (let i = 1; i <= rows; i++) {
    const v = rowValues(i);
    v[3] = new Date(`${v[3]}T00:00:00Z`);
    v[6] = Number(v[6]);
    v[7] = Number(v[7]);
    v[9] = v[9] === 'true';
    const row = ws.addRow(v);
    row.getCell(4).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function writePackage(folder, dataFile, format) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'datapackage.json'),
    JSON.stringify({ name: `bench-${format}`, resources: [{ name: 'bench', path: path.basename(dataFile), format, schema }] }, null, 2),
  );
}

/**
 * Run the CLI in a fresh process; the child reports its own peak RSS at exit: the whole process, its
 * worker threads included (threads share the process), and its CPU time (user + system, all threads).
 * `threads` 1 forces the single-threaded reader (SATUDATA_THREADS).
 */
function runValidate(target, threads) {
  const wrapper = `
    const { run } = await import(${JSON.stringify(path.join(root, 'dist/bundle/main.js'))});
    const out = { write() {}, isTTY: false };
    const code = await run(['validate', ${JSON.stringify(target)}, '--json', '-o', ${JSON.stringify(path.join(dir, 'report.json'))}], { stdout: out, stderr: out });
    const u = process.resourceUsage();
    process.stderr.write('BENCH ' + JSON.stringify({ code, maxRssKiB: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n');
  `;
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const env = threads ? { ...process.env, SATUDATA_THREADS: String(threads) } : process.env;
    const child = spawn(process.execPath, ['--input-type=module', '-e', wrapper], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const m = /BENCH (.*)/.exec(err);
      if (!m) return reject(new Error(`validate did not finish: ${err}`));
      resolve({ seconds, ...JSON.parse(m[1]) });
    });
  });
}

async function main() {
  const csvDir = path.join(dir, 'csv');
  const xlsxDir = path.join(dir, 'xlsx');
  mkdirSync(csvDir, { recursive: true });
  mkdirSync(xlsxDir, { recursive: true });
  const csv = path.join(csvDir, 'bench.csv');
  const xlsx = path.join(xlsxDir, 'bench.xlsx');
  log(`generating ${ROWS.toLocaleString('en-US')}-row CSV and ${XLSX_ROWS.toLocaleString('en-US')}-row XLSX in ${dir} …`);
  await makeCsv(csv, ROWS);
  writePackage(csvDir, csv, 'csv');
  await makeXlsx(xlsx, XLSX_ROWS);
  writePackage(xlsxDir, xlsx, 'xlsx');
  if (GENERATE_ONLY) return;

  const results = [];
  for (const [kind, folder, file, rows, threads] of [
    ['csv', csvDir, csv, ROWS, undefined],
    ['csv', csvDir, csv, ROWS, 1],
    ['xlsx', xlsxDir, xlsx, XLSX_ROWS, undefined],
    ['xlsx', xlsxDir, xlsx, XLSX_ROWS, 1],
  ]) {
    log(`validating ${kind}${threads ? ` on ${threads} thread` : ''} …`);
    const loadAverage = Number(os.loadavg()[0].toFixed(2));
    const r = await median(RUNS, () => runValidate(folder, threads));
    results.push({
      kind,
      program: threads === 1 ? 'satudata validate (one thread)' : 'satudata validate',
      loadAverage,
      cpuSeconds: Number(r.cpuSeconds.toFixed(2)),
      rows,
      bytes: statSync(file).size,
      seconds: Number(r.seconds.toFixed(2)),
      rowsPerSecond: Math.round(rows / r.seconds),
      peakRssMiB: Math.round(r.maxRssKiB / 1024),
      cpuSeconds: Number(r.cpuSeconds.toFixed(2)),
      exitCode: r.code,
    });
  }
  const startup = await measureStartup(path.join(dir, 'startup'));
  const peers = PEERS ? await runPeers({ csv, csvDir, xlsx, xlsxDir, results }) : [];
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` };
  if (JSON_OUT) {
    process.stdout.write(JSON.stringify({ machine, runs: RUNS, results, peers, startup }, null, 2) + '\n');
    return;
  }
  console.log(`machine: ${machine.cpus} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}; satudata and exceljs: median of ${RUNS} runs; load average (1 min) before each satudata run in its row`);
  console.log('| table | program | rows | size | time | CPU time | rows/s | peak RSS | satudata ÷ peer | exit |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const r of results) {
    console.log(`| ${r.kind} | ${r.program} (load ${r.loadAverage}) | ${r.rows.toLocaleString('en-US')} | ${(r.bytes / 2 ** 20).toFixed(1)} MiB | ${r.seconds} s | ${r.cpuSeconds} s | ${r.rowsPerSecond.toLocaleString('en-US')} | ${r.peakRssMiB} MiB | | ${r.exitCode} |`);
    if (r.program !== 'satudata validate') continue;
    for (const p of peers.filter((x) => x.kind === r.kind)) {
      if (p.skipped) console.log(`| ${r.kind} | ${p.peer} | | | | | | | | skipped: ${p.skipped} |`);
      else console.log(`| ${r.kind} | ${p.peer} | ${p.rows.toLocaleString('en-US')} | | ${p.seconds} s | | ${p.rowsPerSecond.toLocaleString('en-US')} | ${p.peakRssMiB} MiB | ${p.ratio}× | ${p.note} |`);
    }
  }
  const exceljs = peers.find((p) => p.kind === 'xlsx' && p.peer.startsWith('exceljs') && !p.skipped);
  if (exceljs) {
    const ours = results.find((r) => r.kind === 'xlsx');
    console.log(`\nXLSX: satudata validate is ${exceljs.ratio}× exceljs's streaming reader by wall time, ${exceljs.cpuRatio}× by CPU time (${ours.cpuSeconds} s vs ${exceljs.cpuSeconds} s, all threads; steadier on a shared machine); target of issue #18: ≥ 3×`);
  }
  console.log(`start-up: satudata validate of a ${startup.rows}-row CSV package, fresh process: median ${startup.medianSeconds} s, best ${startup.bestSeconds} s of ${startup.runs} runs`);
}

/** Start-up: `satudata validate` of a 10-row CSV package through the real bin, in a fresh process each run. */
async function measureStartup(folder) {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'bench.csv');
  await makeCsv(file, 10);
  writePackage(folder, file, 'csv');
  log(`start-up: ${STARTUP_RUNS} runs of satudata validate on a 10-row CSV package …`);
  const times = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const started = process.hrtime.bigint();
    const code = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'bin', 'satudata.js'), 'validate', folder, '--json'], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`satudata validate of the 10-row package exited ${code}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  const round = (x) => Number(x.toFixed(3));
  return { rows: 10, runs: STARTUP_RUNS, medianSeconds: round(times[Math.floor((times.length - 1) / 2)]), bestSeconds: round(times[0]) };
}

/** Each peer on the same files, in a fresh process; a peer that cannot run is listed as skipped. */
async function runPeers({ csv, csvDir, xlsx, xlsxDir, results }) {
  const fl = frictionlessPython({ root, install: INSTALL, log });
  const ts = tableschemaAvailable(root);
  const jobs = [
    ['csv', 'frictionless-py 5.21 (validate)', fl.skipped, () => runFrictionless(fl.py, path.join(csvDir, 'datapackage.json'))],
    ['csv', 'tableschema-js 1.12 (Table.iter, cast + keys)', ts.skipped, () => runTableschema(root, csv, schema, dir)],
    ['xlsx', 'frictionless-py 5.21 (validate)', fl.skipped, () => runFrictionless(fl.py, path.join(xlsxDir, 'datapackage.json'))],
    ['xlsx', 'exceljs 4 streaming reader (read only)', undefined, () => median(RUNS, () => runExceljs(root, xlsx))],
  ];
  const peers = [];
  for (const [kind, peer, skipped, run] of jobs) {
    if (skipped) {
      log(`${kind}: ${peer} skipped: ${skipped}`);
      peers.push({ kind, peer, skipped });
      continue;
    }
    log(`${kind}: ${peer} …`);
    try {
      const r = await run();
      const ours = results.find((x) => x.kind === kind && x.program === 'satudata validate');
      const rowsPerSecond = Math.round(ours.rows / r.seconds);
      peers.push({
        kind,
        peer,
        rows: r.rows,
        seconds: Number(r.seconds.toFixed(2)),
        rowsPerSecond,
        peakRssMiB: Math.round(r.maxRssKiB / 1024),
        ratio: Number((ours.rowsPerSecond / rowsPerSecond).toFixed(1)),
        ...(r.cpuSeconds !== undefined ? { cpuSeconds: Number(r.cpuSeconds.toFixed(2)), cpuRatio: Number((r.cpuSeconds / ours.cpuSeconds).toFixed(1)) } : {}),
        note: r.note,
      });
    } catch (e) {
      const reason = `failed: ${String(e.message).split('\n')[0]}`;
      log(`${kind}: ${peer} ${reason}`);
      peers.push({ kind, peer, skipped: reason });
    }
  }
  return peers;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
