/**
 * CkanClient: the transport to the CKAN Action API (../shared/reference/ckan-api.md §1-3) over undici.
 * - GET with a query string for side-effect-free actions, POST JSON for the others, multipart for files;
 * - the token raw in `Authorization` *and* `X-CKAN-API-Key` (2.10 reads the latter, 2.11+ the former);
 * - a timeout on every request; retries with exponential backoff on connection errors, 429 and 5xx only;
 * - proxies from HTTP(S)_PROXY / NO_PROXY through undici's EnvHttpProxyAgent. TLS is always verified.
 * Interpreting the answer is the pure `parseAnswer` (response.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { PortalError } from '../errors.js';
import { fmt, type Lang } from '../i18n.js';
import { isRetriableStatus, parseAnswer, PORTAL_CODES } from './response.js';
import { multipartBody, type UploadFile } from './multipart.js';

export type { UploadFile } from './multipart.js';

export interface CkanClientOptions {
  portal: string;
  token?: string;
  /** Per request: time to wait for the answer headers and between body chunks (default 30 s). */
  timeoutMs?: number;
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

const NET = {
  network: { id: 'Tidak dapat menghubungi portal {host} ({action}): {detail}', en: 'Cannot reach the portal {host} ({action}): {detail}' },
  networkHint: {
    id: 'Periksa jaringan, alamat portal, dan proxy (HTTPS_PROXY/HTTP_PROXY/NO_PROXY).',
    en: 'Check the network, the portal URL, and the proxy settings (HTTPS_PROXY/HTTP_PROXY/NO_PROXY).',
  },
  timeout: { id: 'Portal {host} tidak menjawab dalam {seconds} detik ({action}).', en: 'The portal {host} did not answer within {seconds} seconds ({action}).' },
  timeoutHint: {
    id: 'Coba lagi nanti, atau naikkan timeoutSeconds di konfigurasi.',
    en: 'Try again later, or raise timeoutSeconds in the configuration.',
  },
  tls: { id: 'Sertifikat TLS portal {host} tidak dapat diverifikasi: {detail}', en: 'The TLS certificate of {host} cannot be verified: {detail}' },
  tlsHint: {
    id: 'Verifikasi TLS tidak pernah dimatikan. Jika jaringan memakai CA sendiri, set NODE_EXTRA_CA_CERTS ke berkas sertifikat CA itu.',
    en: 'TLS verification is never turned off. If your network uses its own CA, set NODE_EXTRA_CA_CERTS to that CA certificate file.',
  },
};

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

function errCode(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code ?? '';
}

export class CkanClient {
  readonly portal: string;
  private readonly base: string;
  private readonly token?: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly dispatcher: Dispatcher;
  private readonly ownDispatcher: boolean;
  private readonly userAgent: string;
  private readonly lang: Lang;
  private readonly tokenHeader?: string;

  constructor(opts: CkanClientOptions) {
    this.portal = opts.portal.replace(/\/+$/, '');
    this.base = `${this.portal}/api/3/action/`;
    this.token = opts.token || undefined;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.userAgent = opts.userAgent ?? 'satudata';
    this.lang = opts.lang ?? 'id';
    this.tokenHeader = opts.tokenHeader;
    const env = opts.env ?? process.env;
    this.ownDispatcher = !opts.dispatcher;
    // Empty strings (not undefined) so that EnvHttpProxyAgent does not fall back to process.env.
    this.dispatcher =
      opts.dispatcher ??
      new EnvHttpProxyAgent({
        httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
        httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
        noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
        connectTimeout: this.timeoutMs,
      });
  }

  /** Close the connection pool this client created (not one passed in). */
  async close(): Promise<void> {
    if (this.ownDispatcher) await this.dispatcher.close();
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
    return this.send<T>(name, method, url, () => ({ body, headers }), method === 'GET');
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
    return this.send<T>(name, 'POST', url, make, false);
  }

  /**
   * One action with retries. `idempotent` decides whether a timeout may be retried: a POST that timed
   * out may have been applied by the server, so repeating it blindly could create a second resource.
   */
  private async send<T>(
    action: string,
    method: 'GET' | 'POST',
    url: string,
    make: () => { body?: string | NodeJS.ReadableStream | AsyncIterable<Uint8Array>; headers: Record<string, string> },
    idempotent: boolean,
  ): Promise<T> {
    let attempt = 0;
    for (;;) {
      let retryAfterMs: number | undefined;
      try {
        const { body, headers } = make();
        const res = await request(url, {
          method,
          headers,
          body: body as string | undefined,
          dispatcher: this.dispatcher,
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          // undici 7 follows no redirects without an interceptor: a redirected POST would lose its body.
        } as Parameters<typeof request>[1]);
        const text = await res.body.text();
        const contentType = String(res.headers['content-type'] ?? '');
        if (isRetriableStatus(res.statusCode) && attempt < this.retries) {
          const ra = Number(res.headers['retry-after']);
          if (Number.isFinite(ra) && ra >= 0) retryAfterMs = Math.min(ra * 1000, 30_000);
          throw new RetryableStatus();
        }
        return parseAnswer<T>(action, { status: res.statusCode, contentType, body: text }, this.lang);
      } catch (e) {
        if (e instanceof PortalError) throw e;
        const retry = e instanceof RetryableStatus || this.isRetriableNetworkError(e, idempotent);
        if (!retry || attempt >= this.retries) throw this.networkError(action, e);
        const delay = retryAfterMs ?? this.retryDelayMs * 2 ** attempt;
        attempt++;
        await sleep(delay);
      }
    }
  }

  private isRetriableNetworkError(e: unknown, idempotent: boolean): boolean {
    const code = errCode(e);
    if (TIMEOUT_CODES.has(code)) return idempotent || code === 'UND_ERR_CONNECT_TIMEOUT';
    if (/CERT|SSL|TLS/.test(code)) return false;
    return ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code);
  }

  private networkError(action: string, e: unknown): PortalError {
    const host = new URL(this.portal).host;
    const code = errCode(e);
    const detail = code || (e as Error)?.message || String(e);
    if (TIMEOUT_CODES.has(code)) {
      return new PortalError(fmt(NET.timeout[this.lang], { host, action, seconds: Math.round(this.timeoutMs / 100) / 10 }), {
        code: PORTAL_CODES.timeout,
        hint: NET.timeoutHint[this.lang],
        cause: e,
      });
    }
    if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
      return new PortalError(fmt(NET.tls[this.lang], { host, detail }), { code: PORTAL_CODES.network, hint: NET.tlsHint[this.lang], cause: e });
    }
    return new PortalError(fmt(NET.network[this.lang], { host, action, detail }), { code: PORTAL_CODES.network, hint: NET.networkHint[this.lang], cause: e });
  }
}

/** Internal marker: a 429/5xx answer that will be retried. */
class RetryableStatus extends Error {}
