import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

describe('npm run bench (small size)', () => {
  it('generates both tables, validates them in a child process and reports rows/s and peak RSS', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-bench-test-'));
    const out = execFileSync(process.execPath, [path.join(ROOT, 'scripts/bench.js'), '--rows', '3000', '--xlsx-rows', '400', '--json', '--dir', dir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
    const { machine, results } = JSON.parse(out) as {
      machine: { cpus: number };
      results: { kind: string; rows: number; rowsPerSecond: number; peakRssMiB: number; exitCode: number }[];
    };
    expect(machine.cpus).toBeGreaterThan(0);
    expect(results.map((r) => [r.kind, r.rows, r.exitCode])).toEqual([
      ['csv', 3000, 0],
      ['xlsx', 400, 0],
    ]);
    for (const r of results) {
      expect(r.rowsPerSecond).toBeGreaterThan(0);
      expect(r.peakRssMiB).toBeGreaterThan(10);
    }
  }, 180_000);
});
