import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, runCli } from '../helpers/cli.js';
// The built library: the worker threads run dist/validate/parallel/worker.js (npm test builds first).
import { validate } from '../../dist/index.js';
import { parallelRuns } from '../../dist/validate/parallel/index.js';
import { warmForValidate } from '../../dist/validate/warm-guess.js';
import { warmThreads, warmWaiting } from '../../dist/warm-threads.js';
import { ROW_THREAD } from '../../dist/validate/parallel/eligible.js';
// @ts-expect-error no type declarations for the .js generator
import { generateCase } from '../differential/generate.js';

/**
 * The CSV rows checked on all cores must give the report of the single-threaded reader, byte for byte
 * (seconds aside). The parallel path is forced on small files (SATUDATA_PARALLEL_MIN_BYTES=0) with tiny
 * chunks, so every file is cut at many places: after almost every line, inside quoted cells, around
 * duplicate keys, blank rows and the error limit.
 */
type Report = { stats: { seconds: number }; tasks: { stats: { seconds: number } }[] };
const ENV = ['SATUDATA_THREADS', 'SATUDATA_PARALLEL_MIN_BYTES', 'SATUDATA_PARALLEL_CHUNK_BYTES'] as const;
const saved = ENV.map((k) => process.env[k]);
afterAll(() => ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i]))));

async function report(parallel: boolean | number, target: string, cwd: string, opts: Record<string, unknown>, chunk: number): Promise<string> {
  process.env.SATUDATA_THREADS = typeof parallel === 'number' ? String(parallel) : parallel ? '2' : '1';
  process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
  process.env.SATUDATA_PARALLEL_CHUNK_BYTES = String(chunk);
  const r = (await validate([target], { cwd, ...opts })) as Report;
  r.stats.seconds = 0;
  for (const t of r.tasks) t.stats.seconds = 0;
  return JSON.stringify(r, null, 2);
}

