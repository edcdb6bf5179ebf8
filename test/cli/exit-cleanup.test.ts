import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.js';

/**
 * Temporary folders (downloads, spilled keys) go on Ctrl-C too, whoever else listens to the signal: alone
 * the process dies of it; the spinner's signal-exit (a listener that re-raises the signal once it is the
 * only one) still ends it, after the clean-up; a host program's own handler keeps the process alive.
 */
const MODULE = pathToFileURL(path.join(ROOT, 'dist/validate/exit-cleanup.js')).href;

function run(before: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; dir: string; out: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-exit-'));
  const script = `
    import { rmSync } from 'node:fs';
    ${before}
    const { onExitCleanup } = await import(${JSON.stringify(MODULE)});
    onExitCleanup(() => rmSync(${JSON.stringify(dir)}, { recursive: true, force: true }));
    process.kill(process.pid, 'SIGINT');
    setTimeout(() => { console.log('alive'); process.exit(0); }, 300);
  `;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code, signal) => resolve({ code, signal, dir, out }));
  });
}

describe('exit clean-up on signals', () => {
  it('alone: the clean-up runs and the process dies of the signal', async () => {
    const r = await run('');
    expect(r.signal).toBe('SIGINT');
    expect(existsSync(r.dir)).toBe(false);
  });

  it("after a listener like the spinner's signal-exit: the clean-up runs first, then that listener ends the process", async () => {
    const r = await run(`
      const mine = () => { if (process.listeners('SIGINT').length === 1) { process.removeListener('SIGINT', mine); process.kill(process.pid, 'SIGINT'); } };
      process.on('SIGINT', mine);
    `);
    expect(r.signal).toBe('SIGINT');
    expect(existsSync(r.dir)).toBe(false);
  });

  it("a host program's own handler keeps the process alive (its behaviour), the folder is gone", async () => {
    const r = await run(`process.on('SIGINT', () => undefined);`);
    expect(r.code).toBe(0);
    expect(r.out).toContain('alive');
    expect(existsSync(r.dir)).toBe(false);
    rmSync(r.dir, { recursive: true, force: true });
  });
});
