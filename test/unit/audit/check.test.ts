import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckCache, fingerprint, userCacheDir } from '../../../src/audit/check/cache.js';
import { storedSchema, tableKind } from '../../../src/audit/check/check.js';
import { download, isPortalOrigin } from '../../../src/audit/check/download.js';
import type { AuditResult } from '../../../src/audit/types.js';
import { exitCodeFor } from '../../../src/cli/commands/status.js';
import { startFileHost, type FileHost } from '../../fake-ckan/files.js';

describe('tableKind and storedSchema', () => {
  it.each([
    [{ format: 'CSV' }, 'csv'],
    [{ format: 'xlsx' }, 'xlsx'],
    [{ format: '.XLS' }, 'xls'],
    [{ format: 'GeoJSON', url: 'http://x/a.csv' }, undefined],
    [{ format: '', url: 'http://x/data.CSV?download=1' }, 'csv'],
    [{ url: 'http://x/data.pdf' }, undefined],
  ])('%j → %s', (r, kind) => {
    expect(tableKind(r)).toBe(kind);
  });
  it.each([
    ['{"fields":[]}', { fields: [] }],
    [{ fields: [] }, { fields: [] }],
    ['https://example.org/schema.json', undefined],
    ['[1]', undefined],
    [undefined, undefined],
  ])('schema %j → %j', (schema, out) => {
    expect(storedSchema({ schema })).toEqual(out);
  });
});

describe('the cache', () => {
  it('lives in the user cache folder', () => {
    expect(userCacheDir({ SATUDATA_CACHE_DIR: '/c' }, 'linux')).toBe('/c');
    expect(userCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }, 'linux')).toBe('/x/satudata');
    expect(userCacheDir({ HOME: '/h' }, 'linux')).toBe('/h/.cache/satudata');
    expect(userCacheDir({ LOCALAPPDATA: 'C:\\L' }, 'win32')).toMatch(/satudata.cache$/);
  });
  it('changes its key when the portal says the file or the schema changed, and has none without any such metadata', () => {
    const base = { id: 'r1', url: 'http://p/x.csv', lastModified: '2025-01-01T00:00:00', size: 10, hash: 'sha256:ab', schema: '{"fields":[]}' };
    const k = fingerprint(base, 100);
    expect(fingerprint({ ...base }, 100)).toBe(k);
    for (const change of [{ lastModified: '2025-01-02T00:00:00' }, { size: 11 }, { hash: 'sha256:cd' }, { schema: '{"fields":[{"name":"a"}]}' }, { url: 'http://p/y.csv' }]) {
      expect(fingerprint({ ...base, ...change }, 100)).not.toBe(k);
    }
    expect(fingerprint(base, 200)).not.toBe(k);
    expect(fingerprint({ id: 'r1', url: 'http://p/x.csv' }, 100)).toBeNull();
  });
  it('returns an outcome only for the same fingerprint; entries of files hosted elsewhere expire after a week', async () => {
    const c = new CheckCache(mkdtempSync(join(tmpdir(), 'cache-')), 'http://p.example');
    await c.put('r1', 'k1', { kind: 'valid', noSchema: false }, 1_000);
    expect(await c.get('r1', 'k1', false, 1_000 + 30 * 86_400_000)).toEqual({ kind: 'valid', noSchema: false });
    expect(await c.get('r1', 'k2', false)).toBeUndefined();
    expect(await c.get('r2', 'k1', false)).toBeUndefined();
    expect(await c.get('r1', 'k1', true, 1_000 + 8 * 86_400_000)).toBeUndefined();
  });
});

