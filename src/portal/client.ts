/**
 * CkanClient: the transport to the CKAN Action API (../shared/reference/ckan-api.md §1-3) over undici.
 * - GET with a query string for side-effect-free actions, POST JSON for the others, multipart for files;
 * - the token raw in `Authorization` *and* `X-CKAN-API-Key` (2.10 reads the latter, 2.11+ the former);
 * - deadlines (issue 13 item 5): connect, idle (between bytes), total per request, a time budget for the
 *   retries of one action, and one overall deadline for the command (SATUDATA_DEADLINE_SECONDS);
 * - retries with exponential backoff, bounded in count and time: reads on connection errors, 429 and 5xx;
 *   a write only when it certainly never reached the portal (refused connection, proxy) or on 429. A
 *   write whose outcome is unknown (5xx, reset, timeout after sending) is never resent: it fails with
 *   WriteOutcomeUnknown and the caller re-reads the portal (issue 14);
 * - answers larger than SATUDATA_MAX_RESPONSE_MB are refused; answers are checked against the shape the
 *   callers rely on (shapes.ts) before they are returned;
 * - proxies from HTTP(S)_PROXY / NO_PROXY (transport.ts). TLS is always verified.
 * Interpreting the answer is the pure `parseAnswer` (response.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { request, type Dispatcher } from 'undici';
import { PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import { isRetriableStatus, parseAnswer } from './response.js';
import { multipartBody, type UploadFile } from './multipart.js';
import { checkShape } from './shapes.js';
import { DeadlineExpired, makeDispatcher, readCapped, withDeadline } from './transport.js';
import { errCode, networkError, neverSent, TIMEOUT_CODES, WriteOutcomeUnknown } from './net-errors.js';

export type { UploadFile } from './multipart.js';

export interface CkanClientOptions {
  portal: string;
  token?: string;
  /** Per request: time to wait for the answer headers and between body chunks (default 30 s). */
  timeoutMs?: number;
  /** Per request: time to connect, to the portal or through the proxy tunnel (default min(timeoutMs, 30 s)). */
  connectTimeoutMs?: number;
  /** Per request: total time for one JSON request, answer included (default 4 × timeoutMs). */
  requestTimeoutMs?: number;
  /** No new attempt of one action starts after this long since its first (default 2 × requestTimeoutMs). */
  retryBudgetMs?: number;
  /** The whole command: no request runs past this (default SATUDATA_DEADLINE_SECONDS, else 30 min). */
  deadlineMs?: number;
  /** Largest answer accepted (default SATUDATA_MAX_RESPONSE_MB, else 64 MB). */
  maxResponseBytes?: number;
  /** How many times a retriable failure is retried (default 3). */
  retries?: number;
  /** First backoff delay; doubled on each retry (default 500 ms). */
  retryDelayMs?: number;
  dispatcher?: Dispatcher;
  userAgent?: string;
  lang?: Lang;
  /** Proxy settings are read from here (default process.env) so that in-process tests stay hermetic. */
  env?: NodeJS.ProcessEnv;
  /** Extra header name for the token, for portals configured with a custom `apitoken_header_name`. */
  tokenHeader?: string;
}

export interface ActionOptions {
  method?: 'GET' | 'POST';
}

export interface UploadOptions {
  /** Called with the bytes of the file sent so far. */
  onProgress?: (sent: number, total: number) => void;
}

/** Actions CKAN flags side-effect free: callable with GET (§1). */
export function isSideEffectFree(action: string): boolean {
  return /_(show|list|search|autocomplete|for_user)$/.test(action) || action === 'status_show' || action === 'license_list';
}

/** Query string as CKAN reads it: every value a string, a list as a repeated key, objects as JSON. */
export function toQuery(params: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) q.append(k, typeof item === 'object' ? JSON.stringify(item) : String(item));
    else q.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const num = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/** Uploads get their total deadline from the size too: at least 32 KiB/s on top of the base. */
const UPLOAD_MIN_BYTES_PER_SECOND = 32 * 1024;

type Body = string | NodeJS.ReadableStream | AsyncIterable<Uint8Array> | undefined;

