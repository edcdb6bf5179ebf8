/**
 * The typed options of each command (src/cli/options.ts) and commander's definitions (src/cli/main.ts)
 * describe the same flags: a flag added to one and not the other fails here.
 */
import { describe, expect, it } from 'vitest';
import { defineProgram } from '../../../src/cli/main.js';
import { OPTION_KEYS, type CommandName } from '../../../src/cli/options.js';

const program = defineProgram(async () => {});

describe('command options', () => {
  it('every command has a typed options object', () => {
    expect(program.commands.map((c) => c.name()).sort()).toEqual(Object.keys(OPTION_KEYS).sort());
  });

  it.each(program.commands.map((c) => [c.name(), c] as const))('%s: the typed options are exactly the flags commander defines', (name, cmd) => {
    const flags = [...new Set(cmd.options.map((o) => o.attributeName()))].sort();
    expect(flags).toEqual(Object.keys(OPTION_KEYS[name as CommandName]).sort());
  });

  it('the global options are the program\'s own', () => {
    expect(program.options.map((o) => o.attributeName()).sort()).toEqual(['color', 'debug', 'lang', 'version']);
  });
});
