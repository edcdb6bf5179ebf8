/**
 * Every `satudata …` command that a message suggests must parse as printed: the right arguments, no
 * unknown options. Quoted suggestions are collected from the source, placeholders (KUNCI=NILAI,
 * {file}, ${portal}, <slug>) filled with sample values, and each is parsed by the real program.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { defineProgram } from '../../../src/cli/main.js';
import { ROOT } from '../../helpers/cli.js';

/** Quoted mentions that name a command in prose ("satudata convert writes them as whole numbers"), not a line to run. */
const MENTIONS_BY_NAME = new Set(['satudata convert']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function suggestions(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of sources(join(ROOT, 'src'))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) return;
        for (const m of line.matchAll(/"(satudata [a-z][^"]*)"/g)) out.push([`${file.slice(ROOT.length + 1)}:${i + 1}`, m[1]!]);
      });
  }
  return out;
}

function fill(cmd: string): string[] {
  return cmd
    .replace(/\$\{portal\}/g, 'https://data.makassarkota.go.id')
    .replace(/\{file\}/g, 'data.csv')
    .replace(/<slug>/g, 'dinkes')
    .replace(/\s*<\s*\S+$/, '') // a shell redirect (`< token.txt`)
    .split(/\s+/)
    .slice(1);
}

async function parses(args: string[]): Promise<string | undefined> {
  const program = defineProgram(async () => {});
  program.exitOverride();
  program.configureOutput({ writeOut: () => {}, writeErr: () => {} });
  for (const sub of program.commands) sub.exitOverride().configureOutput(program.configureOutput());
  try {
    await program.parseAsync(args, { from: 'user' });
    return undefined;
  } catch (e) {
    return e instanceof CommanderError ? e.message : String(e);
  }
}

describe('suggested commands', () => {
  const found = suggestions().filter(([, c]) => !MENTIONS_BY_NAME.has(c));

  it('the source suggests commands (the scan works)', () => {
    expect(found.length).toBeGreaterThan(10);
    expect(found.map(([, c]) => c)).toContain('satudata metadata --yes --set KUNCI=NILAI');
  });

  it.each(found)('%s: "%s" parses as printed', async (_where, cmd) => {
    expect(await parses(fill(cmd))).toBeUndefined();
  });

  it('the scan would catch a suggestion that lacks its argument', async () => {
    expect(await parses(fill('satudata describe --write'))).toMatch(/missing required argument 'file'/);
  });
});
