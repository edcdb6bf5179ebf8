/**
 * Scale: 52 organizations with 2,000 datasets (issue 6: "finish in seconds"). Asserts completeness
 * through both paths; the durations are printed for the report, never asserted (no timed assertions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCkan, type FakeCkan, type SeedDataset } from '../fake-ckan/server.js';
import { statusSeed } from '../fixtures/status/seed.js';
import { runCli } from './status-helpers.js';

let ckan: FakeCkan;
const seed = statusSeed();
const orgs = (seed.orgs ?? []).map((o) => (typeof o === 'string' ? o : o.name));
const datasets: SeedDataset[] = Array.from({ length: 2000 }, (_, i) => ({
  name: `dataset-skala-${String(i).padStart(4, '0')}`,
  org: orgs[i % orgs.length]!,
  private: i % 10 === 0,
  metadata_created: '2024-01-01T00:00:00',
  metadata_modified: '2024-01-01T00:00:00',
  resources: [{ name: 'data', url: 'http://files.example.invalid/d.csv', last_modified: i % 3 === 0 ? null : `2025-0${1 + (i % 6)}-01T00:00:00` }],
}));

beforeAll(async () => {
  ckan = await startFakeCkan({ ...seed, datasets, rowsMax: 1000 });
});
afterAll(async () => {
  await ckan.close();
});

describe('status at city scale', () => {
  it('reads 2,000 datasets of 52 organizations through search (2 pages of 1000) and through the fallback', async () => {
    const t0 = performance.now();
    const viaSearch = await runCli(['status', '--portal', ckan.url, '--now', '2025-07-01', '--json'], { env: { SATUDATA_API_TOKEN: ckan.tokens.sysadmin } });
    const searchMs = performance.now() - t0;
    const doc = JSON.parse(viaSearch.stdout);
    expect(doc.organizations.reduce((n: number, o: { datasets: number }) => n + o.datasets, 0)).toBe(2000);
    expect(doc.summary.organizations).toBe(52);

    ckan.setFault({ action: 'package_search', kind: 'status500', times: Infinity });
    const t1 = performance.now();
    const viaFallback = await runCli(['status', '--portal', ckan.url, '--now', '2025-07-01', '--json']);
    const fallbackMs = performance.now() - t1;
    ckan.clearFaults();
    const fb = JSON.parse(viaFallback.stdout);
    // Without a token and a register the fallback sees the public datasets only (package_list).
    expect(fb.organizations.reduce((n: number, o: { datasets: number }) => n + o.datasets, 0)).toBe(1800);
    console.log(`status scale: search ${Math.round(searchMs)} ms, fallback (incl. 3.5 s of retries of the failing search) ${Math.round(fallbackMs)} ms`);
  });
});
