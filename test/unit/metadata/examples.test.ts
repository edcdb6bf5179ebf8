/** Every bundled example carries complete Satu Data metadata (the invalid one is invalid in its data only). */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import type { DataPackage } from '../../../src/schema/types.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
// Only folders holding a data package (examples/ also has e.g. the audit scripts).
const packages = readdirSync(EXAMPLES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(EXAMPLES, d.name, 'datapackage.json')))
  .map((d) => d.name);

describe('examples meet the satudata profile', () => {
  it('there are examples', () => expect(packages.length).toBeGreaterThan(0));
  it.each(packages)('%s', (name) => {
    const pkg = JSON.parse(readFileSync(path.join(EXAMPLES, name, 'datapackage.json'), 'utf8')) as DataPackage;
    expect(checkSatudataProfile(pkg, { lang: 'en' })).toEqual([]);
  });
});
