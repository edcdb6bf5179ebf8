/**
 * The layering of src/ (issue 19): dependency-cruiser checks .dependency-cruiser.cjs, the rule file
 * that reads as the architecture (README "Layout"). Run on src/ it must find nothing; run on a small
 * tree that breaks every rule once (test/fixtures/layering) it must catch each break, so a rule that
 * stopped matching (a renamed folder, a bad pattern) fails here too.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

const BIN = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const RULES = join(ROOT, '.dependency-cruiser.cjs');

function cruise(cwd: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, [BIN, 'src', '--config', RULES, '--output-type', 'err'], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** `rule: from → to` for each violation of the err report (a cycle: `→ cycle`; an npm package: its name). */
function violations(out: string): string[] {
  const target = (to: string) => (to ? to.replace(/^.*node_modules\/([^/]+)\/.*$/, '$1') : 'cycle');
  return [...out.matchAll(/^\s+error ([\w-]+): (\S+) → (\S*)\s*$/gm)].map((m) => `${m[1]}: ${m[2]} → ${target(m[3] ?? '')}`).sort();
}

describe('layering', () => {
  it('src/ follows the rules of .dependency-cruiser.cjs', () => {
    const r = cruise(ROOT);
    // The report names each import that breaks a rule, and the rule.
    expect(r.out).toMatch(/no dependency violations found/);
    expect(r.code, r.out).toBe(0);
  }, 120_000);

  it('each rule catches its break in a tree that breaks them all, and a cycle inside one folder is allowed', () => {
    const r = cruise(join(ROOT, 'test', 'fixtures', 'layering'));
    expect(r.code).not.toBe(0);
    expect(violations(r.out)).toEqual(
      [
        'ckan-mapping-pure: src/ckan/mapping.ts → src/portal/session.ts',
        'ckan-mapping-pure: src/ckan/mapping.ts → undici',
        'config-not-portal: src/config/load.ts → src/portal/session.ts',
        'metadata-not-portal: src/metadata/flow.ts → src/portal/session.ts',
        'no-cycles-between-folders: src/a/one.ts → cycle',
        'nothing-imports-cli: src/metadata/flow.ts → src/cli/prompt.ts',
        'nothing-imports-the-library-entry: src/a/one.ts → src/index.ts',
        'table-schema-no-config-no-portal: src/schema/cast.ts → src/portal/session.ts',
        'table-schema-no-config-no-portal: src/table/reader.ts → src/config/load.ts',
        'table-schema-offline: src/table/reader.ts → http',
        'table-schema-offline: src/table/reader.ts → undici',
        'validate-no-portal-cli-config: src/validate/engine.ts → src/config/load.ts',
        'validate-no-portal-cli-config: src/validate/engine.ts → src/portal/session.ts',
      ].sort(),
    );
    expect(r.out).toMatch(/src\/a\/one\.ts → \s*src\/b\/two\.ts →\s*src\/a\/one\.ts/);
    expect(r.out).not.toMatch(/src\/a\/p\.ts|src\/a\/q\.ts/);
  }, 120_000);
});
