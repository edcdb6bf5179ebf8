/**
 * A fake CKAN (Action API v3) on 127.0.0.1 with an ephemeral port, for tests. It enforces the rules of
 * ../shared/reference/ckan-api.md that a client can trip over (validation 409 bodies, 403 for members,
 * unknown tokens silently anonymous, package_update wiping omitted lists, pagination caps, upload size)
 * and can inject faults (5xx, 429, timeouts, connection resets, HTML 413 from a "proxy").
 *
 *   const ckan = await startFakeCkan();            // default seed: org-a, org-b, editor, member, sysadmin
 *   ckan.setFault({ action: 'resource_create', kind: 'status500', times: Infinity, skip: 1 });
 *   await ckan.close();
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTIONS, SIDE_EFFECT_FREE, type Upload } from './actions.js';
import { BadRequest, jsonData, multipartData, queryData, readBody } from './http.js';
import { CkanError } from './rules.js';
import { buildState, DEFAULT_SEED, type Dict, type FakeSeed, type State } from './state.js';
import { answerAfterApplied, isAppliedFault, type AppliedFaultKind } from './faults.js';

export type { FakeSeed, SeedDataset, SeedResource, SeedUser, Role } from './state.js';

export type FaultKind = 'status500' | 'status502' | 'status503' | 'status429' | 'timeout' | 'reset' | 'html413' | AppliedFaultKind | 'stall';

export interface Fault {
  /** Action name it applies to (all actions when absent). */
  action?: string;
  kind: FaultKind;
  /** How many matching requests fail (default 1; Infinity = until cleared). */
  times?: number;
  /** Let this many matching requests through first. */
  skip?: number;
}

export interface Call {
  action: string;
  method: string;
  user?: string;
  status: number;
  multipart: boolean;
}

/** The same shape as the real-CKAN environment file (SATUDATA_CKAN_ENV). */
export interface CkanEnv {
  url: string;
  ckanVersion: string;
  solrVersion: string;
  sysadmin: { name: string; token: string };
  orgs: string[];
  editor: { name: string; token: string; org: string };
  member: { name: string; token: string; org: string };
}

export interface FakeCkan {
  url: string;
  state: State;
  env: CkanEnv;
  tokens: { sysadmin: string; editor: string; member: string };
  /** Every action request received, in order. */
  calls: Call[];
  setFault(f: Fault): void;
  clearFaults(): void;
  /** Simulate a reverse proxy body limit (nginx client_max_body_size): HTML 413 above it. */
  setProxyLimit(bytes: number | undefined): void;
  close(): Promise<void>;
}

const WRITE_ACTIONS = /_(create|update|patch|delete|revise|purge)$/;
export const isWriteAction = (a: string) => WRITE_ACTIONS.test(a);

