/** The env file contract (shape read by the contract suite) and the instance it points to. */
import { describe, expect, it } from 'vitest';
import { action, envProblems, loadCkanEnv } from './env.js';

const valid = {
  url: 'http://127.0.0.1:5000',
  schemingUrl: 'http://127.0.0.1:5001',
  ckanVersion: '2.11.6',
  solrVersion: '9.10.1',
  sysadmin: { name: 'admin', token: 't0' },
  orgs: ['org-a', 'org-b'],
  editor: { name: 'e', token: 't1', org: 'org-a' },
  member: { name: 'm', token: 't2', org: 'org-b' },
};

describe('envProblems', () => {
  const cases: [string, unknown, RegExp | null][] = [
    ['the documented shape', valid, null],
    ['not an object', [], /not a JSON object/],
    ['an extra key', { ...valid, extra: 1 }, /keys are/],
    ['a missing token', { ...valid, editor: { name: 'e', org: 'org-a' } }, /editor keys|editor\.token/],
    ['a non-loopback url', { ...valid, url: 'http://0.0.0.0:5000' }, /url must be/],
    ['a non-loopback schemingUrl', { ...valid, schemingUrl: 'http://example.org:5001' }, /schemingUrl must be/],
    ['no schemingUrl', (({ schemingUrl: _s, ...rest }) => rest)(valid), /keys are/],
    ['orgs not a list', { ...valid, orgs: 'org-a' }, /orgs must be/],
    ['an empty version', { ...valid, solrVersion: '' }, /solrVersion missing/],
  ];
  it.each(cases)('%s', (_label, raw, expected) => {
    const problems = envProblems(raw);
    if (expected === null) expect(problems).toEqual([]);
    else expect(problems.join('; ')).toMatch(expected);
  });

  it('never puts a token value into a problem message', () => {
    const problems = envProblems({ ...valid, member: { name: 'm', token: 'secret-token-value', org: 7 } });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join(' ')).not.toContain('secret-token-value');
  });
});

describe('the running instance', () => {
  const env = loadCkanEnv();

  it('is the CKAN 2.x and Solr 9 that the env file names', async () => {
    const wanted = process.env.CKAN_VERSION;
    if (wanted) expect(env.ckanVersion).toBe(wanted);
    else expect(env.ckanVersion).toMatch(/^2\.11\.\d+$/);
    expect(env.solrVersion).toMatch(/^9\.\d+\.\d+$/);
    const status = await action(env, 'status_show');
    expect(status.status).toBe(200);
    expect(status.result.ckan_version).toBe(env.ckanVersion);
    expect(status.result.site_url).toBe(env.url);
  });

  it('lists exactly the seeded organizations', async () => {
    const res = await action(env, 'organization_list');
    expect(res.result).toEqual(['org-a', 'org-b']);
    expect(env.orgs).toEqual(['org-a', 'org-b']);
  });
});
