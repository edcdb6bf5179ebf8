/**
 * Issue 13 item 5: proxies and portals that never answer, or answer too much. Every case must end by
 * itself with a clear error (exit 3 for commands); bounds on time are generous on purpose (the point is
 * "does not hang", not speed), bounds on connections and bytes are exact enough to catch a loop.
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CkanClient } from '../../../src/portal/client.js';
import { PortalError } from '../../../src/errors.js';
import { isOutcomeUnknown } from '../../../src/portal/net-errors.js';
import { startFakeCkan, type FakeCkan } from '../../fake-ckan/server.js';
import { packageCopy, runCli, uniqueName } from '../../cli/push-helpers.js';

const servers: (Server | HttpServer)[] = [];
const sockets = new Set<Socket>();
const clients: CkanClient[] = [];
let fake: FakeCkan | undefined;

afterEach(async () => {
  for (const c of clients.splice(0)) await c.close();
  for (const s of sockets) s.destroy();
  sockets.clear();
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});
afterAll(async () => {
  await fake?.close();
});

/** A TCP "proxy" with a behaviour; counts the connections it accepts. */
async function badProxy(onConn: (s: Socket) => void): Promise<{ url: string; conns: () => number }> {
  let n = 0;
  const srv = createServer((s) => {
    n++;
    sockets.add(s);
    s.on('error', () => {});
    s.on('close', () => sockets.delete(s));
    onConn(s);
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, conns: () => n };
}

/** An HTTP "portal" with a behaviour. */
async function badPortal(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
  const srv = createHttpServer(handler);
  srv.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
}

function client(portal: string, extra: Partial<ConstructorParameters<typeof CkanClient>[0]> = {}): CkanClient {
  const c = new CkanClient({ portal, lang: 'en', env: {}, retryDelayMs: 1, ...extra });
  clients.push(c);
  return c;
}

async function failure(p: Promise<unknown>): Promise<{ e: PortalError; ms: number }> {
  const t0 = Date.now();
  try {
    await p;
  } catch (e) {
    if (e instanceof PortalError) return { e, ms: Date.now() - t0 };
    throw e;
  }
  throw new Error('expected a PortalError');
}

describe('proxies that misbehave', () => {
  it('a proxy that accepts and never answers CONNECT: the request fails by its deadline, a few connections', async () => {
    const proxy = await badProxy(() => {});
    const c = client('http://portal.example:8080', { env: { HTTP_PROXY: proxy.url }, timeoutMs: 300, requestTimeoutMs: 600, retries: 2 });
    const { e, ms } = await failure(c.action('status_show'));
    expect(e.message).toMatch(/did not answer within|proxy/i);
    expect(e.exitCode).toBe(3);
    expect(ms).toBeLessThan(15_000);
    expect(proxy.conns()).toBeLessThanOrEqual(3);
  });

  it('a proxy that closes every connection at once: a bounded number of attempts, not a reconnect storm', async () => {
    const proxy = await badProxy((s) => s.destroy());
    const c = client('http://portal.example:8080', { env: { HTTP_PROXY: proxy.url }, timeoutMs: 1000, retries: 3 });
    const { e, ms } = await failure(c.action('package_show', { id: 'x' }));
    expect(e.code).toBe('E_PORTAL_PROXY');
    expect(e.message).toMatch(/The proxy closed the connection to portal\.example:8080 before answering \(package_show\)/);
    expect(ms).toBeLessThan(15_000);
    expect(proxy.conns()).toBeLessThanOrEqual(4); // 1 + 3 retries (undici alone reconnects ~1500 times a second)
  });

  it.each([
    ['en', /Proxy authentication required \(HTTP 407\)/, /HTTPS_PROXY \(http:\/\/user:password@proxy:port\)/],
    ['id', /Proxy meminta autentikasi \(HTTP 407, proxy authentication required\)/, /HTTPS_PROXY \(http:\/\/pengguna:sandi@proxy:port\)/],
  ] as const)('a 407 says "proxy authentication required" (%s), is not retried, never UND_ERR_ABORTED', async (lang, message, hint) => {
    const proxy = await badProxy((s) => s.once('data', () => s.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="kantor"\r\nContent-Length: 0\r\n\r\n')));
    const c = client('http://portal.example:8080', { env: { HTTP_PROXY: proxy.url }, lang, retries: 3 });
    const { e } = await failure(c.action('status_show'));
    expect(e.message).toMatch(message);
    expect(e.hint).toMatch(hint);
    expect(e.status).toBe(407);
    expect(`${e.message} ${e.hint}`).not.toMatch(/UND_ERR/);
    expect(proxy.conns()).toBe(1);
  });
});

describe('portals that answer too slowly or too much', () => {
  it('a portal that sends one byte at a time (idle timeout never fires): the total request deadline ends it', async () => {
    const portal = await badPortal((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 200);
      res.on('close', () => clearInterval(t));
    });
    const c = client(portal, { timeoutMs: 1000, requestTimeoutMs: 1500, retries: 1 });
    const { e, ms } = await failure(c.action('status_show'));
    expect(e.code).toBe('E_PORTAL_TIMEOUT');
    expect(ms).toBeLessThan(15_000);
  });

  it("the command's overall deadline stops everything and says so", async () => {
    const portal = await badPortal(() => {});
    const c = client(portal, { timeoutMs: 60_000, deadlineMs: 1200, retries: 5 });
    const { e, ms } = await failure(c.action('status_show'));
    expect(e.code).toBe('E_PORTAL_DEADLINE');
    expect(e.message).toMatch(/overall time limit of 1\.2 seconds ran out while waiting for the portal .* \(status_show\)/);
    expect(ms).toBeLessThan(15_000);
    const again = await failure(c.action('status_show'));
    expect(again.e.code).toBe('E_PORTAL_DEADLINE'); // nothing starts after the deadline
  });

  it.each([
    ['streamed without a length', false],
    ['announced by Content-Length', true],
  ])('a huge JSON answer (%s) is refused at the cap, without reading it all', async (_l, announce) => {
    let sent = 0;
    const portal = await badPortal((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(announce ? { 'content-length': String(10 * 1024 ** 3) } : {}) });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (sent < 512 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
      };
      res.on('drain', pump);
      res.write('{"success": true, "result": "');
      pump();
    });
    const c = client(portal, { maxResponseBytes: 1024 * 1024, retries: 2 });
    const { e } = await failure(c.action('package_search', {}));
    expect(e.code).toBe('E_PORTAL_RESPONSE_TOO_LARGE');
    expect(e.message).toMatch(/too large \(over 1 MB\) in package_search/);
    expect(sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('a write answered by a 502 is not sent again: its outcome is unknown; a read is retried', async () => {
    let posts = 0;
    let gets = 0;
    const portal = await badPortal((req, res) => {
      if (req.method === 'POST') posts++;
      else gets++;
      req.resume();
      res.writeHead(502, { 'content-type': 'text/html' }).end('<title>502 Bad Gateway</title>');
    });
    const c = client(portal, { retries: 3 });
    const w = await failure(c.action('resource_create', { package_id: 'x' }));
    expect(isOutcomeUnknown(w.e)).toBe(true);
    expect(posts).toBe(1);
    await failure(c.action('package_show', { id: 'x' }));
    expect(gets).toBe(4);
  });
});

describe('commands against them (exit 3, clear message, no hang)', () => {
  it('status against a portal sending one byte every 5 s stops at SATUDATA_DEADLINE_SECONDS', async () => {
    const portal = await badPortal((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const t = setInterval(() => res.write(' '), 5000);
      res.write(' ');
      res.on('close', () => clearInterval(t));
    });
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-drip-'));
    const t0 = Date.now();
    const r = await runCli(['status', '--portal', portal], { cwd, env: { SATUDATA_DEADLINE_SECONDS: '3' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/overall time limit of 3 seconds ran out/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it('status against a portal whose answers have the wrong shape: exit 3 naming the action, never a TypeError', async () => {
    const portal = await badPortal((req, res) => {
      const action = /action\/([^/?]+)/.exec(req.url ?? '')?.[1];
      const result = action === 'status_show' ? { ckan_version: '2.11.0' } : { count: 'many', results: 'none' };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ success: true, result }));
    });
    const cwd = mkdtempSync(join(tmpdir(), 'satudata-shape-'));
    const r = await runCli(['status', '--portal', portal], { cwd, env: {} });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/The portal answered (organization_list|package_search|package_list) with an unexpected shape: result/);
    expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
  }, 60_000);

  it('push through a proxy that closes every connection: exit 3 naming the proxy, bounded attempts', async () => {
    fake ??= await startFakeCkan();
    const proxy = await badProxy((s) => s.destroy());
    const dir = packageCopy('kebakaran', uniqueName('proxy'));
    const r = await runCli(['push', '--portal', fake.url], { cwd: dir, env: { SATUDATA_API_TOKEN: fake.tokens.editor, HTTP_PROXY: proxy.url } });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/The proxy closed the connection to 127\.0\.0\.1:\d+ before answering \(user_show\)/);
    expect(proxy.conns()).toBeLessThanOrEqual(4);
  }, 60_000);
});
