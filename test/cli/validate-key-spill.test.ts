import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ROOT } from '../helpers/cli.js';
// The built library: the worker threads run dist/validate/parallel/worker.js (npm test builds first).
import { validate } from '../../dist/index.js';
import { spillRuns } from '../../dist/validate/key-spill/index.js';
// @ts-expect-error no type declarations for the .js generator
import { generateCase } from '../differential/generate.js';

/**
 * Keys checked in two passes (fingerprints spilled to bucket files, resolved, then looked up) must give
 * the one-pass report byte for byte (seconds aside), on one thread and on all cores. Two passes are
 * forced on small files (SATUDATA_KEY_SPILL_BYTES=0) with tiny buckets (split again when too full) and,
 * on all cores, tiny chunks; the temporary folder must be gone afterwards, also after a failure.
 */
type Report = { stats: { seconds: number }; tasks: { stats: { seconds: number }; errors: { type: string; note: string }[] }[] };
const ENV = ['SATUDATA_THREADS', 'SATUDATA_PARALLEL_MIN_BYTES', 'SATUDATA_PARALLEL_CHUNK_BYTES', 'SATUDATA_KEY_SPILL_BYTES', 'SATUDATA_KEY_SPILL_BUCKET_KEYS', 'TMPDIR'] as const;
const saved = ENV.map((k) => process.env[k]);
afterAll(() => ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i]))));

type Mode = 'one-pass' | 'two-pass' | 'two-pass-cores';

function setMode(mode: Mode, chunk: number, bucketKeys: number): void {
  process.env.SATUDATA_THREADS = mode === 'two-pass-cores' ? '2' : '1';
  process.env.SATUDATA_PARALLEL_MIN_BYTES = '0';
  process.env.SATUDATA_PARALLEL_CHUNK_BYTES = String(chunk);
  process.env.SATUDATA_KEY_SPILL_BUCKET_KEYS = String(bucketKeys);
  if (mode === 'one-pass') delete process.env.SATUDATA_KEY_SPILL_BYTES;
  else process.env.SATUDATA_KEY_SPILL_BYTES = '0';
}

async function report(mode: Mode, target: string, cwd: string, opts: Record<string, unknown>, chunk = 40, bucketKeys = 3): Promise<string> {
  setMode(mode, chunk, bucketKeys);
  const r = (await validate([target], { cwd, ...opts })) as Report;
  r.stats.seconds = 0;
  for (const t of r.tasks) t.stats.seconds = 0;
  return JSON.stringify(r, null, 2);
}

/** The three modes give one report; returns it. */
async function same(target: string, cwd: string, opts: Record<string, unknown> = {}, chunk = 40, bucketKeys = 3): Promise<string> {
  const one = await report('one-pass', target, cwd, opts, chunk, bucketKeys);
  expect(await report('two-pass', target, cwd, opts, chunk, bucketKeys)).toBe(one);
  expect(await report('two-pass-cores', target, cwd, opts, chunk, bucketKeys)).toBe(one);
  return one;
}

const leftovers = () => readdirSync(tmp).filter((n) => n.startsWith('satudata-keys-'));

let dir: string;
let tmp: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-keyspill-'));
  tmp = path.join(dir, 'tmp');
  mkdirSync(tmp);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// os.tmpdir() follows TMPDIR: the spill folders go to a folder of this test only, checked empty after each case.
beforeEach(() => {
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  expect(leftovers()).toEqual([]);
  process.env.TMPDIR = saved[ENV.indexOf('TMPDIR')] ?? os.tmpdir();
});

