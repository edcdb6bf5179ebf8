import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { run } from '../../src/cli/main.js';
import type { Report } from '../../src/validate/types.js';

/**
 * satudata against the reference implementation: for every real sample under
 * ../shared/domain/samples (copied here) and hand-made cases covering labels, rows, keys, foreign keys,
 * types and fieldsMatch, the (rowNumber, fieldNumber, type) triples of frictionless-py's
 * `validate --json`, recorded in expected.json, must be reproduced exactly and in order.
 */
const dir = path.join(ROOT, 'test/fixtures/conformance');
const recorded = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { frictionless: string; expected: Record<string, [number | null, number | null, string][]> };

async function flatten(target: string): Promise<[number | null, number | null, string][]> {
  let out = '';
  const sink = { write: (s: string) => void (out += s), isTTY: false };
  const cwd = path.join(dir, path.dirname(target));
  await run(['validate', path.basename(target), '--json', '--limit-errors', '100000'], { cwd, stdout: sink, stderr: { write: () => {}, isTTY: false }, env: {} });
  const r = JSON.parse(out) as Report;
  return [...r.errors.map((e) => [null, null, e.type] as [null, null, string]), ...r.tasks.flatMap((t) => t.errors.map((e) => [e.rowNumber ?? null, e.fieldNumber ?? null, e.type] as [number | null, number | null, string]))];
}

describe(`conformance with ${recorded.frictionless}`, () => {
  it.each(Object.keys(recorded.expected))('%s', async (target) => {
    expect(await flatten(target)).toEqual(recorded.expected[target]);
  });

  it('v2 dialect headerRows/commentChar and schema missingValues (frictionless-py reads nothing here; the spec decides)', async () => {
    expect(await flatten('cases/dialect.json')).toEqual([
      [6, 2, 'type-error'],
      [7, 1, 'constraint-error'],
      [7, 2, 'constraint-error'],
    ]);
  });
});
