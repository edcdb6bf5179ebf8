/**
 * Runs the real built binary as a child process under a heap ceiling (`--max-old-space-size`) and a
 * time bound, and reports its exit code, output, wall time and peak RSS (from rss-probe.mjs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/satudata.js', import.meta.url));
const PROBE = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

/** Generous bounds: a loaded 2-core machine must not flake; a regression takes minutes or gigabytes. */
export const TIME_LIMIT_MS = 30_000;
export const HEAP_MB = 256;
export const RSS_LIMIT_MB = 600;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  /** Bytes written to stdout (only the first 64 MiB are kept in `stdout`). */
  stdoutBytes: number;
  stderr: string;
  ms: number;
  rssMb: number;
  timedOut: boolean;
}

export function runBin(args: string[], opts: { cwd?: string; heapMb?: number } = {}): Promise<Run> {
  const probeDir = mkdtempSync(join(tmpdir(), 'satudata-rss-'));
  const rssFile = join(probeDir, 'rss');
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${opts.heapMb ?? HEAP_MB}`, '--import', PROBE, BIN, ...args], {
      cwd: opts.cwd,
      env: { ...process.env, SATUDATA_HOSTILE_RSS: rssFile, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    child.stdout.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes < 64 << 20) out.push(b); // a runaway report is measured, not kept
    });
    child.stderr.on('data', (b: Buffer) => err.push(b));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const rssKb = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : NaN;
      rmSync(probeDir, { recursive: true, force: true });
      if (process.env.SATUDATA_HOSTILE_LOG) process.stderr.write(`hostile: ${args.slice(0, 2).join(' ')} → exit ${code} in ${Date.now() - started} ms, peak RSS ${Math.round(rssKb / 1024)} MB\n`);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stdoutBytes: outBytes,
        stderr: Buffer.concat(err).toString('utf8'),
        ms: Date.now() - started,
        rssMb: Math.round(rssKb / 1024),
        timedOut,
      });
    });
  });
}

/**
 * The house rules for a hostile input: ended in time, under the memory bounds, with the expected exit
 * code, no stack trace and no V8 fatal error, and the message that names the file and the limit.
 */
export function expectClearRefusal(r: Run, code: number, message: RegExp): void {
  const context = `exit ${r.code} signal ${r.signal} in ${r.ms} ms, ${r.rssMb} MB\nstderr: ${r.stderr.slice(0, 2000)}\nstdout: ${r.stdout.slice(0, 2000)}`;
  expect(r.timedOut, `timed out after ${TIME_LIMIT_MS} ms\n${context}`).toBe(false);
  expect(r.stderr, context).not.toMatch(/FATAL ERROR|heap out of memory|Allocation failed/);
  expect(r.stderr + r.stdout, context).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(r.stderr + r.stdout, context).not.toMatch(/internal error|Galat internal|Maximum call stack/i);
  expect(r.code, context).toBe(code);
  expect(r.rssMb, context).toBeLessThan(RSS_LIMIT_MB);
  // JSON output escapes the quotes around file names.
  expect(r.stderr + r.stdout.replace(/\\"/g, '"'), context).toMatch(message);
}
