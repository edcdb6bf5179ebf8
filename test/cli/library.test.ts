import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../helpers/cli.js';

describe('the library API', () => {
  it("import { validate } from 'satudata' works from the built package", () => {
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', "import { validate, renderJunit } from 'satudata'; const r = await validate(['examples/dinkes-puskesmas-invalid']); console.log(JSON.stringify({ valid: r.valid, errors: r.stats.errors, junit: renderJunit(r, { lang: 'en' }).startsWith('<?xml') }));"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({ valid: false, errors: 5, junit: true });
  });
});
