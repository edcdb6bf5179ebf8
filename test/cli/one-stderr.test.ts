/**
 * One stderr (issue 19): src/cli/main.ts builds the only writers of stdout and stderr (a redacting
 * `Out` stream that looks like a terminal exactly when its target is one); commands, spinners and
 * prompts get them through the context. Nothing else in src/ touches process.stdout/stderr.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Out } from '../../src/cli/context.js';
import { run } from '../../src/cli/main.js';
import { startFakeCkan, type FakeCkan } from '../fake-ckan/server.js';
import { ROOT } from '../helpers/cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The code of a file without its comments (a comment may name process.stderr). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('one stderr', () => {
  it('no file of src/ but src/cli/main.ts writes to process.stdout or process.stderr', () => {
    const offenders = sourceFiles(join(ROOT, 'src'))
      .map((f) => relative(ROOT, f).split('\\').join('/'))
      .filter((f) => f !== 'src/cli/main.ts')
      .filter((f) => /\bprocess\s*\.\s*(stdout|stderr)\b|\bprocess\s*\[\s*['"](stdout|stderr)['"]\s*\]/.test(code(readFileSync(join(ROOT, f), 'utf8'))));
    expect(offenders).toEqual([]);
  });

  it('no file of src/ writes through console (it goes to the process streams, around the redaction)', () => {
    const offenders = sourceFiles(join(ROOT, 'src')).filter((f) => /\bconsole\s*\.\s*(log|info|warn|error|debug|trace|dir|table)\b/.test(code(readFileSync(f, 'utf8'))));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('the checker itself sees a use in code and ignores one in a comment', () => {
    expect(/\bprocess\s*\.\s*(stdout|stderr)\b/.test(code('ora({ stream: process.stderr });'))).toBe(true);
    expect(/\bprocess\s*\.\s*(stdout|stderr)\b/.test(code('// like process.stderr\n/* process.stdout */ const a = 1;'))).toBe(false);
  });
});

describe('Out: the redacting stream', () => {
  const capture = (tty: Partial<{ isTTY: boolean; columns: number; rows: number }> = {}) => {
    const t = { text: '', write: (s: string) => void (t.text += s), ...tty };
    return t;
  };

  it('masks a secret registered after it was built, in writes, piped Buffers (the prompts\' route) and end()', async () => {
    const secrets = new Set<string>();
    const target = capture();
    const out = new Out(target, secrets);
    out.write('before tok-SECRET-1\n');
    secrets.add('tok-SECRET-1');
    out.write('after tok-SECRET-1\n');
    // A prompt library pipes Buffers and ends its output when the prompt is done; a multi-byte
    // character split across two chunks arrives whole.
    const euro = Buffer.from('€');
    await new Promise<void>((resolve) => {
      const src = Readable.from([Buffer.from('piped tok-SECRET-1 '), euro.subarray(0, 1), Buffer.concat([euro.subarray(1), Buffer.from('\n')])]);
      src.pipe(out);
      src.on('end', () => setImmediate(resolve));
    });
    out.end('ended tok-SECRET-1\n');
    out.write('still open\n');
    expect(target.text).toBe('before tok-SECRET-1\nafter ***\npiped *** €\nended ***\nstill open\n');
  });

  it('looks like a terminal exactly when its target is one; cursor methods write escape sequences through it', () => {
    const plain = new Out(capture(), new Set());
    expect([plain.isTTY, plain.hasColors(), plain.getColorDepth()]).toEqual([false, false, 1]);
    const target = capture({ isTTY: true, columns: 132, rows: 40 });
    const tty = new Out(target, new Set());
    expect([tty.isTTY, tty.columns, tty.rows]).toEqual([true, 132, 40]);
    tty.cursorTo(0);
    tty.clearLine(1);
    tty.moveCursor(0, -1);
    expect(target.text).toBe('\x1b[1G\x1b[0K\x1b[1A');
  });
});

describe('login over a terminal', () => {
  let ckan: FakeCkan;
  beforeAll(async () => {
    ckan = await startFakeCkan();
  });
  afterAll(async () => {
    await ckan.close();
  });

  it('draws its hidden prompt on the context\'s stderr (masked, captured), never the token', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-login-tty-'));
    const token = ckan.tokens.editor;
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
    stdin.isTTY = true;
    let stdout = '';
    let stderr = '';
    const done = run(['login', '--portal', ckan.url, '--lang', 'en'], {
      cwd,
      env: { SATUDATA_CONFIG_DIR: join(cwd, '.user-config'), SATUDATA_RETRY_DELAY_MS: '1' },
      stdin,
      interactive: true,
      stdout: { write: (s: string) => void (stdout += s), isTTY: false },
      stderr: { write: (s: string) => void (stderr += s), isTTY: true, columns: 100 },
    });
    // Type the token once the prompt is on screen.
    for (let i = 0; i < 200 && !stderr.includes('API token'); i++) await new Promise((r) => setTimeout(r, 10));
    stdin.write(`${token}\r`);
    const code = await done;
    expect(code).toBe(0);
    expect(stderr).toContain(`API token for ${ckan.url}`);
    expect(stderr).toContain('*'.repeat(token.length));
    expect(stdout).toMatch(/Logged in to .* as fake-editor/);
    expect(stdout + stderr).not.toContain(token);
    expect(JSON.parse(readFileSync(join(cwd, '.user-config', 'credentials.json'), 'utf8')).portals[ckan.url].token).toBe(token);
  });
});