// Duplicates early and late, repeated keys (the most recent earlier row is named), blank rows (no keys),
// all-empty primary keys, invalid and empty key cells (no key), NaN (equals nothing), unique keys.
const rows = ['id,kode,teks,nilai'];
for (let i = 1; i <= 400; i++) {
  const id = i === 3 ? 'abc' : i % 97 === 0 ? 5 : i === 398 ? 2 : i;
  const kode = i % 13 === 0 ? '' : i % 17 === 0 ? 'K1' : `K${i % 150}`;
  const teks = i % 7 === 0 ? `"baris\n""${i}"", koma"` : i % 11 === 0 ? '' : `teks ${i % 60}`;
  const nilai = i % 19 === 0 ? 'NaN' : i % 23 === 0 ? 'x' : String(i % 50);
  rows.push(`${id},${kode},${teks},${nilai}`);
  if (i % 37 === 0) rows.push('');
  if (i % 91 === 0) rows.push(',,,');
}
const schema = {
  fields: [
    { name: 'id', type: 'integer', constraints: { unique: true } },
    { name: 'kode', type: 'string' },
    { name: 'teks', type: 'string', constraints: { maxLength: 12 } },
    { name: 'nilai', type: 'number', constraints: { unique: true } },
  ],
  primaryKey: ['kode'],
  uniqueKeys: [['kode', 'teks'], ['nilai', 'kode']],
  foreignKeys: [{ fields: ['nilai'], reference: { resource: '', fields: ['id'] } }],
};


