import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/validate.js';
// Plain JavaScript shared with `npm run differential` (scripts/differential.js).
// @ts-expect-error no type declarations for the .js harness
import { frictionlessPython, runDifferential } from './harness.js';

/**
 * satudata against frictionless-py 5.21 on generated tables (test/differential/generate.js): the fixed
 * seed ranges below must show no disagreement the allowlist (allowlist.json) does not explain.
 * frictionless-py comes from the cached venv that scripts/ensure-frictionless.sh installs (npm test runs
 * it through scripts/ensure-test-deps.sh). Missing in CI (CI=true) is a failure; locally a loud skip.
 */
const SEEDS = [
  { seed: 1, n: 300 },
  { seed: 100_000, n: 300 },
];
const python: string | undefined = frictionlessPython();
const inCi = /^(1|true|yes)$/i.test(process.env.CI ?? '');

if (!python && !inCi) {
  console.warn('\n!!! differential test SKIPPED: frictionless-py 5.21 is not installed. Run: bash scripts/ensure-frictionless.sh\n');
}

describe.skipIf(!python && !inCi)('differential with frictionless-py 5.21', () => {
  it('frictionless-py is installed (scripts/ensure-frictionless.sh)', () => {
    expect(python, 'frictionless-py 5.21 venv missing: run bash scripts/ensure-frictionless.sh').toBeTruthy();
  });

  it.each(SEEDS)('$n cases from seed $seed: no unexplained disagreement', async ({ seed, n }) => {
    if (!python) throw new Error('frictionless-py 5.21 venv missing: run bash scripts/ensure-frictionless.sh');
    const out = await runDifferential({ n, seed, validate, python });
    const bad = out.results.filter((r: { status: string }) => r.status === 'disagree');
    expect(bad.map((r: { seed: number; desc: string; detail: unknown }) => `seed ${r.seed}: ${r.desc}\n  ${JSON.stringify(r.detail)}`)).toEqual([]);
    expect(out.agree + out.allowed).toBe(n);
    // Most cases must agree outright: an allowlist that explains everything proves nothing.
    expect(out.agree).toBeGreaterThan(n * 0.75);
  }, 180_000);
});
