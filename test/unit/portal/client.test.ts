import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CkanClient, isSideEffectFree, toQuery } from '../../../src/portal/client.js';
import { PORTAL_CODES } from '../../../src/portal/response.js';
import { PortalError } from '../../../src/errors.js';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { startFakeCkan, type FakeCkan } from '../../fake-ckan/server.js';

let ckan: FakeCkan;
const clients: CkanClient[] = [];
const client = (token?: string, extra: Partial<ConstructorParameters<typeof CkanClient>[0]> = {}) => {
  const c = new CkanClient({ portal: ckan.url, token, timeoutMs: 2000, retries: 2, retryDelayMs: 1, lang: 'en', env: {}, ...extra });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  ckan = await startFakeCkan({ datasets: [{ name: 'existing', org: 'org-a' }] });
});
afterAll(async () => {
  for (const c of clients) await c.close();
  await ckan.close();
});
beforeEach(() => ckan.clearFaults());

async function failure(p: Promise<unknown>): Promise<PortalError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PortalError) return e;
    throw e;
  }
  throw new Error('expected a PortalError');
}

describe('request shape', () => {
  it.each([
    ['package_show', true],
    ['package_search', true],
    ['organization_list_for_user', true],
    ['status_show', true],
    ['license_list', true],
    ['package_create', false],
    ['package_patch', false],
    ['resource_delete', false],
  ])('%s side-effect free: %s', (name, expected) => expect(isSideEffectFree(name)).toBe(expected));

  it.each([
    [{}, ''],
    [{ id: 'x' }, '?id=x'],
    [{ fq: 'organization:a b', rows: 5, include_private: true }, '?fq=organization%3Aa+b&rows=5&include_private=true'],
    [{ k: ['a', 'b'], skip: undefined }, '?k=a&k=b'],
  ])('toQuery(%j) = %s', (params, q) => expect(toQuery(params)).toBe(q));

  it('uses GET for reads and POST JSON for writes, sending the token raw', async () => {
    const c = client(ckan.tokens.editor);
    const before = ckan.calls.length;
    await c.action('package_show', { id: 'existing' });
    await c.action('package_patch', { id: 'existing', notes: 'x' });
    const [show, patch] = ckan.calls.slice(before);
    expect(show).toMatchObject({ action: 'package_show', method: 'GET', user: 'fake-editor' });
    expect(patch).toMatchObject({ action: 'package_patch', method: 'POST', user: 'fake-editor', status: 200 });
  });

  it('an unknown token is silently anonymous, like CKAN', async () => {
    const e = await failure(client('not-a-real-token').action('user_show'));
    expect(e.status).toBe(404);
    expect(e.message).not.toContain('not-a-real-token');
  });
});