export class CkanClient {
  readonly portal: string;
  private readonly base: string;
  private readonly token?: string;
  private readonly timeoutMs: number;
  private readonly connectTimeoutMs: number;
  private readonly requestTimeoutMs: number;
  private readonly retryBudgetMs: number;
  private readonly deadlineMs: number;
  private readonly deadlineAt: number;
  private readonly maxResponseBytes: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private dispatcher: Dispatcher;
  private readonly ownDispatcher: boolean;
  private readonly env: NodeJS.ProcessEnv;
  private readonly userAgent: string;
  private readonly lang: Lang;
  private readonly tokenHeader?: string;

  constructor(opts: CkanClientOptions) {
    this.portal = opts.portal.replace(/\/+$/, '');
    this.base = `${this.portal}/api/3/action/`;
    this.token = opts.token || undefined;
    this.env = opts.env ?? process.env;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.connectTimeoutMs = opts.connectTimeoutMs ?? Math.min(this.timeoutMs, 30_000);
    this.requestTimeoutMs = opts.requestTimeoutMs ?? this.timeoutMs * 4;
    this.retryBudgetMs = opts.retryBudgetMs ?? this.requestTimeoutMs * 2;
    this.deadlineMs = opts.deadlineMs ?? (num(this.env.SATUDATA_DEADLINE_SECONDS) ?? 1800) * 1000;
    this.deadlineAt = Date.now() + this.deadlineMs;
    this.maxResponseBytes = opts.maxResponseBytes ?? Math.round((num(this.env.SATUDATA_MAX_RESPONSE_MB) ?? 64) * 1024 * 1024);
    this.retries = opts.retries ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.userAgent = opts.userAgent ?? 'satudata';
    this.lang = opts.lang ?? 'id';
    this.tokenHeader = opts.tokenHeader;
    this.ownDispatcher = !opts.dispatcher;
    this.dispatcher = opts.dispatcher ?? this.newDispatcher();
  }

  private newDispatcher(): Dispatcher {
    return makeDispatcher({ env: this.env, connectTimeoutMs: this.connectTimeoutMs });
  }

  /** Close the connection pool this client created (not one passed in); never waits on a stuck proxy. */
  async close(): Promise<void> {
    if (!this.ownDispatcher) return;
    const d = this.dispatcher;
    await Promise.race([d.close().catch(() => {}), sleep(1000, undefined, { ref: false })]);
    await d.destroy().catch(() => {});
  }

  private headers(extra: Record<string, string>): Record<string, string> {
    const h: Record<string, string> = { accept: 'application/json', 'user-agent': this.userAgent, ...extra };
    if (this.token) {
      h.authorization = this.token;
      h['x-ckan-api-key'] = this.token;
      if (this.tokenHeader) h[this.tokenHeader.toLowerCase()] = this.token;
    }
    return h;
  }

  /** Call an action; GET for side-effect-free ones unless told otherwise. */
  async action<T>(name: string, params: object = {}, opts: ActionOptions = {}): Promise<T> {
    const method = opts.method ?? (isSideEffectFree(name) ? 'GET' : 'POST');
    const url = method === 'GET' ? `${this.base}${name}${toQuery(params)}` : `${this.base}${name}`;
    const body = method === 'GET' ? undefined : JSON.stringify(params);
    const headers = this.headers(method === 'GET' ? {} : { 'content-type': 'application/json' });
    return this.send<T>(name, method, url, () => ({ body, headers }), isSideEffectFree(name), this.requestTimeoutMs);
  }

  /**
   * Send a file with `resource_create` or `resource_patch` as multipart (field `upload`), streamed from
   * disk; the other fields are strings (§1: nested structures cannot travel in multipart).
   */
  async upload<T>(name: 'resource_create' | 'resource_patch', fields: Record<string, string>, file: UploadFile, opts: UploadOptions = {}): Promise<T> {
    const url = `${this.base}${name}`;
    const make = () => {
      const mp = multipartBody(fields, file, opts.onProgress);
      return { body: mp.body, headers: this.headers({ 'content-type': mp.contentType, 'content-length': String(mp.length) }) };
    };
    const total = this.requestTimeoutMs + Math.ceil((file.size / UPLOAD_MIN_BYTES_PER_SECOND) * 1000);
    return this.send<T>(name, 'POST', url, make, false, total);
  }

