import { describe, expect, it } from 'vitest';
import { defineProgram } from '../../../src/cli/main.js';
import { HELP_TEXT, helpKeys, localizeCommanderError } from '../../../src/cli/help-text.js';

describe('the command-line catalogue', () => {
  const keys = helpKeys(defineProgram(async () => {}));

  it('has a text in both languages for every command, argument and option', () => {
    const missing = keys.filter((k) => !HELP_TEXT[k]?.id?.trim() || !HELP_TEXT[k]?.en?.trim());
    expect(missing).toEqual([]);
  });

  it('holds no entry that no part of the program uses (no stale text)', () => {
    const used = new Set([...keys, '* --help', '* help']);
    expect(Object.keys(HELP_TEXT).filter((k) => !used.has(k))).toEqual([]);
  });

  it('covers every command', () => {
    expect(keys).toEqual(expect.arrayContaining(['validate', 'describe', 'convert', 'template', 'init', 'metadata', 'push', 'login', 'logout', 'status']));
  });
});

describe("commander's parse errors in Bahasa Indonesia", () => {
  const cases: Array<[string, string]> = [
    ["error: unknown option '--jsn'\n(Did you mean --json?)", "galat: opsi '--jsn' tidak dikenal\n(Maksud Anda --json?)"],
    ["error: unknown option '--zzz'", "galat: opsi '--zzz' tidak dikenal"],
    ["error: unknown command 'vaildate'\n(Did you mean validate?)", "galat: perintah 'vaildate' tidak dikenal\n(Maksud Anda validate?)"],
    ["error: missing required argument 'file'", "galat: argumen wajib 'file' belum diberikan"],
    ["error: option '--portal <url>' argument missing", "galat: opsi '--portal <url>' perlu sebuah nilai"],
    ["error: required option '-o, --output <file>' not specified", "galat: opsi wajib '-o, --output <file>' belum diberikan"],
    [
      "error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are text, json.",
      "galat: nilai 'pdf' untuk opsi '--format <format>' tidak sah. Pilihan yang boleh: text, json.",
    ],
    ["error: too many arguments for 'describe'. Expected 1 argument but got 2.", "galat: terlalu banyak argumen untuk 'describe': paling banyak 1, diberikan 2."],
    ['error: option --limit-rows expects a whole number, got "x"', 'galat: opsi --limit-rows harus bilangan bulat, bukan "x"'],
    ['error: something new', 'galat: something new'],
  ];
  it.each(cases)('%s', (en, id) => {
    expect(localizeCommanderError(en, 'id')).toBe(id);
    expect(localizeCommanderError(en, 'en')).toBe(en);
  });
});

describe('terminalSafe: error text cannot drive the terminal', () => {
  it.each([
    ['plain\nline two\ttab', 'plain\nline two\ttab'],
    ['red \u001b[31mALERT\u001b[0m', 'red ALERT'],
    ['link \u001b]8;;http://evil\u0007klik\u001b]8;;\u0007', 'link klik'],
    ['title \u001b]0;pwned\u001b\\ done', 'title  done'],
    ['bidi \u202eexe.csv', 'bidi exe.csv'],
    ['bell\u0007 and NUL\u0000 and CSI8\u009b', 'bell and NUL and CSI8'],
  ])('%j', async (raw, safe) => {
    const { terminalSafe } = await import('../../../src/cli/context.js');
    expect(terminalSafe(raw)).toBe(safe);
  });

  it('a hostile file name in an error message reaches stderr without its escape sequences', async () => {
    const { runInProcess } = await import('../../helpers/cli.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'satudata-esc-'));
    const r = await runInProcess(['template', 'a\u001b]0;pwned\u0007\u001b[2J.json', '-o', 'x.xlsx'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a.json');
    expect(r.stderr).not.toMatch(/\u001b|\u0007/);
  });
});