describe('errors', () => {
  it('409 carries the field errors', async () => {
    const e = await failure(client(ckan.tokens.editor).action('package_create', { name: 'A b', owner_org: 'org-a', tags: [{ name: 'x' }] }));
    expect(e.code).toBe(PORTAL_CODES.validation);
    expect(e.ckanType).toBe('Validation Error');
    expect(e.fieldErrors?.name).toContain('Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_');
    expect(e.fieldErrors?.tags?.[0]).toMatch(/length is less than minimum 2/);
  });

  it('403 for a member explains the missing rights', async () => {
    const e = await failure(client(ckan.tokens.member).action('package_create', { name: 'by-member', owner_org: 'org-b' }));
    expect(e.status).toBe(403);
    expect(e.ckanType).toBe('Authorization Error');
    expect(e.hint).toMatch(/editor or admin/);
  });

  it('a bare JSON string 400 (unknown action) is understood', async () => {
    const e = await failure(client().action('no_such_action', {}, { method: 'POST' }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/Action name not known: no_such_action/);
  });

  it('a write sent with GET is refused by CKAN with 400', async () => {
    const e = await failure(client(ckan.tokens.editor).action('package_delete', { id: 'existing' }, { method: 'GET' }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/POST/);
  });

  it('an HTML 413 from a proxy is explained, not retried', async () => {
    ckan.setFault({ action: 'package_show', kind: 'html413', times: 5 });
    const before = ckan.calls.length;
    const e = await failure(client().action('package_show', { id: 'existing' }));
    expect(e.code).toBe(PORTAL_CODES.tooLarge);
    expect(e.hint).toMatch(/client_max_body_size/);
    expect(ckan.calls.length - before).toBe(1);
  });

  it('a non-CKAN page is reported as such', async () => {
    const c = new CkanClient({ portal: `${ckan.url}/not-ckan`, retries: 0, lang: 'en', env: {} });
    clients.push(c);
    const e = await failure(c.action('status_show'));
    expect(e.code).toBe(PORTAL_CODES.notCkan);
    expect(e.message).toMatch(/404 Not Found/);
  });
});

describe('retries', () => {
  it.each(['status500', 'status503', 'status429', 'status502', 'reset'] as const)('retries a %s and succeeds', async (kind) => {
    ckan.setFault({ action: 'status_show', kind, times: 2 });
    const before = ckan.calls.length;
    const r = await client().action<{ ckan_version: string }>('status_show');
    expect(r.ckan_version).toBeTruthy();
    expect(ckan.calls.length - before).toBe(3);
  });

  it('gives up after the configured retries with a 5xx error', async () => {
    ckan.setFault({ action: 'status_show', kind: 'status500', times: Infinity });
    const before = ckan.calls.length;
    const e = await failure(client().action('status_show'));
    expect(e.code).toBe(PORTAL_CODES.server);
    expect(ckan.calls.length - before).toBe(3);
  });

  it('never retries a 4xx', async () => {
    const before = ckan.calls.length;
    await failure(client().action('package_show', { id: 'nope' }));
    expect(ckan.calls.length - before).toBe(1);
  });

  it('times out a silent server; a GET is retried, a POST is not', async () => {
    ckan.setFault({ action: 'status_show', kind: 'timeout', times: Infinity });
    ckan.setFault({ action: 'package_patch', kind: 'timeout', times: Infinity });
    const c = client(ckan.tokens.editor, { timeoutMs: 200, retries: 1 });
    let before = ckan.calls.length;
    const e = await failure(c.action('status_show'));
    expect(e.code).toBe(PORTAL_CODES.timeout);
    expect(ckan.calls.length - before).toBe(2);
    before = ckan.calls.length;
    const e2 = await failure(c.action('package_patch', { id: 'existing', notes: 'y' }));
    expect(e2.code).toBe(PORTAL_CODES.timeout);
    expect(ckan.calls.length - before).toBe(1);
  });

  it('a refused connection is a network error naming the host', async () => {
    const c = new CkanClient({ portal: 'http://127.0.0.1:9', retries: 1, retryDelayMs: 1, lang: 'en', env: {} });
    clients.push(c);
    const e = await failure(c.action('status_show'));
    expect(e.code).toBe(PORTAL_CODES.network);
    expect(e.message).toMatch(/127\.0\.0\.1:9/);
  });
});

describe('upload', () => {
  it('streams a file as multipart `upload` with progress and stores it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-up-'));
    const file = join(dir, 'data.csv');
    const content = 'a,b\n' + '1,2\n'.repeat(50_000);
    writeFileSync(file, content);
    const c = client(ckan.tokens.editor);
    const pkg = await c.action<{ id: string }>('package_show', { id: 'existing' });
    const seen: number[] = [];
    const r = await c.upload<{ id: string; url: string; size: number; satudata_sha256: string }>(
      'resource_create',
      { package_id: pkg.id, name: 'data', format: 'CSV', satudata_sha256: 'abc' },
      { path: file, filename: 'data.csv', contentType: 'text/csv', size: Buffer.byteLength(content) },
      { onProgress: (sent) => seen.push(sent) },
    );
    expect(r.size).toBe(Buffer.byteLength(content));
    expect(r.satudata_sha256).toBe('abc');
    expect(seen[seen.length - 1]).toBe(Buffer.byteLength(content));
    expect(seen.length).toBeGreaterThan(2);
    const served = await fetch(r.url).then((x) => x.text());
    expect(served).toBe(content);
  });
});

describe('proxies (HTTP_PROXY / NO_PROXY through EnvHttpProxyAgent)', () => {
  let proxy: Server;
  let proxyUrl = '';
  const tunnels: string[] = [];
  beforeAll(async () => {
    // A minimal CONNECT proxy, like the ones government networks put in front of the internet.
    proxy = createServer((_req, res) => res.writeHead(405).end());
    proxy.on('connect', (req, socket, head) => {
      tunnels.push(String(req.url));
      const [host, port] = String(req.url).split(':');
      const upstream = connect(Number(port), host, () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  });

  it('goes through the proxy named by HTTP_PROXY', async () => {
    tunnels.length = 0;
    const c = client(undefined, { env: { HTTP_PROXY: proxyUrl } });
    expect((await c.action<{ ckan_version: string }>('status_show')).ckan_version).toBeTruthy();
    expect(tunnels).toEqual([new URL(ckan.url).host]);
  });

  it('bypasses it for hosts in NO_PROXY', async () => {
    tunnels.length = 0;
    const c = client(undefined, { env: { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' } });
    await c.action('status_show');
    expect(tunnels).toEqual([]);
  });
});

describe('CKAN upload size limit', () => {
  it('answers 409 {upload: ["File upload too large"]}', async () => {
    const small = await startFakeCkan({ maxResourceSizeMB: 0.001 });
    const c = new CkanClient({ portal: small.url, token: small.tokens.editor, lang: 'en', env: {}, retries: 0 });
    try {
      const pkg = await c.action<{ id: string }>('package_create', { name: 'big-one', owner_org: 'org-a' });
      const dir = mkdtempSync(join(tmpdir(), 'satudata-big-'));
      writeFileSync(join(dir, 'big.csv'), 'x'.repeat(5000));
      const e = await failure(c.upload('resource_create', { package_id: pkg.id, name: 'big' }, { path: join(dir, 'big.csv'), filename: 'big.csv', contentType: 'text/csv', size: 5000 }));
      expect(e.status).toBe(409);
      expect(e.fieldErrors).toEqual({ upload: ['File upload too large'] });
      expect((await c.action<{ resources: unknown[] }>('package_show', { id: 'big-one' })).resources).toEqual([]);
    } finally {
      await c.close();
      await small.close();
    }
  });
});