const HTML_413 = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export async function startFakeCkan(seed: FakeSeed = {}): Promise<FakeCkan> {
  let siteUrl = '';
  let state: State | undefined;
  const faults: (Fault & { left: number; skipLeft: number })[] = [];
  const calls: Call[] = [];
  let proxyLimit: number | undefined;

  const send = (res: ServerResponse, status: number, body: unknown, type = 'application/json;charset=utf-8') => {
    const text = typeof body === 'string' && !type.startsWith('application/json') ? body : JSON.stringify(body);
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const takeFault = (action: string): Fault | undefined => {
    for (const f of faults) {
      if (f.action && f.action !== action) continue;
      if (f.skipLeft > 0) {
        f.skipLeft--;
        continue;
      }
      if (f.left <= 0) continue;
      f.left--;
      return f;
    }
    return undefined;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', siteUrl);
    // 'stall': take the request and never read its body (the client is stuck mid-upload).
    const stallFor = /^\/api(?:\/3)?\/action\/([^/]+)$/.exec(url.pathname)?.[1];
    if (stallFor && faults.some((f) => f.kind === 'stall' && (!f.action || f.action === stallFor) && f.left > 0) && takeFault(stallFor)) {
      calls.push({ action: stallFor, method: req.method ?? 'GET', status: -3, multipart: String(req.headers['content-type'] ?? '').startsWith('multipart/') });
      return;
    }
    const body = await readBody(req);
    const s = state!;

    const dl = /^\/dataset\/([^/]+)\/resource\/([^/]+)\/download\/([^/]+)$/.exec(url.pathname);
    if (dl && req.method === 'GET') {
      const f = s.files.get(dl[2]!);
      const p = s.packages.get(dl[1]!);
      if (!f || !p) return send(res, 404, '<html><title>404 Not Found</title></html>', 'text/html');
      res.writeHead(200, { 'content-type': f.mimetype, 'content-length': f.bytes.length });
      res.end(f.bytes);
      return;
    }
    const m = /^\/api(?:\/3)?\/action\/([^/]+)$/.exec(url.pathname);
    if (!m) return send(res, 404, '<html><title>404 Not Found</title><body>Not Found</body></html>', 'text/html; charset=utf-8');
    const action = m[1]!;
    const contentType = String(req.headers['content-type'] ?? '');
    const multipart = contentType.startsWith('multipart/form-data');
    const token = String(req.headers.authorization ?? req.headers['x-ckan-api-key'] ?? '');
    // A JSONP callback makes CKAN drop the user; an unknown token is silently anonymous.
    const user = url.searchParams.has('callback') ? undefined : s.userByToken(token);
    const call: Call = { action, method: req.method ?? 'GET', user: user?.name, status: 0, multipart };
    calls.push(call);
    const reply = (status: number, payload: unknown, type?: string) => {
      call.status = status;
      send(res, status, payload, type);
    };

    if (proxyLimit !== undefined && body.length > proxyLimit) return reply(413, HTML_413, 'text/html');
    const fault = takeFault(action);
    if (fault && !isAppliedFault(fault.kind)) {
      switch (fault.kind) {
        case 'timeout':
          call.status = -1;
          return; // never answer; close() destroys the socket
        case 'reset':
          call.status = -2;
          req.socket.destroy();
          return;
        case 'html413':
          return reply(413, HTML_413, 'text/html');
        case 'status429':
          return reply(429, { help: '', success: false, error: { __type: 'Too Many Requests', message: 'Rate limit' } });
        case 'status502':
          return reply(502, '<html><title>502 Bad Gateway</title></html>', 'text/html');
        default:
          return reply(fault.kind === 'status503' ? 503 : 500, { help: '', success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } });
      }
    }

    const handler = ACTIONS[action];
    if (!handler) return reply(400, `Bad request - Action name not known: ${action}`);
    if (req.method === 'GET' && !SIDE_EFFECT_FREE.has(action)) return reply(400, 'Bad request - Invalid request. Please use POST method for your request');
    const help = `${siteUrl}/api/3/action/help_show?name=${action}`;
    try {
      let data: Dict;
      let upload: Upload | undefined;
      if (req.method === 'GET') data = queryData(url);
      else if (multipart) {
        const mp = multipartData(body, contentType);
        data = mp.data;
        const f = mp.files.find((x) => x.field === 'upload');
        if (f) upload = { filename: f.filename, bytes: f.bytes, contentType: f.contentType };
      } else data = jsonData(body);
      const result = handler({ state: s, user, data, upload, siteUrl });
      // "Applied, then failed": the action took effect, but the client never hears it.
      if (fault && isAppliedFault(fault.kind)) return answerAfterApplied(fault.kind, call, req, res);
      reply(200, { help, success: true, result: result ?? null });
    } catch (e) {
      if (e instanceof BadRequest) return reply(400, `Bad request - ${e.message}`);
      if (e instanceof CkanError) return reply(e.status, { help, success: false, error: { ...e.body, __type: e.type } });
      reply(500, { help, success: false, error: { __type: 'Internal Server Error', message: `Internal Server Error: ${(e as Error).message}` } });
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, { success: false, error: { __type: 'Internal Server Error', message: 'Internal Server Error' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  siteUrl = `http://127.0.0.1:${port}`;
  state = buildState(seed, () => siteUrl);

  const sys = seed.sysadmin ?? DEFAULT_SEED.sysadmin;
  const editor = seed.editor ?? DEFAULT_SEED.editor;
  const member = seed.member ?? DEFAULT_SEED.member;
  const orgs = (seed.orgs ?? DEFAULT_SEED.orgs).map((o) => (typeof o === 'string' ? o : o.name));

  return {
    url: siteUrl,
    state,
    calls,
    env: { url: siteUrl, ckanVersion: '2.11.0-fake', solrVersion: 'none', sysadmin: sys, orgs, editor, member },
    tokens: { sysadmin: sys.token, editor: editor.token, member: member.token },
    setFault: (f) => faults.push({ ...f, left: f.times ?? 1, skipLeft: f.skip ?? 0 }),
    clearFaults: () => {
      faults.length = 0;
    },
    setProxyLimit: (bytes) => {
      proxyLimit = bytes;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
