/** Shared helpers of the status CLI tests: run the CLI in-process and capture its streams. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../src/cli/main.js';

/** An empty user config folder: no stored `satudata login` token leaks in from the machine. */
const CONFIG_DIR = mkdtempSync(join(tmpdir(), 'status-config-'));

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { SATUDATA_LANG: 'id', SATUDATA_CONFIG_DIR: CONFIG_DIR, ...opts.env },
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    interactive: false,
  });
  return { code, stdout, stderr };
}
