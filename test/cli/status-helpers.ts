/** Shared helpers of the status CLI tests: run the CLI in-process and capture its streams. */
import { run } from '../../src/cli/main.js';

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
    env: { SATUDATA_LANG: 'id', ...opts.env },
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    interactive: false,
  });
  return { code, stdout, stderr };
}
