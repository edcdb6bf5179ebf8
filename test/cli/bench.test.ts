import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

describe('npm run bench (small size)', () => {
  it('generates both tables, validates them in a child process, reports rows/s and peak RSS, and runs the peers or says why not', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-bench-test-'));
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/bench.js'), '--rows', '3000', '--xlsx-rows', '400', '--json', '--no-install', '--runs', '1', '--startup-runs', '2', '--dir', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const { machine, results, peers, startup } = JSON.parse(out) as {
      machine: { cpus: number };
      results: { kind: string; program: string; rows: number; rowsPerSecond: number; peakRssMiB: number; cpuSeconds: number; exitCode: number }[];
      peers: { kind: string; peer: string; rows?: number; rowsPerSecond?: number; ratio?: number; cpuRatio?: number; skipped?: string }[];
      startup: { rows: number; runs: number; medianSeconds: number; bestSeconds: number };
    };
    // Start-up: the 10-row package validated (exit 0, else the script fails) through the real bin, twice.
    expect([startup.rows, startup.runs]).toEqual([10, 2]);
    expect(startup.bestSeconds).toBeGreaterThan(0);
    expect(startup.medianSeconds).toBeGreaterThanOrEqual(startup.bestSeconds);
    expect(machine.cpus).toBeGreaterThan(0);
    expect(results.map((r) => [r.kind, r.program, r.rows, r.exitCode])).toEqual([
      ['csv', 'satudata validate', 3000, 0],
      ['csv', 'satudata validate (one thread)', 3000, 0],
      ['xlsx', 'satudata validate', 400, 0],
      ['xlsx', 'satudata validate (one thread)', 400, 0],
    ]);
    for (const r of results) {
      expect(r.rowsPerSecond).toBeGreaterThan(0);
      expect(r.cpuSeconds).toBeGreaterThan(0);
      expect(r.peakRssMiB).toBeGreaterThan(10);
    }
    expect(peers.map((p) => [p.kind, p.peer.split(' ')[0]])).toEqual([
      ['csv', 'frictionless-py'],
      ['csv', 'tableschema-js'],
      ['xlsx', 'frictionless-py'],
      ['xlsx', 'exceljs'],
    ]);
    // exceljs is a dependency, so its reader always runs: it reads the header row and the 400 rows.
    const exceljs = peers.find((p) => p.peer.startsWith('exceljs'))!;
    expect(exceljs.skipped).toBeUndefined();
    expect(exceljs.rows).toBe(401);
    // ... with its CPU time, and satudata's ratio by CPU time (steadier than wall time on a shared machine).
    expect(exceljs.cpuRatio).toBeGreaterThan(0);
    for (const p of peers) {
      // Each peer either ran (rows/s and satudata's ratio to it) or says why it was skipped.
      if (p.skipped !== undefined) expect(p.skipped).toMatch(/\S/);
      else expect([p.rowsPerSecond! > 0, p.ratio! > 0]).toEqual([true, true]);
    }
  }, 180_000);
});