describe('keys in two passes: the same report as in one', () => {
  it('differential corpus: generated CSV cases with keys, limits 100000 and 3 errors', async () => {
    const before = { ...spillRuns };
    let cases = 0;
    for (let seed = 1; cases < 40; seed++) {
      const c = generateCase(seed, { maxRows: 40 });
      if (Object.values(c.files).some((f) => f && typeof f === 'object' && 'xlsx' in f)) continue; // xlsx: one pass
      if (!/primaryKey|uniqueKeys|unique/.test(JSON.stringify(c.files) + JSON.stringify(c.schema ?? ''))) continue;
      const caseDir = path.join(dir, c.id);
      mkdirSync(caseDir, { recursive: true });
      for (const [name, content] of Object.entries(c.files)) writeFileSync(path.join(caseDir, name), content as string | Buffer);
      const opts = c.schema ? { schema: c.schema } : {};
      await same(c.target, caseDir, { ...opts, limitErrors: 100000 }, 24, 2);
      await same(c.target, caseDir, { ...opts, limitErrors: 3 }, 200, 1000);
      cases++;
    }
    // Two passes really ran (one-thread and all-cores runs of the keyed tables), pass 1 on all cores too.
    expect(spillRuns.started - before.started).toBeGreaterThan(80);
    expect(spillRuns.parallel - before.parallel).toBeGreaterThan(30);
  }, 300_000);

  it('conformance fixtures (real agency files and hand-made cases)', async () => {
    const conf = path.join(ROOT, 'test/fixtures/conformance');
    const expected = JSON.parse(readFileSync(path.join(conf, 'expected.json'), 'utf8')) as { expected: Record<string, unknown> };
    const before = spillRuns.started;
    for (const target of Object.keys(expected.expected)) {
      const cwd = path.join(conf, path.dirname(target));
      await same(path.basename(target), cwd, { limitErrors: 100000 }, 64, 5);
      await same(path.basename(target), cwd, {}, 4096, 1000);
    }
    expect(spillRuns.started - before).toBeGreaterThan(4);
  }, 300_000);

  it('hand-made keys: every limit, chunk and bucket size', async () => {
    writeFileSync(path.join(dir, 'keys.csv'), '\uFEFF' + rows.join('\r\n') + '\r\n');
    writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify({ name: 'p', resources: [{ name: 'keys', path: 'keys.csv', schema }] }));
    const before = { ...spillRuns };
    const full = JSON.parse(await same('datapackage.json', dir, { limitErrors: 100000 }, 16, 4)) as Report;
    const types = new Set(full.tasks[0]!.errors.map((e) => e.type));
    for (const t of ['unique-error', 'primary-key', 'unique-key', 'blank-row', 'type-error', 'foreign-key']) expect(types).toContain(t);
    for (const [chunk, bucketKeys] of [[1, 5], [100, 40], [1000, 1_000_000]]) {
      for (const limitErrors of [1, 3, 7, 40]) await same('datapackage.json', dir, { limitErrors }, chunk, bucketKeys);
    }
    await same('datapackage.json', dir, { limitRows: 150 }, 100, 3);
    expect(spillRuns.started - before.started).toBe(2 * 14);
    expect(spillRuns.parallel - before.parallel).toBe(13); // a row limit reads on one thread
  }, 120_000);

  it('only duplicate keys: each error limit keeps exactly the duplicates that fit', async () => {
    const lines = ['id,kode,tahun'];
    for (let i = 1; i <= 300; i++) lines.push(`${i % 50 === 0 ? i - 45 : i},${i % 3 === 0 ? `K${i % 40}` : `A${i}`},${2000 + (i % 7)}`);
    writeFileSync(path.join(dir, 'dups.csv'), lines.join('\n') + '\n');
    writeFileSync(path.join(dir, 'dups.schema.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer', constraints: { unique: true } }, { name: 'kode', type: 'string' }, { name: 'tahun', type: 'year' }], primaryKey: ['kode'], uniqueKeys: [['kode', 'tahun']] }));
    for (const limitErrors of [1, 2, 3, 5, 8, 13, 100000]) {
      const r = JSON.parse(await same('dups.csv', dir, { schema: 'dups.schema.json', limitErrors }, 50, 10)) as Report;
      const errors = r.tasks[0]!.errors;
      expect(errors.every((e) => ['unique-error', 'primary-key', 'unique-key'].includes(e.type))).toBe(true);
      if (limitErrors < 100000) expect(errors).toHaveLength(limitErrors);
    }
  });

  it('a file broken mid-way: the same report (the error alone, or the errors before it), and no temporary folder left', { timeout: 120_000 }, async () => {
    // Far more than one read block before the bad bytes, so a small error limit stops before them.
    const filler = Array.from({ length: 40_000 }, (_, i) => `${1000 + i},Z${i},t,${1000 + i}`);
    const good = [...rows.slice(0, 250), ...filler].join('\n') + '\n';
    const bad = Buffer.concat([Buffer.from(good), Buffer.from([0xff, 0xfe, 0x41, 0x0a]), Buffer.from(rows.slice(250).join('\n') + '\n')]);
    writeFileSync(path.join(dir, 'broken.csv'), bad);
    writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ name: 'b', resources: [{ name: 'broken', path: 'broken.csv', encoding: 'utf-8', schema: { ...schema, foreignKeys: undefined } }] }));
    const all = JSON.parse(await same('broken.json', dir, { limitErrors: 100000 }, 4096, 1500)) as Report;
    expect(all.tasks[0]!.errors.map((e) => e.type)).toEqual(['encoding-error']);
    const early = JSON.parse(await same('broken.json', dir, { limitErrors: 3 }, 4096, 1500)) as Report;
    expect(early.tasks[0]!.errors).toHaveLength(3); // stopped before the bad bytes, in both modes
  });

  it('an estimate too low (long rows first): a one-pass read whose indexes outgrow the limit starts again in two passes', async () => {
    const lines = ['id,kode,teks'];
    for (let i = 1; i <= 100; i++) lines.push(`${i},K${i},${'x'.repeat(2000)}`);
    for (let i = 101; i <= 20_000; i++) lines.push(`${i % 3000 ? i : 5},K${i % 4001 ? i : 7},t`);
    writeFileSync(path.join(dir, 'skew.csv'), lines.join('\n') + '\n');
    writeFileSync(path.join(dir, 'skew.schema.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer', constraints: { unique: true } }, { name: 'kode', type: 'string' }, { name: 'teks', type: 'string' }], primaryKey: ['kode'] }));
    const opts = { schema: 'skew.schema.json', limitErrors: 5000 };
    const one = await report('one-pass', 'skew.csv', dir, opts); // 48 MiB: never reached here
    expect(one).toContain('the same as in the row at position');
    // ~280 rows estimated (11 KiB of indexes, under 20,000 bytes): one pass first, then two.
    for (const threads of ['1', '2']) {
      setMode('one-pass', 4096, 1000);
      process.env.SATUDATA_KEY_SPILL_BYTES = '20000';
      process.env.SATUDATA_THREADS = threads;
      const before = { ...spillRuns };
      const r = (await validate(['skew.csv'], { cwd: dir, ...opts })) as Report;
      r.stats.seconds = 0;
      for (const t of r.tasks) t.stats.seconds = 0;
      expect(JSON.stringify(r, null, 2)).toBe(one);
      expect(spillRuns.started - before.started).toBe(1);
      expect(spillRuns.parallel - before.parallel).toBe(threads === '2' ? 1 : 0);
    }
  });

  it('a file that changes between the passes is an error, not a report of two different files', async () => {
    const file = path.join(dir, 'moving.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    writeFileSync(path.join(dir, 'moving.schema.json'), JSON.stringify({ ...schema, foreignKeys: undefined }));
    setMode('two-pass-cores', 64, 3);
    let touched = false;
    const onProgress = () => {
      if (touched) return;
      touched = true;
      const later = new Date(Date.now() + 10_000);
      utimesSync(file, later, later); // as an editor saving the file meanwhile
    };
    const r = (await validate(['moving.csv'], { cwd: dir, schema: 'moving.schema.json', onProgress })) as Report;
    expect(touched).toBe(true);
    expect(r.tasks[0]!.errors).toEqual([expect.objectContaining({ type: 'source-error', note: expect.stringContaining('changed while it was validated') })]);
  });
});

