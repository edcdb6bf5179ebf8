/**
 * The Data Package profile validators are compiled ahead of time (scripts/build-profiles.js) into
 * src/schema/profiles-compiled.ts. The committed file must be what the script generates from the
 * patched profiles now, and its validators must answer exactly as validators compiled at run time.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generate, OUTPUT, profileAjv } from '../../../scripts/build-profiles.js';
import { patchedProfiles, type Version } from '../../../src/schema/profile-patches.js';
import { profiles } from '../../../src/schema/profiles.js';

const descriptors: Record<'schema' | 'dialect' | 'resource' | 'package', unknown[]> = {
  schema: [
    { fields: [{ name: 'id', type: 'integer' }], primaryKey: 'id' },
    { fields: 'nope' },
    { fields: [], primaryKey: 3, foreignKeys: [{ fields: 'a', reference: { fields: 'b' } }], fieldsMatch: 'subset' },
    { fields: [], foreignKeys: [{ fields: ['a'], reference: { resource: 'r' } }], missingValues: [1] },
    { fields: [], fieldsMatch: ['exact'], uniqueKeys: 'a' },
    [],
  ],
  dialect: [{ delimiter: ';', header: true }, { delimiter: 5, doubleQuote: 'yes', commentRows: 'x' }, { sheetNumber: 0 }],
  resource: [
    { name: 'data', path: 'data.csv', schema: 'schema.json' },
    { name: 'Bad Name!', path: 7, bytes: -1, hash: 5, licenses: [{}] },
    { name: 'x', data: [], homepage: 'not a url', sources: [{ title: 3 }] },
    {},
  ],
  package: [
    { name: 'paket', resources: [{ name: 'a', path: 'a.csv' }] },
    { name: 'BAD', resources: [], contributors: [{ title: 1, email: 'x' }], created: 'yesterday', homepage: 'http://[' },
    { resources: 'x', keywords: [1, 2], version: 3, licenses: [{ name: 'CC-BY-4.0', path: 'ftp://x y' }] },
  ],
};

const fieldSamples: unknown[] = [
  { name: 'a', type: 'string', format: 'email', constraints: { maxLength: 'x', enum: [] } },
  { name: 'b', type: 'integer', constraints: { minimum: '1', required: 'yes' }, bareNumber: 'no' },
  { name: 'c', type: 'date', format: 3 },
  { name: 'd', type: 'list', delimiter: 1, itemType: 'geo' },
  { name: 'e', type: 'number', decimalChar: ',', groupChar: '.', rdfType: 'not a uri' },
  { type: 'boolean', trueValues: 'ya' },
];

describe('ahead-of-time compiled profile validators', () => {
  it('the committed profiles-compiled.ts is what scripts/build-profiles.js generates (run npm run build:profiles)', () => {
    expect(readFileSync(OUTPUT, 'utf8') === generate(patchedProfiles)).toBe(true);
  });

  for (const version of ['v1', 'v2'] as Version[]) {
    it(`${version}: every validator answers (valid, errors) exactly as one compiled at run time`, () => {
      const ajv = profileAjv();
      const patched = patchedProfiles(version);
      const ours = profiles(version);
      let compared = 0;
      for (const part of ['schema', 'dialect', 'resource', 'package'] as const) {
        const runtime = ajv.compile(patched[part]);
        for (const d of descriptors[part]) {
          expect(ours[part](d)).toBe(runtime(d));
          expect(ours[part].errors ?? null).toEqual(runtime.errors ?? null);
          compared++;
        }
      }
      expect([...ours.fields.keys()]).toEqual(patched.fields.map(([type]) => type));
      for (const [type, schema] of patched.fields) {
        const runtime = ajv.compile(schema);
        for (const f of fieldSamples) {
          expect(ours.fields.get(type)!(f)).toBe(runtime(f));
          expect(ours.fields.get(type)!.errors ?? null).toEqual(runtime.errors ?? null);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  }
});
