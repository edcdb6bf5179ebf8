import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { BIN, runCli } from '../helpers/cli.js';
import type { Report } from '../../src/validate/types.js';

// A local HTTP server (127.0.0.1, ephemeral port) stands in for a remote data host.
let server: Server;
let base: string;
const stalled: ServerResponse[] = [];
let onStall: (() => void) | undefined;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/data.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('id,jumlah\n1,10\n2,dua\n');
    } else if (req.url === '/stall.csv') {
      // Sends a first part, then never finishes: the download is in progress when the test signals.
      res.writeHead(200, { 'content-type': 'text/csv', 'content-length': '1000000' });
      res.write('id,jumlah\n' + '1,10\n'.repeat(2000));
      stalled.push(res);
      onStall?.();
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const r of stalled) r.destroy();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('validate --allow-remote', () => {
  it('downloads a remote resource of a package and validates it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-remote-'));
    writeFileSync(
      path.join(dir, 'datapackage.json'),
      JSON.stringify({ name: 'remote', resources: [{ name: 'data', path: `${base}/data.csv`, schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'jumlah', type: 'integer' }] } }] }),
    );
    const refused = await runCli(['validate', dir, '--json']);
    expect((JSON.parse(refused.stdout) as Report).tasks[0]!.errors[0]!.note).toMatch(/--allow-remote/);
    const r = await runCli(['validate', dir, '--json', '--allow-remote']);
    const task = (JSON.parse(r.stdout) as Report).tasks[0]!;
    expect(task.errors.map((e) => [e.rowNumber, e.type])).toEqual([[3, 'type-error']]);
    expect(task.place).toBe(`${base}/data.csv`);
  });

  it('a remote file that cannot be downloaded is a scheme-error, not a crash', async () => {
    const r = await runCli(['validate', `${base}/missing.csv`, '--json', '--allow-remote']);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Report).tasks[0]!.errors[0]).toMatchObject({ type: 'scheme-error', note: expect.stringContaining('HTTP 404') });
  });

  it.each([[[]], [['--allow-remote']]])('a password in a remote URL is never printed (%j)', async (extra) => {
    const url = base.replace('http://', 'http://officer:hunter2@') + '/data.csv';
    for (const format of [[], ['--json']]) {
      const r = await runCli(['validate', url, ...extra, ...format]);
      expect(r.stdout + r.stderr).not.toContain('hunter2');
      expect(r.stdout).toContain('***@');
    }
  });

  /** A fresh TMPDIR for one run: whatever satudata leaves in it is what it leaked. */
  const freshTmp = () => mkdtempSync(path.join(os.tmpdir(), 'satudata-tmpdir-'));

  it('leaves no temporary folder behind, on success and on error', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-remote-'));
    writeFileSync(
      path.join(dir, 'datapackage.json'),
      JSON.stringify({ name: 'remote', resources: [{ name: 'data', path: `${base}/data.csv`, schema: { fields: [{ name: 'id', type: 'integer' }, { name: 'jumlah', type: 'integer' }] } }] }),
    );
    const runs: [string[], number][] = [
      [['validate', dir, '--allow-remote'], 1],
      [['validate', `${base}/data.csv`, '--allow-remote'], 0],
      [['validate', `${base}/missing.csv`, '--allow-remote'], 1],
    ];
    for (const [args, code] of runs) {
      const tmp = freshTmp();
      const r = await runCli(args, { env: { TMPDIR: tmp } });
      expect(r.code, `${args.join(' ')}: ${r.stdout}${r.stderr}`).toBe(code);
      expect(readdirSync(tmp)).toEqual([]);
    }
  });

  it.runIf(process.platform !== 'win32').each(['SIGTERM', 'SIGINT'] as const)('leaves no temporary folder behind when stopped by %s mid-download', async (sig) => {
    const tmp = freshTmp();
    const stalledNow = new Promise<void>((resolve) => (onStall = resolve));
    const child = spawn(process.execPath, [BIN, 'validate', `${base}/stall.csv`, '--allow-remote'], { env: { PATH: process.env.PATH, HOME: process.env.HOME, TMPDIR: tmp }, stdio: 'ignore' });
    await stalledNow;
    // The download has started: its folder exists (poll until the first bytes are on disk).
    for (let i = 0; i < 200 && readdirSync(tmp).length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    expect(readdirSync(tmp).length).toBe(1);
    const ended = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    child.kill(sig);
    expect(await ended).toBe(sig);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
