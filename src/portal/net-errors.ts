/**
 * Network failures as PortalErrors the user can act on (exit 3), in their language: unreachable portal,
 * timeouts, the command's overall deadline, proxies (407, refused or closed tunnels), TLS, oversized
 * answers. Never undici's codes alone (`UND_ERR_ABORTED` says nothing to a data officer).
 */
import { PortalError } from '../errors.js';
import { fmt, type Lang } from '../i18n.js';
import { PORTAL_CODES } from './response.js';
import { DeadlineExpired, ProxyFailure, ResponseTooLarge } from './transport.js';

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
  deadline: {
    id: 'Perintah dihentikan: batas waktu keseluruhan {seconds} detik terlampaui saat menunggu portal {host} ({action}).',
    en: 'Command stopped: its overall time limit of {seconds} seconds ran out while waiting for the portal {host} ({action}).',
  },
  deadlineHint: {
    id: 'Portal atau proxy terlalu lambat. Coba lagi nanti, atau naikkan batasnya dengan SATUDATA_DEADLINE_SECONDS.',
    en: 'The portal or a proxy is too slow. Try again later, or raise the limit with SATUDATA_DEADLINE_SECONDS.',
  },
  proxyAuth: {
    id: 'Proxy meminta autentikasi (HTTP 407, proxy authentication required) saat menghubungi {host} ({action}).',
    en: 'Proxy authentication required (HTTP 407) by the proxy in front of {host} ({action}).',
  },
  proxyAuthHint: {
    id: 'Cantumkan pengguna dan kata sandi proxy di HTTPS_PROXY (http://pengguna:sandi@proxy:port), atau minta akses dari admin jaringan.',
    en: 'Put the proxy user and password in HTTPS_PROXY (http://user:password@proxy:port), or ask the network admin for access.',
  },
  proxyStatus: {
    id: 'Proxy menolak membuka koneksi ke {host} (HTTP {status}) ({action}).',
    en: 'The proxy refused to open a connection to {host} (HTTP {status}) ({action}).',
  },
  proxyClosed: {
    id: 'Proxy menutup koneksi ke {host} sebelum menjawab ({action}).',
    en: 'The proxy closed the connection to {host} before answering ({action}).',
  },
  proxyHint: {
    id: 'Periksa HTTPS_PROXY/HTTP_PROXY, atau tambahkan portal ke NO_PROXY jika dapat dihubungi langsung.',
    en: 'Check HTTPS_PROXY/HTTP_PROXY, or add the portal to NO_PROXY if it can be reached directly.',
  },
  tooBig: {
    id: 'Jawaban portal {host} terlalu besar (lebih dari {mb} MB) pada {action}; dihentikan.',
    en: 'The answer of the portal {host} is too large (over {mb} MB) in {action}; stopped.',
  },
  tooBigHint: {
    id: 'Portal mungkin salah konfigurasi atau bukan CKAN. Jika jawabannya memang sebesar itu, naikkan SATUDATA_MAX_RESPONSE_MB.',
    en: 'The portal may be misconfigured or not CKAN. If its answers really are that large, raise SATUDATA_MAX_RESPONSE_MB.',
  },
  tls: { id: 'Sertifikat TLS portal {host} tidak dapat diverifikasi: {detail}', en: 'The TLS certificate of {host} cannot be verified: {detail}' },
  tlsHint: {
    id: 'Verifikasi TLS tidak pernah dimatikan. Jika jaringan memakai CA sendiri, set NODE_EXTRA_CA_CERTS ke berkas sertifikat CA itu.',
    en: 'TLS verification is never turned off. If your network uses its own CA, set NODE_EXTRA_CA_CERTS to that CA certificate file.',
  },
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
