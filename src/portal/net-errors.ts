/**
 * Network failures as PortalErrors the user can act on (exit 3), in their language: unreachable portal,
 * timeouts, the command's overall deadline, proxies (407, refused or closed tunnels), TLS, oversized
 * answers. Never undici's codes alone (`UND_ERR_ABORTED` says nothing to a data officer).
 */
import { PortalError } from '../errors.js';
import { fmt, type Lang, m } from '../i18n.js';
import { PORTAL_CODES } from './response.js';
import { DeadlineExpired, ProxyFailure, ResponseTooLarge } from './transport.js';

const NET = {
  network: m('portal.net-errors.net.network'),
  networkHint: m('portal.net-errors.net.networkHint'),
  timeout: m('portal.net-errors.net.timeout'),
  timeoutHint: m('portal.net-errors.net.timeoutHint'),
  deadline: m('portal.net-errors.net.deadline'),
  deadlineHint: m('portal.net-errors.net.deadlineHint'),
  proxyAuth: m('portal.net-errors.net.proxyAuth'),
  proxyAuthHint: m('portal.net-errors.net.proxyAuthHint'),
  proxyStatus: m('portal.net-errors.net.proxyStatus'),
  proxyClosed: m('portal.net-errors.net.proxyClosed'),
  proxyHint: m('portal.net-errors.net.proxyHint'),
  tooBig: m('portal.net-errors.net.tooBig'),
  tooBigHint: m('portal.net-errors.net.tooBigHint'),
  tls: m('portal.net-errors.net.tls'),
  tlsHint: m('portal.net-errors.net.tlsHint'),
};

export const NET_CODES = {
  deadline: 'E_PORTAL_DEADLINE',
  proxy: 'E_PORTAL_PROXY',
  responseTooLarge: 'E_PORTAL_RESPONSE_TOO_LARGE',
} as const;

export const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT']);

export function errCode(e: unknown): string {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code ?? err?.cause?.code ?? '';
}

/** Failures where the request certainly never reached the portal: safe to send again, even a write. */
export function neverSent(e: unknown): boolean {
  if (e instanceof ProxyFailure) return true;
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH'].includes(errCode(e));
}

export interface NetContext {
  host: string;
  action: string;
  lang: Lang;
  timeoutMs: number;
  deadlineMs: number;
  maxResponseBytes: number;
}

const sec = (ms: number) => Math.round(ms / 100) / 10;

export function networkError(c: NetContext, e: unknown): PortalError {
  const m = (x: { id: string; en: string }) => x[c.lang];
  const code = errCode(e);
  const vars = { host: c.host, action: c.action };
  if (e instanceof DeadlineExpired && e.which === 'command') {
    return new PortalError(fmt(m(NET.deadline), { ...vars, seconds: sec(c.deadlineMs) }), { code: NET_CODES.deadline, hint: m(NET.deadlineHint), cause: e });
  }
  if (e instanceof DeadlineExpired || TIMEOUT_CODES.has(code)) {
    return new PortalError(fmt(m(NET.timeout), { ...vars, seconds: sec(c.timeoutMs) }), { code: PORTAL_CODES.timeout, hint: m(NET.timeoutHint), cause: e });
  }
  if (e instanceof ResponseTooLarge) {
    return new PortalError(fmt(m(NET.tooBig), { ...vars, mb: Math.round((e.limit / 1048576) * 10) / 10 }), { code: NET_CODES.responseTooLarge, hint: m(NET.tooBigHint), cause: e });
  }
  if (e instanceof ProxyFailure) {
    if (e.code === 'E_PROXY_AUTH') return new PortalError(fmt(m(NET.proxyAuth), vars), { code: NET_CODES.proxy, status: 407, hint: m(NET.proxyAuthHint), cause: e });
    if (e.code === 'E_PROXY_STATUS') return new PortalError(fmt(m(NET.proxyStatus), { ...vars, status: e.status }), { code: NET_CODES.proxy, status: e.status, hint: m(NET.proxyHint), cause: e });
    return new PortalError(fmt(m(NET.proxyClosed), vars), { code: NET_CODES.proxy, hint: m(NET.proxyHint), cause: e });
  }
  if (/CERT|SSL|TLS|SELF_SIGNED/.test(code)) {
    return new PortalError(fmt(m(NET.tls), { ...vars, detail: code }), { code: PORTAL_CODES.network, hint: m(NET.tlsHint), cause: e });
  }
  const detail = code || (e as Error)?.message || String(e);
  return new PortalError(fmt(m(NET.network), { ...vars, detail }), { code: PORTAL_CODES.network, hint: m(NET.networkHint), cause: e });
}

/**
 * A write whose outcome is unknown: the request was sent, and then a 5xx, a reset or a timeout came
 * instead of CKAN's answer. The portal may or may not have applied it; the caller must re-read the
 * portal before deciding (issue 14), never send it again blindly.
 */
export class WriteOutcomeUnknown extends PortalError {
  readonly outcomeUnknown = true;
  constructor(readonly inner: PortalError) {
    super(inner.message, { code: inner.code, hint: inner.hint, status: inner.status, ckanType: inner.ckanType, cause: inner });
  }
}

export function isOutcomeUnknown(e: unknown): e is WriteOutcomeUnknown {
  return e instanceof WriteOutcomeUnknown;
}