describe('download: the token goes only to the portal origin', () => {
  let portal: FileHost;
  let other: FileHost;
  const dispatcher = new Agent();
  const dir = mkdtempSync(join(tmpdir(), 'dl-'));
  beforeAll(async () => {
    portal = await startFileHost();
    other = await startFileHost();
    portal.files.set('/a.csv', 'a\n1\n');
    other.files.set('/b.csv', 'b\n2\n');
  });
  afterAll(async () => {
    await portal.close();
    await other.close();
    await dispatcher.close();
  });
  const opts = () => ({ portal: portal.url, token: 'rahasia-token', maxBytes: 1024 * 1024, idleMs: 2000, totalMs: 3000, dispatcher });

  it('same origin only: scheme, host and port', () => {
    expect(isPortalOrigin('http://127.0.0.1:8000/x', 'http://127.0.0.1:8000')).toBe(true);
    expect(isPortalOrigin('http://127.0.0.1:8001/x', 'http://127.0.0.1:8000')).toBe(false);
    expect(isPortalOrigin('https://127.0.0.1:8000/x', 'http://127.0.0.1:8000')).toBe(false);
    expect(isPortalOrigin('http://127.0.0.1:8000@evil/x', 'http://127.0.0.1:8000')).toBe(false);
  });

  it('sends it to the portal, not to another host, and drops it when the portal redirects away', async () => {
    expect(await download(`${portal.url}/a.csv`, join(dir, 'a'), opts())).toEqual({ ok: true, bytes: 4 });
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('a\n1\n');
    expect(portal.hits.at(-1)).toMatchObject({ path: '/a.csv', authorization: 'rahasia-token' });
    expect(await download(`${other.url}/b.csv`, join(dir, 'b'), opts())).toEqual({ ok: true, bytes: 4 });
    expect(other.hits.at(-1)).toMatchObject({ path: '/b.csv', authorization: undefined, apiKey: undefined });
    const r = await download(`${portal.url}/redirect?to=${encodeURIComponent(`${other.url}/b.csv`)}`, join(dir, 'c'), opts());
    expect(r).toEqual({ ok: true, bytes: 4 });
    expect(portal.hits.at(-1)).toMatchObject({ path: '/redirect', authorization: 'rahasia-token' });
    expect(other.hits.at(-1)).toMatchObject({ path: '/b.csv', authorization: undefined, apiKey: undefined });
  });

  it('stops an endless body at the size limit (bounded memory: streamed to disk)', async () => {
    const r = await download(`${other.url}/endless`, join(dir, 'e'), { ...opts(), maxBytes: 2 * 1024 * 1024 });
    expect(r).toEqual({ ok: false, reason: 'too-large', detail: '> 2 MiB' });
  });

  it('gives up on a body that trickles forever (total deadline), and reports 404 and refused schemes', async () => {
    expect(await download(`${other.url}/slow`, join(dir, 's'), { ...opts(), idleMs: 1000, totalMs: 800 })).toEqual({ ok: false, reason: 'download-failed', detail: 'timeout' });
    expect(await download(`${other.url}/nope.csv`, join(dir, 'n'), opts())).toEqual({ ok: false, reason: 'not-found', detail: 'HTTP 404' });
    expect(await download('file:///etc/passwd', join(dir, 'f'), opts())).toEqual({ ok: false, reason: 'download-failed', detail: 'file: URL' });
  });
});

describe('--fail-on levels: each includes the ones before it', () => {
  const r = (s: Partial<AuditResult['summary']>) => ({ summary: { missing: 0, empty: 0, stale: 0, invalid: 0, ...s } }) as AuditResult;
  it.each([
    [{}, [0, 0, 0, 0]],
    [{ missing: 1 }, [1, 1, 1, 0]],
    [{ empty: 1 }, [1, 1, 1, 0]],
    [{ stale: 1 }, [0, 1, 1, 0]],
    [{ invalid: 1 }, [0, 0, 1, 0]],
  ])('%j → missing/stale/invalid/never %j', (s, codes) => {
    expect((['missing', 'stale', 'invalid', 'never'] as const).map((f) => exitCodeFor(r(s), f))).toEqual(codes);
  });
});