describe('keys in two passes: the temporary folder', () => {
  it('cannot be made: the keys are checked in memory (the one-pass report) with a warning saying why', async () => {
    writeFileSync(path.join(dir, 'notmp.csv'), rows.join('\n') + '\n');
    writeFileSync(path.join(dir, 'notmp.schema.json'), JSON.stringify({ ...schema, foreignKeys: undefined }));
    const opts = { schema: 'notmp.schema.json', limitErrors: 100000 };
    const one = JSON.parse(await report('one-pass', 'notmp.csv', dir, opts)) as Report & { tasks: { warnings: string[] }[] };
    process.env.TMPDIR = path.join(dir, 'no-such-folder');
    const before = spillRuns.started;
    const two = JSON.parse(await report('two-pass', 'notmp.csv', dir, opts)) as Report & { tasks: { warnings: string[] }[] };
    expect(spillRuns.started - before).toBe(1);
    expect(two.tasks[0]!.warnings).toEqual([expect.stringMatching(/^keys checked in memory: no room for their fingerprints in .*no-such-folder \(ENOENT\)/)]);
    // Apart from that warning (and its counts), the one-pass report.
    two.tasks[0]!.warnings = [];
    expect(JSON.stringify(two).replace(/"warnings":1/g, '"warnings":0')).toBe(JSON.stringify(one));
    expect(one.tasks[0]!.errors.some((e) => e.type === 'unique-error')).toBe(true);
  });

  it('is removed when the process is interrupted (Ctrl-C) during the passes', async () => {
    const lines = ['id,kode,nilai'];
    for (let i = 1; i <= 300_000; i++) lines.push(`${i},K${i % 1000}-${i},${i % 977}`);
    writeFileSync(path.join(dir, 'big.csv'), lines.join('\n') + '\n');
    writeFileSync(path.join(dir, 'big.schema.json'), JSON.stringify({ fields: [{ name: 'id', type: 'integer', constraints: { unique: true } }, { name: 'kode', type: 'string' }, { name: 'nilai', type: 'integer' }], primaryKey: ['kode'] }));
    const child = spawn(process.execPath, [BIN, 'validate', 'big.csv', '--schema', 'big.schema.json', '--json'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmp, SATUDATA_KEY_SPILL_BYTES: '0', SATUDATA_THREADS: '1' },
      stdio: 'ignore',
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    let seen = false;
    let exit: NodeJS.Signals | number | null | undefined;
    void exited.then((e) => (exit = e));
    while (exit === undefined) {
      if (leftovers().length) {
        seen = true;
        child.kill('SIGINT');
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const result = await exited;
    expect(seen).toBe(true); // the spill folder existed while the keys were read
    expect(result).toBe('SIGINT'); // the process died of the signal, as without the clean-up
    expect(leftovers()).toEqual([]);
  }, 60_000);
});
