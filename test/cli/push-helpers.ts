/** Helpers of the push/login CLI tests: a temp copy of a fixture package and an in-process CLI run. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { run } from '../../src/cli/main.js';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** One fake CKAN for a test file: started before its tests, faults cleared before each, closed after. */
export function useFakeCkan(set: (ckan: FakeCkan) => void): void {
  let ckan: FakeCkan | undefined;
  beforeAll(async () => {
    ckan = await startFakeCkan();
    set(ckan);
  });
  afterAll(async () => {
    await ckan?.close();
  });
  beforeEach(() => ckan?.clearFaults());
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'push');

/** A fresh copy of a fixture package with its dataset name made unique (the real CKAN keeps state). */
export function packageCopy(fixture: string, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-push-'));
  cpSync(join(FIXTURES, fixture), dir, { recursive: true });
  editPackage(dir, (p) => {
    p.name = name;
  });
  return dir;
}

export function editPackage(dir: string, edit: (pkg: Record<string, any>) => void): void {
  const file = join(dir, 'datapackage.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8'));
  edit(pkg);
  writeFileSync(file, JSON.stringify(pkg, null, 2));
}

export function pushLog(dir: string): string {
  const f = join(dir, '.satudata', 'push-log.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
}

let seq = 0;
export const uniqueName = (base: string) => `${base}-${process.pid}-${Date.now().toString(36)}-${++seq}`;

export async function runCli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string; stderrTTY?: boolean }): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const stdin = Readable.from(opts.stdin === undefined ? [] : [Buffer.from(opts.stdin)]) as Readable & { isTTY?: boolean };
  stdin.isTTY = false;
  const code = await run(args, {
    cwd: opts.cwd,
    env: { SATUDATA_LANG: 'en', SATUDATA_RETRY_DELAY_MS: '1', SATUDATA_CONFIG_DIR: join(opts.cwd, '.user-config'), ...opts.env },
    stdin,
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.stderrTTY ?? false },
    interactive: false,
  });
  return { code, stdout, stderr };
}

/**
 * Replace a resource's file on the portal the way the web form or another script does: resource_patch
 * with only `id` and a new upload, leaving satudata's own record (satudata_sha256, ...) as it was.
 */
export async function replaceFileElsewhere(portal: string, token: string, resourceId: string, content: string): Promise<void> {
  const form = new FormData();
  form.set('id', resourceId);
  form.set('upload', new Blob([content], { type: 'text/csv' }), 'replaced.csv');
  const res = await fetch(`${portal}/api/3/action/resource_patch`, { method: 'POST', headers: { Authorization: token }, body: form });
  if (res.status !== 200) throw new Error(`resource_patch by another route: HTTP ${res.status} ${await res.text()}`);
}
