/**
 * preparePush (issue 19): the checks push makes before it writes, as typed refusals, against the fake
 * CKAN; and refusalError, which gives every refusal the error class (so the exit code) the README
 * documents: 1 data, 2 config, 3 portal.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CkanDatasetDraft } from '../../../src/ckan/mapping.js';
import { ConfigError, DataInvalidError, PortalError } from '../../../src/errors.js';
import { CkanClient } from '../../../src/portal/client.js';
import { lockPath } from '../../../src/portal/lock.js';
import type { LocalResource } from '../../../src/portal/plan.js';
import { preparePush, refusalError, refusalSummary, type PrepareInput, type PushRefusal } from '../../../src/portal/prepare.js';
import { verifyToken } from '../../../src/portal/session.js';
import type { Report } from '../../../src/validate/types.js';
import { startFakeCkan, type FakeCkan } from '../../fake-ckan/server.js';

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan({ datasets: [{ name: 'ada', org: 'org-a' }] });
});
afterAll(async () => ckan?.close());

const draft = (over: Partial<CkanDatasetDraft> = {}): CkanDatasetDraft => ({
  name: 'baru', title: 'T', notes: 'N', owner_org: 'org-a', license_id: 'cc-by', private: false,
  author: 'A', author_email: '', maintainer: 'M', maintainer_email: 'm@x.id', tags: [], extras: [],
  ...over,
});

const local = (name: string, bytes: number): LocalResource => ({
  draft: { name, description: 'd', format: 'CSV', mimetype: 'text/csv', schema: '{"fields":[]}', localPath: `${name}.csv` },
  sha256: `h-${name}`, bytes, file: `/tmp/${name}.csv`,
});

async function prepare(token: string, over: Partial<PrepareInput> = {}) {
  const client = new CkanClient({ portal: ckan.url, token, retries: 0, env: {} });
  try {
    const who = await verifyToken(client, ckan.url, 'en', 'env:SATUDATA_API_TOKEN');
    return await preparePush({ client, who, draft: draft(), locals: [local('satu', 2000)], organizationFrom: 'sdi.organisasi', prune: false, maxUploadMB: 10, lang: 'en', ...over });
  } finally {
    await client.close();
  }
}

describe('preparePush', () => {
  it('an editor of the organization: the plan, with no writes made', async () => {
    const before = ckan.calls.length;
    const r = await prepare(ckan.tokens.editor);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.push.remote).toBeUndefined();
    expect(r.push.plan.dataset.action).toBe('created');
    expect(r.push.plan.resources.map((s) => [s.name, s.action])).toEqual([['satu', 'created']]);
    // Reads only: who the token is, the licences, the dataset.
    expect(ckan.calls.slice(before).map((c) => c.action)).toEqual(['user_show', 'organization_list_for_user', 'license_list', 'package_show']);
  });

  it('a member token: a no-rights refusal naming the user, the organization and where it came from', async () => {
    const r = await prepare(ckan.tokens.member);
    expect(r).toEqual({ ok: false, refusal: { kind: 'no-rights', user: 'fake-member', organization: 'org-a', organizationFrom: 'sdi.organisasi', mayPublishTo: [] } });
  });

  it('a licence the portal does not list: a licence refusal with the portal\'s list', async () => {
    const r = await prepare(ckan.tokens.editor, { draft: draft({ license_id: 'made-up' }) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.kind).toBe('licence');
    expect(r.refusal.kind === 'licence' && r.refusal.violations.map((v) => v.field)).toEqual(['licenses[0]']);
    expect(r.refusal.kind === 'licence' && r.refusal.violations[0]?.message).toMatch(/made-up.*cc-by/);
  });

  it('files over maxUploadMB: a too-large refusal, and the lock it took is released', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-prepare-'));
    const r = await prepare(ckan.tokens.editor, { locals: [local('kecil', 100), local('besar', 3 * 1024 * 1024)], maxUploadMB: 2, lock: { dir, waitMs: 0 } });
    expect(r).toEqual({ ok: false, refusal: { kind: 'too-large', limitMB: 2, files: [{ name: 'besar', bytes: 3 * 1024 * 1024 }] } });
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('a real push holds the package lock from the plan on, until the caller releases it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-prepare-'));
    const r = await prepare(ckan.tokens.editor, { lock: { dir, waitMs: 0 } });
    expect(r.ok && r.push.lock !== undefined).toBe(true);
    expect(existsSync(lockPath(dir))).toBe(true);
    if (r.ok) await r.push.lock?.release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});

describe('refusalError: one error class, hence one exit code, per kind of refusal', () => {
  const report = { valid: false, stats: { errors: 3 } } as unknown as Report;
  const cases: [PushRefusal, typeof DataInvalidError | typeof ConfigError | typeof PortalError, number, string, RegExp][] = [
    [{ kind: 'invalid', report }, DataInvalidError, 1, 'E_INVALID', /^The package is not valid; nothing was sent to the portal\.$/],
    [{ kind: 'ckan-rules', violations: [{ field: 'name', message: 'too short' }] }, DataInvalidError, 1, 'E_CKAN_RULES', /cannot be published to CKAN as it is:\n {2}- name: too short$/],
    [{ kind: 'licence', violations: [{ field: 'licenses[0]', message: 'not known' }] }, DataInvalidError, 1, 'E_INVALID', /^The licence is not accepted by the portal\.\n {2}- licenses\[0\]: not known$/],
    [{ kind: 'too-large', limitMB: 2, files: [{ name: 'besar', bytes: 3_000_000 }] }, ConfigError, 2, 'E_TOO_LARGE', /maxUploadMB \(2 MB\): besar \(3\.0 MB\)/],
    [{ kind: 'no-rights', user: 'u', organization: 'org-a', organizationFrom: '--org', mayPublishTo: ['org-b'] }, PortalError, 3, 'E_NO_RIGHTS', /The token of u has no right to publish in the organization "org-a" \(from --org\)/],
  ];
  it.each(cases)('%o', (refusal, cls, exit, code, message) => {
    const e = refusalError(refusal, 'en');
    expect(e).toBeInstanceOf(cls);
    expect([e.exitCode, e.code]).toEqual([exit, code]);
    expect(e.message).toMatch(message);
  });

  it('the no-rights hint names where the token may publish, or that it may publish nowhere', () => {
    const r = (mayPublishTo: string[]): PushRefusal => ({ kind: 'no-rights', user: 'u', organization: 'org-a', mayPublishTo });
    expect(refusalError(r(['org-b', 'org-c']), 'en').hint).toMatch(/It may publish to: org-b, org-c\. Use --org/);
    expect(refusalError(r([]), 'en').hint).toMatch(/It may publish to no organization/);
  });

  it('the push log records the local refusals as a short summary', () => {
    expect(refusalSummary({ kind: 'invalid', report }, 'en')).toEqual({ code: 'E_INVALID', message: '3 validation error(s)' });
    expect(refusalSummary({ kind: 'ckan-rules', violations: [{ field: 'a', message: 'x' }, { field: 'b', message: 'y' }] }, 'en')).toEqual({ code: 'E_CKAN_RULES', message: 'a: x; b: y' });
  });
});