  /** One HTTP exchange under the request's total deadline and the command's deadline. */
  private async exchange(method: 'GET' | 'POST', url: string, body: Body, headers: Record<string, string>, totalMs: number) {
    const left = this.deadlineAt - Date.now();
    if (left <= 0) throw new DeadlineExpired('command');
    const which = left < totalMs ? 'command' : 'request';
    const dispatcher = this.dispatcher;
    const abort = new AbortController();
    let settled = false;
    const work = (async () => {
      const res = await request(url, {
        method,
        headers,
        body: body as string | undefined,
        dispatcher,
        signal: abort.signal,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        // undici 7 follows no redirects without an interceptor: a redirected POST would lose its body.
      } as Parameters<typeof request>[1]);
      const text = await readCapped(res.body, res.headers['content-length'], this.maxResponseBytes);
      return { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), retryAfter: res.headers['retry-after'], body: text };
    })().finally(() => {
      settled = true;
    });
    return withDeadline(work, Math.min(totalMs, left), which, () => {
      abort.abort();
      // undici cannot abort a request still waiting for a proxy tunnel: if the abort did not end it, drop
      // the whole pool (other requests in flight on it are retried like any dropped connection).
      setTimeout(() => {
        if (settled || !this.ownDispatcher || this.dispatcher !== dispatcher) return;
        this.dispatcher = this.newDispatcher();
        dispatcher.destroy().catch(() => {});
      }, 500).unref();
    });
  }

  /**
   * One action with bounded retries. `idempotent` (reads) may be retried after any transient failure; a
   * write only when it certainly did not reach the portal, else it fails with WriteOutcomeUnknown.
   */
  private async send<T>(action: string, method: 'GET' | 'POST', url: string, make: () => { body?: Body; headers: Record<string, string> }, idempotent: boolean, totalMs: number): Promise<T> {
    const started = Date.now();
    const ctx = { host: new URL(this.portal).host, action, lang: this.lang, timeoutMs: this.timeoutMs, deadlineMs: this.deadlineMs, maxResponseBytes: this.maxResponseBytes };
    for (let attempt = 0; ; attempt++) {
      let retryAfterMs: number | undefined;
      try {
        const { body, headers } = make();
        const res = await this.exchange(method, url, body, headers, totalMs);
        const retriable = res.status === 429 || (idempotent && isRetriableStatus(res.status));
        if (!retriable || !this.mayRetry(attempt, started)) {
          try {
            const result = parseAnswer<T>(action, { status: res.status, contentType: res.contentType, body: res.body }, this.lang);
            return checkShape<T>(action, result, this.lang);
          } catch (e) {
            if (!idempotent && e instanceof PortalError && isRetriableStatus(res.status) && res.status !== 429) throw new WriteOutcomeUnknown(e);
            throw e;
          }
        }
        const ra = Number(res.retryAfter);
        if (Number.isFinite(ra) && ra >= 0) retryAfterMs = Math.min(ra * 1000, 30_000);
      } catch (e) {
        if (e instanceof PortalError) throw e;
        const err = networkError(ctx, e);
        if (e instanceof DeadlineExpired && e.which === 'command') throw err;
        const code = errCode(e);
        const safe = neverSent(e) && code !== 'E_PROXY_AUTH' && !(e as { status?: number }).status;
        const transient = safe || (idempotent && this.isTransient(e));
        if (!transient || !this.mayRetry(attempt, started)) throw !idempotent && !safe ? new WriteOutcomeUnknown(err) : err;
      }
      const delay = retryAfterMs ?? this.retryDelayMs * 2 ** attempt;
      if (Date.now() + delay >= this.deadlineAt) throw networkError(ctx, new DeadlineExpired('command'));
      await sleep(delay);
    }
  }

  /** Retries are bounded in count and in time (the budget of one action). */
  private mayRetry(attempt: number, started: number): boolean {
    return attempt < this.retries && Date.now() - started < this.retryBudgetMs;
  }

  private isTransient(e: unknown): boolean {
    if (e instanceof DeadlineExpired) return true;
    const code = errCode(e);
    if (TIMEOUT_CODES.has(code)) return true;
    if (/CERT|SSL|TLS/.test(code)) return false;
    return ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'E_PROXY_CLOSED'].includes(code);
  }
}
