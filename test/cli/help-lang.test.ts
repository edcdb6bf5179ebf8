/** The command line's own words (help, commander's parse errors) follow --lang, SATUDATA_LANG and the config. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'satudata-help-'));

describe('help and parse errors', () => {
  it('bare `satudata` prints the help on stdout, in Indonesian, and exits 0', async () => {
    const r = await runCli([], { cwd: emptyDir() });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Penggunaan: satudata \[opsi\] \[perintah\]/);
    expect(r.stdout).toContain('validasi paket data, berkas CSV dan Excel');
  });

  it('bare `satudata --lang en` prints the English help', async () => {
    const r = await runCli(['--lang', 'en'], { cwd: emptyDir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: satudata \[options\] \[command\]/);
  });

  it.each([
    ['--lang en flag', ['--lang', 'en'], {}, undefined],
    ['SATUDATA_LANG=en', [], { SATUDATA_LANG: 'en' }, undefined],
    ['config lang: en', [], {}, '{"lang":"en"}'],
  ])('%s: `template` without -o says so in English', async (_n, pre, env, config) => {
    const dir = emptyDir();
    if (config) writeFileSync(join(dir, '.satudatarc.json'), config);
    const r = await runCli([...pre, 'template', 'x.json'], { cwd: dir, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("error: required option '-o, --output <file>' not specified");
    expect(r.stderr).toContain('Usage: satudata template');
  });

  it('`template` without -o says so in Indonesian by default, with the help after it', async () => {
    const r = await runCli(['template', 'x.json'], { cwd: emptyDir() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^galat: opsi wajib '-o, --output <file>' belum diberikan/);
    expect(r.stderr).toContain('Penggunaan: satudata template [opsi] <source>');
    expect(r.stderr).not.toContain('error:');
  });

  it.each([
    [['validate', '--jsn'], /galat: opsi '--jsn' tidak dikenal\n\(Maksud Anda --json\?\)/],
    [['describe'], /galat: argumen wajib 'file' belum diberikan/],
    [['validate', '--format', 'pdf'], /galat: nilai 'pdf' untuk opsi '--format <format>' tidak sah\. Pilihan yang boleh: text, json, github, junit\./],
    [['validate', '--limit-rows', 'sepuluh'], /galat: opsi --limit-rows harus bilangan bulat, bukan "sepuluh"/],
    [['vaildate'], /galat: perintah 'vaildate' tidak dikenal/],
  ])('%j → exit 2 with an Indonesian message', async (args, msg) => {
    const r = await runCli(args, { cwd: emptyDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });

  it.each(['validate', 'describe', 'convert', 'template', 'init', 'metadata', 'push', 'login', 'logout', 'status'])(
    '`%s --help` is in Indonesian on stdout (headings, option texts, choices/default notes)',
    async (cmd) => {
      const r = await runCli([cmd, '--help'], { cwd: emptyDir() });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Penggunaan: satudata ${cmd} \\[opsi\\]`));
      expect(r.stdout).toContain('Opsi:');
      expect(r.stdout).toContain('tampilkan bantuan perintah ini');
      expect(r.stdout).not.toMatch(/\(choices:|display help for command|Options:/);
    },
  );
});
