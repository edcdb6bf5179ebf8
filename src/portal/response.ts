/**
 * Pure: turn one HTTP answer of the CKAN Action API into its `result` or a typed PortalError.
 * Follows ../shared/reference/ckan-api.md §2: branch on the HTTP status *and* tolerate bodies that are
 * not the JSON envelope (400 JSON strings, HTML pages from proxies, login pages, 413 from nginx).
 */
import { PortalError } from '../errors.js';
import { fmt, type Lang, m } from '../i18n.js';

export interface RawAnswer {
  status: number;
  contentType?: string;
  body: string;
}

/** CKAN's error types (`error.__type`) that the client cares about. */
export const CKAN_TYPES = {
  validation: 'Validation Error',
  authorization: 'Authorization Error',
  notFound: 'Not Found Error',
  integrity: 'Integrity Error',
  searchQuery: 'Search Query Error',
  search: 'Search Error',
} as const;

/** Stable codes for PortalError.code, so callers (push, status) can branch without parsing text. */
export const PORTAL_CODES = {
  validation: 'E_PORTAL_VALIDATION',
  forbidden: 'E_PORTAL_FORBIDDEN',
  notFound: 'E_PORTAL_NOT_FOUND',
  badRequest: 'E_PORTAL_BAD_REQUEST',
  tooLarge: 'E_PORTAL_TOO_LARGE',
  notCkan: 'E_PORTAL_NOT_CKAN',
  server: 'E_PORTAL_SERVER',
  rateLimited: 'E_PORTAL_RATE_LIMITED',
  ckan: 'E_PORTAL_CKAN',
  network: 'E_PORTAL_NETWORK',
  timeout: 'E_PORTAL_TIMEOUT',
} as const;

const M = {
  validation: m('portal.response.m.validation'),
  forbidden: m('portal.response.m.forbidden'),
  forbiddenHint: m('portal.response.m.forbiddenHint'),
  notFound: m('portal.response.m.notFound'),
  badRequest: m('portal.response.m.badRequest'),
  tooLarge: m('portal.response.m.tooLarge'),
  tooLargeHint: m('portal.response.m.tooLargeHint'),
  notCkan: m('portal.response.m.notCkan'),
  notCkanHint: m('portal.response.m.notCkanHint'),
  server: m('portal.response.m.server'),
  rateLimited: m('portal.response.m.rateLimited'),
  ckan: m('portal.response.m.ckan'),
};

function pick(m: { id: string; en: string }, lang: Lang): string {
  return m[lang];
}

/**
 * Flatten CKAN's 409 body into `field → messages`. Nested resource errors (a list with one dict per
 * resource, `{}` for valid ones) become `resources[i].field`; the `__type` and `message` keys of the
 * envelope are not fields (a lone `message` is kept under `message`).
 */
export function flattenFieldErrors(error: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === 'string') {
      (out[prefix] ??= []).push(v);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => {
        if (typeof item === 'string') (out[prefix] ??= []).push(item);
        else if (item && typeof item === 'object') walk(`${prefix}[${i}]`, item);
      });
    } else if (v && typeof v === 'object') {
      for (const [k, sub] of Object.entries(v as Record<string, unknown>)) walk(prefix ? `${prefix}.${k}` : k, sub);
    }
  };
  for (const [k, v] of Object.entries(error)) {
    if (k === '__type') continue;
    walk(k, v);
  }
  return out;
}

function describeFieldErrors(fields: Record<string, string[]>): string {
  const parts = Object.entries(fields).map(([k, msgs]) => `${k}: ${msgs.join('; ')}`);
  return parts.length ? parts.join(' | ') : '?';
}

/** A short, single-line excerpt of an HTML or text body: its <title> if any, else the first words. */
export function snippetOf(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1];
  const text = (title ?? body.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text || '(empty)';
}

function tryJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

/** True when a failed answer is worth retrying: 429 and 5xx (never another 4xx). */
export function isRetriableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Interpret an answer. Returns the `result` of a successful envelope, or throws a PortalError whose
 * `status`, `ckanType` and `fieldErrors` let the caller explain it. Messages never include request
 * headers, so the token cannot leak through them.
 */
