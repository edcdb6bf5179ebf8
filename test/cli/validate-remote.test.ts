import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import type { Report } from '../../src/validate/types.js';

// A local HTTP server (127.0.0.1, ephemeral port) stands in for a remote data host.
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/data.csv') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.end('id,jumlah\n1,10\n2,dua\n');
    } else {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
});