async function both(target: string, cwd: string, opts: Record<string, unknown> = {}, chunk = 24): Promise<void> {
  const one = await report(false, target, cwd, opts, chunk);
  const many = await report(true, target, cwd, opts, chunk);
  expect(many).toBe(one);
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-parallel-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CSV rows on all cores: the same report as on one thread', () => {
  it('differential corpus: 80 generated CSV cases, limits 100000 and 3 errors, chunks of 24 and 200 bytes', async () => {
    const before = { ...parallelRuns };
    let cases = 0;
    for (let seed = 1; cases < 80; seed++) {
      const c = generateCase(seed, { maxRows: 40 });
      if (Object.values(c.files).some((f) => f && typeof f === 'object' && 'xlsx' in f)) continue; // xlsx: one thread anyway
      const caseDir = path.join(dir, c.id);
      mkdirSync(caseDir, { recursive: true });
      for (const [name, content] of Object.entries(c.files)) writeFileSync(path.join(caseDir, name), content as string | Buffer);
      const opts = c.schema ? { schema: c.schema } : {};
      await both(c.target, caseDir, { ...opts, limitErrors: 100000 }, 24);
      await both(c.target, caseDir, { ...opts, limitErrors: 3 }, 200);
      cases++;
    }
    // The parallel path really ran (not only its fallback to one thread).
    const ran = parallelRuns.started - before.started - (parallelRuns.fellBack - before.fellBack);
    expect(ran).toBeGreaterThan(120);
  }, 240_000);

  it('conformance fixtures (real agency files and hand-made cases)', async () => {
    const conf = path.join(ROOT, 'test/fixtures/conformance');
    const expected = JSON.parse(readFileSync(path.join(conf, 'expected.json'), 'utf8')) as { expected: Record<string, unknown> };
    const before = parallelRuns.started;
    for (const target of Object.keys(expected.expected)) {
      const cwd = path.join(conf, path.dirname(target));
      await both(path.basename(target), cwd, { limitErrors: 100000 }, 64);
      await both(path.basename(target), cwd, {}, 4096);
    }
    expect(parallelRuns.started - before).toBeGreaterThan(10);
  }, 240_000);

  it('quoted line breaks, CRLF, a BOM, empty lines and keys repeated across chunks', async () => {
    const rows = ['id,kode,teks'];
    for (let i = 1; i <= 300; i++) {
      const teks = i % 7 === 0 ? `"baris\r\n""${i}"", dengan koma"` : i % 11 === 0 ? '' : `teks ${i}`;
      rows.push(`${i % 97 === 0 ? 5 : i},${i % 13 === 0 ? '' : `K${i % 50}`},${teks}`);
      if (i % 37 === 0) rows.push('');
    }
    writeFileSync(path.join(dir, 'keys.csv'), '\uFEFF' + rows.join('\r\n') + '\r\n');
    const schema = {
      fields: [
        { name: 'id', type: 'integer', constraints: { unique: true } },
        { name: 'kode', type: 'string' },
        { name: 'teks', type: 'string', constraints: { maxLength: 12 } },
      ],
      primaryKey: ['kode'],
      uniqueKeys: [['kode', 'teks']],
      foreignKeys: [{ fields: ['id'], reference: { resource: '', fields: ['id'] } }],
    };
    writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'p', resources: [{ name: 'keys', path: 'keys.csv', schema }] }));
    const before = { ...parallelRuns };
    for (const chunk of [1, 16, 100, 1000]) {
      for (const limitErrors of [100000, 1, 7, 40]) await both('datapackage.json', dir, { limitErrors }, chunk);
    }
    expect(parallelRuns.started - before.started).toBe(16);
    expect(parallelRuns.fellBack - before.fellBack).toBe(0);
  }, 120_000);

  it('number keys (ids ascending, then back, repeats, -0, fractions, huge ids): every duplicate found, on one thread and on two', async () => {
    // ids: ascending with gaps; then a run back down (into the slots); repeats of both kinds; the same
    // numbers spelt differently (007, -0 / 0, 2.50 / 2.5); ids beyond 2^53 (bigints, keyed by text)
    const ids = ['1', '2', '3', '10', '5', '11', '5', '3', '007', '12', '-0', '0', '13', '2.5', '2.50', '14', '9007199254740993', '9007199254740993', '15', '4', '4', '100', '99', '98', '99', '101', '1'];
    const body = ['id,pk', ...ids.map((id, i) => `${id},${id.includes('.') ? 1000 + i : id}`)].join('\n') + '\n';
    writeFileSync(path.join(dir, 'nums.csv'), body);
    const schema = { fields: [{ name: 'id', type: 'number', constraints: { unique: true } }, { name: 'pk', type: 'integer' }], primaryKey: ['pk'] };
    writeFileSync(path.join(dir, 'nums.schema.json'), JSON.stringify(schema));
    // the model: a Map of each logical number (bigints by text) to its latest row
    const expected: string[] = [];
    const latest = new Map<string, number>();
    ids.forEach((id, i) => {
      const key = /^\d{16,}$/.test(id) ? id : String(Number(id) === 0 ? 0 : Number(id));
      const row = i + 2;
      const prev = latest.get(key);
      if (prev !== undefined) expected.push(`${row}: ${prev}`);
      latest.set(key, row);
    });
    for (const chunk of [1, 30, 1000]) {
      await both('nums.csv', dir, { schema: 'nums.schema.json' }, chunk);
      const r = JSON.parse(await report(true, 'nums.csv', dir, { schema: 'nums.schema.json' }, chunk)) as { tasks: { errors: { type: string; rowNumber: number; note: string }[] }[] };
      const unique = (r.tasks[0]?.errors ?? []).filter((e) => e.type === 'unique-error').map((e) => `${e.rowNumber}: ${/position (\d+)/.exec(e.note)?.[1]}`);
      expect(unique).toEqual(expected);
      const pk = (r.tasks[0]?.errors ?? []).filter((e) => e.type === 'primary-key').map((e) => e.rowNumber);
      expect(pk).toEqual(expected.map((x) => Number(x.split(':')[0])).filter((row) => !ids[row - 2]?.includes('.')));
    }
    expect(expected.length).toBe(8);
  });

  it('composite keys ending in a number (code, sequence): every duplicate found, on one thread and on two', async () => {
    // codes cycle, sequences ascend per code; then repeats, a jump back, an empty code, a text sequence
    const lines = ['kode,nomor'];
    const keys: [string, string][] = [];
    for (let i = 0; i < 120; i++) keys.push([`K${i % 7}`, String(Math.floor(i / 7))]);
    keys.push(['K3', '2'], ['K0', '16'], ['K6', '0'], ['', '5'], ['', '5'], ['K1', '1.0'], ['K9', '3'], ['K9', '1'], ['K9', '3']);
    for (const [k, n] of keys) lines.push(`${k},${n}`);
    writeFileSync(path.join(dir, 'comp.csv'), lines.join('\n') + '\n');
    const schema = { fields: [{ name: 'kode', type: 'string' }, { name: 'nomor', type: 'number' }], primaryKey: ['kode', 'nomor'] };
    writeFileSync(path.join(dir, 'comp.schema.json'), JSON.stringify(schema));
    const latest = new Map<string, number>();
    const expected: string[] = [];
    keys.forEach(([k, n], i) => {
      const key = `${k}|${Number(n)}`;
      const prev = latest.get(key);
      if (prev !== undefined) expected.push(`${i + 2}: ${prev}`);
      latest.set(key, i + 2);
    });
    for (const chunk of [1, 40, 5000]) {
      await both('comp.csv', dir, { schema: 'comp.schema.json' }, chunk);
      const r = JSON.parse(await report(true, 'comp.csv', dir, { schema: 'comp.schema.json' }, chunk)) as { tasks: { errors: { type: string; rowNumber: number; note: string }[] }[] };
      const pk = (r.tasks[0]?.errors ?? []).filter((e) => e.type === 'primary-key').map((e) => `${e.rowNumber}: ${/position (\d+)/.exec(e.note)?.[1]}`);
      expect(pk).toEqual(expected);
    }
    expect(expected).toEqual(['122: 19', '123: 114', '124: 8', '126: 125', '127: 10', '130: 128']);
  });

  it('row workers started ahead (as `satudata validate` starts them) give the same report, and are the ones used', async () => {
    const conf = path.join(ROOT, 'test/fixtures/conformance');
    const expected = JSON.parse(readFileSync(path.join(conf, 'expected.json'), 'utf8')) as { expected: Record<string, unknown> };
    const before = { ...warmThreads };
    let n = 0;
    for (const target of Object.keys(expected.expected).filter((t) => /\.csv$|\/$|datapackage\.json$/.test(t) || !t.includes('.')).slice(0, 12)) {
      const cwd = path.join(conf, path.dirname(target));
      const name = path.basename(target);
      const one = await report(false, name, cwd, {}, 64);
      process.env.SATUDATA_THREADS = '2';
      const warming = warmForValidate(cwd, [name]);
      if (!warming.guess.rows) continue;
      n++;
      const warm = await report(true, name, cwd, {}, 64);
      await warming.release();
      expect(warm, target).toBe(one);
    }
    expect(n).toBeGreaterThan(3);
    expect(warmThreads.started - before.started).toBe(n);
    // Every warm worker was taken (a table that is read at all is read on two threads here).
    expect(warmThreads.taken - before.taken).toBe(n);
  }, 120_000);

  it('row workers started ahead for a table read on one thread after all (UTF-16) end when that is decided', async () => {
    writeFileSync(path.join(dir, 'utf16.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,kota\n1,Makassar\n2,Gowa\n', 'utf16le')]));
    process.env.SATUDATA_THREADS = '2';
    process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
    const before = { ...warmThreads, ...parallelRuns };
    const warming = warmForValidate(dir, ['utf16.csv']);
    expect(warming.guess.rows).toBe(true);
    expect(warmWaiting(ROW_THREAD)).toBe(1);
    const r = (await validate(['utf16.csv'], { cwd: dir })) as unknown as { valid: boolean; tasks: { stats: { rows: number } }[] };
    expect(warmWaiting(ROW_THREAD)).toBe(0); // dropped at the decision, before the end of the command
    await warming.release();
    expect(r.valid).toBe(true);
    expect(r.tasks[0]?.stats.rows).toBe(2);
    expect(warmThreads.taken - before.taken).toBe(0);
    expect(parallelRuns.started - before.started).toBe(0);
  });

  it('a small CSV read on one thread before a large one in the same package leaves the warm workers to the large one', async () => {
    const folder = path.join(dir, 'small-then-big');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'small.csv'), 'id\n1\n');
    writeFileSync(path.join(folder, 'big.csv'), 'id,teks\n' + Array.from({ length: 400 }, (_, i) => `${i},baris ${i}`).join('\n') + '\n');
    const resources = ['small', 'big'].map((name) => ({ name, path: `${name}.csv`, schema: { fields: [{ name: 'id', type: 'integer' }, ...(name === 'big' ? [{ name: 'teks', type: 'string' }] : [])] } }));
    writeFileSync(path.join(folder, 'datapackage.json'), JSON.stringify({ name: 'p', resources }));
    process.env.SATUDATA_THREADS = '2';
    process.env.SATUDATA_PARALLEL_MIN_BYTES = '1000'; // small.csv is below, big.csv above
    process.env.SATUDATA_PARALLEL_CHUNK_BYTES = '500';
    const before = { ...warmThreads, ...parallelRuns };
    const warming = warmForValidate(folder, ['datapackage.json']);
    expect(warming.guess.rows).toBe(true);
    const r = (await validate(['datapackage.json'], { cwd: folder })) as unknown as { valid: boolean; tasks: { stats: { rows: number } }[] };
    await warming.release();
    expect(r.valid).toBe(true);
    expect(r.tasks.map((t) => t.stats.rows)).toEqual([1, 400]);
    expect(parallelRuns.started - before.started).toBe(1);
    expect(warmThreads.taken - before.taken).toBe(1);
  });

  it('through the binary: warm workers nobody takes (an invalid descriptor reads no table) do not keep the process alive', async () => {
    const folder = path.join(dir, 'untaken');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.csv'), 'id\n1\n2\n');
    // The guess reads the resources; the descriptor itself is refused (a resource without a name), so no table is read.
    writeFileSync(path.join(folder, 'datapackage.json'), JSON.stringify({ name: 'p', resources: [{ path: 'a.csv', name: 7 }] }));
    const env = { SATUDATA_THREADS: '2', SATUDATA_PARALLEL_MIN_BYTES: '0' };
    const started = Date.now();
    const r = await runCli(['validate', folder, '--json'], { env, timeoutMs: 30_000 });
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { tasks: unknown[] }).tasks).toEqual([]);
    expect(Date.now() - started).toBeLessThan(25_000); // not killed by the timeout
    // And the same package, valid: the warm worker is taken and the rows are read on two threads.
    writeFileSync(path.join(folder, 'datapackage.json'), JSON.stringify({ name: 'p', resources: [{ path: 'a.csv', name: 'a' }] }));
    const ok = await runCli(['validate', folder, '--json'], { env, timeoutMs: 30_000 });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('"rows": 2');
  }, 60_000);

  it('a split the workers cannot prove (a literal quote before a quoted line break fools the quote count) falls back to one thread', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 50; i++) lines.push(i === 3 ? 'x"y,1' : i === 20 ? '"multi\nline",2' : `v${i},${i}`);
    writeFileSync(path.join(dir, 'odd.csv'), lines.join('\n') + '\n');
    const before = { ...parallelRuns };
    await both('odd.csv', dir, {}, 1);
    expect(parallelRuns.started - before.started).toBe(1);
    expect(parallelRuns.fellBack - before.fellBack).toBe(1);
  });

  it('three threads: a thread of its own hashes the file, and the report (MD5, SHA-256 included) is the one-thread one', async () => {
    const before = { ...parallelRuns };
    const lines = ['id,kota,jumlah,catatan'];
    for (let i = 1; i <= 400; i++) lines.push(`${i},Makassar,${i * 7},"baris ${i}\nkedua"`);
    const body = '\uFEFF' + lines.join('\r\n') + '\r\n';
    writeFileSync(path.join(dir, 'hash3.csv'), body);
    const schema = { fields: [{ name: 'id', type: 'integer' }, { name: 'kota', type: 'string' }, { name: 'jumlah', type: 'integer' }, { name: 'catatan', type: 'string' }], primaryKey: ['id'] };
    writeFileSync(path.join(dir, 'hash3.schema.json'), JSON.stringify(schema));
    const one = await report(false, 'hash3.csv', dir, { schema: 'hash3.schema.json' }, 300);
    const three = await report(3, 'hash3.csv', dir, { schema: 'hash3.schema.json' }, 300);
    expect(three).toBe(one);
    const task = (JSON.parse(three) as { tasks: { valid: boolean; stats: { md5?: string; sha256?: string; rows: number } }[] }).tasks[0];
    expect(task?.valid).toBe(true);
    expect(task?.stats.rows).toBe(400);
    expect(task?.stats.md5).toBe(createHash('md5').update(body).digest('hex'));
    expect(task?.stats.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(parallelRuns.started - before.started).toBe(1);
    expect(parallelRuns.fellBack - before.fellBack).toBe(0);
  });
});