export function parseAnswer<T>(action: string, answer: RawAnswer, lang: Lang = 'id'): T {
  const { status, body } = answer;
  const parsed = tryJson(body);
  const vars = { action, status };

  if (!parsed.ok) {
    if (status === 413) {
      throw new PortalError(fmt(pick(M.tooLarge, lang), vars), { code: PORTAL_CODES.tooLarge, status, hint: pick(M.tooLargeHint, lang) });
    }
    if (status === 429) throw new PortalError(fmt(pick(M.rateLimited, lang), vars), { code: PORTAL_CODES.rateLimited, status });
    if (status >= 500) {
      throw new PortalError(fmt(pick(M.server, lang), { ...vars, detail: snippetOf(body) }), { code: PORTAL_CODES.server, status });
    }
    throw new PortalError(fmt(pick(M.notCkan, lang), { ...vars, snippet: snippetOf(body) }), {
      code: PORTAL_CODES.notCkan,
      status,
      hint: pick(M.notCkanHint, lang),
    });
  }

  const value = parsed.value;
  // Unknown action / bad request data: HTTP 400 with a bare JSON string, no envelope.
  if (typeof value === 'string') {
    throw new PortalError(fmt(pick(M.badRequest, lang), { ...vars, detail: value }), { code: PORTAL_CODES.badRequest, status });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || !('success' in value)) {
    throw new PortalError(fmt(pick(M.notCkan, lang), { ...vars, snippet: snippetOf(body) }), {
      code: PORTAL_CODES.notCkan,
      status,
      hint: pick(M.notCkanHint, lang),
    });
  }
  const env = value as { success: boolean; result?: unknown; error?: Record<string, unknown> };
  if (env.success === true && status < 400) return env.result as T;

  const error = env.error && typeof env.error === 'object' ? env.error : {};
  const ckanType = typeof error.__type === 'string' ? error.__type : undefined;
  const message = typeof error.message === 'string' ? error.message : '';

  if (status === 409 && ckanType === CKAN_TYPES.validation) {
    const fieldErrors = flattenFieldErrors(error);
    throw new PortalError(fmt(pick(M.validation, lang), { ...vars, detail: describeFieldErrors(fieldErrors) }), {
      code: PORTAL_CODES.validation,
      status,
      ckanType,
      fieldErrors,
    });
  }
  if (status === 403 || ckanType === CKAN_TYPES.authorization) {
    throw new PortalError(fmt(pick(M.forbidden, lang), { ...vars, detail: message || 'Access denied' }), {
      code: PORTAL_CODES.forbidden,
      status,
      ckanType,
      hint: pick(M.forbiddenHint, lang),
    });
  }
  if (status === 404 || ckanType === CKAN_TYPES.notFound) {
    throw new PortalError(fmt(pick(M.notFound, lang), { ...vars, detail: message || 'Not found' }), {
      code: PORTAL_CODES.notFound,
      status,
      ckanType,
    });
  }
  if (status === 413) {
    throw new PortalError(fmt(pick(M.tooLarge, lang), vars), { code: PORTAL_CODES.tooLarge, status, ckanType, hint: pick(M.tooLargeHint, lang) });
  }
  if (status === 429) throw new PortalError(fmt(pick(M.rateLimited, lang), vars), { code: PORTAL_CODES.rateLimited, status, ckanType });
  if (status >= 500) {
    throw new PortalError(fmt(pick(M.server, lang), { ...vars, detail: message || ckanType || '?' }), { code: PORTAL_CODES.server, status, ckanType });
  }
  const fieldErrors = ckanType ? flattenFieldErrors(error) : undefined;
  throw new PortalError(fmt(pick(M.ckan, lang), { ...vars, type: ckanType ?? `HTTP ${status}`, detail: message || (fieldErrors ? describeFieldErrors(fieldErrors) : '?') }), {
    code: PORTAL_CODES.ckan,
    status,
    ckanType,
    fieldErrors,
  });
}
