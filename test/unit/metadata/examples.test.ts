/** Every bundled example carries complete Satu Data metadata (the invalid one is invalid in its data only). */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import type { DataPackage } from '../../../src/schema/types.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');
const packages = readdirSync(EXAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);

describe('examples meet the satudata profile', () => {
  it('there are examples', () => expect(packages.length).toBeGreaterThan(0));
  it.each(packages)('%s', (name) => {
    const pkg = JSON.parse(readFileSync(path.join(EXAMPLES, name, 'datapackage.json'), 'utf8')) as DataPackage;
    expect(checkSatudataProfile(pkg, { lang: 'en' })).toEqual([]);
  });
});
