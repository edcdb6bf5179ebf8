/**
 * Download one published resource for `status --check-data`: streamed to disk, stopped at a size
 * limit, with an idle and a total deadline. The token goes ONLY to the portal's own origin (scheme,
 * host and port): a resource URL can point anywhere, so a resource hosted elsewhere is downloaded
 * without any credential, and a redirect that leaves the portal drops the credential too.
 */
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request, type Dispatcher } from 'undici';

export interface DownloadOptions {
  portal: string;
  token?: string;
  maxBytes: number;
  /** No byte for this long: give up. */
  idleMs: number;
  /** The whole download, redirects included. */
  totalMs: number;
  dispatcher: Dispatcher;
  userAgent?: string;
}

export type DownloadResult =
  | { ok: true; bytes: number }
  | { ok: false; reason: 'too-large' | 'not-found' | 'download-failed'; detail: string };

const MAX_REDIRECTS = 5;

class TooLarge extends Error {}

/** Whether a URL is on the portal's own origin: the only place the token may go. */
export function isPortalOrigin(url: string, portal: string): boolean {
  try {
    return new URL(url).origin === new URL(portal).origin;
  } catch {
    return false;
  }
}

function mib(n: number): string {
  return `${Math.round((n / 1048576) * 10) / 10} MiB`;
}

export async function download(url: string, dest: string, opts: DownloadOptions): Promise<DownloadResult> {
  const signal = AbortSignal.timeout(opts.totalMs);
  let current: URL;
  try {
    current = new URL(url, opts.portal);
  } catch {
    return { ok: false, reason: 'download-failed', detail: 'URL?' };
  }
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') return { ok: false, reason: 'download-failed', detail: `${current.protocol} URL` };
    const headers: Record<string, string> = { 'user-agent': opts.userAgent ?? 'satudata' };
    if (opts.token && isPortalOrigin(current.href, opts.portal)) {
      headers.authorization = opts.token;
      headers['x-ckan-api-key'] = opts.token;
    }
    let res: Dispatcher.ResponseData;
    try {
      res = await request(current, { method: 'GET', headers, dispatcher: opts.dispatcher, signal, headersTimeout: opts.idleMs, bodyTimeout: opts.idleMs });
    } catch (e) {
      return { ok: false, reason: 'download-failed', detail: failure(e, signal) };
    }
    if (res.statusCode >= 300 && res.statusCode < 400 && res.headers.location) {
      await res.body.dump().catch(() => undefined);
      try {
        current = new URL(String(res.headers.location), current);
      } catch {
        return { ok: false, reason: 'download-failed', detail: `HTTP ${res.statusCode}` };
      }
      continue;
    }
    if (res.statusCode !== 200) {
      await res.body.dump().catch(() => undefined);
      return { ok: false, reason: res.statusCode === 404 || res.statusCode === 410 ? 'not-found' : 'download-failed', detail: `HTTP ${res.statusCode}` };
    }
    const announced = Number(res.headers['content-length']);
    if (Number.isFinite(announced) && announced > opts.maxBytes) {
      res.body.destroy();
      return { ok: false, reason: 'too-large', detail: `${mib(announced)} > ${mib(opts.maxBytes)}` };
    }
    let bytes = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        if (bytes > opts.maxBytes) return done(new TooLarge());
        done(null, chunk);
      },
    });
    try {
      await pipeline(res.body, counter, createWriteStream(dest));
      return { ok: true, bytes };
    } catch (e) {
      if (e instanceof TooLarge) return { ok: false, reason: 'too-large', detail: `> ${mib(opts.maxBytes)}` };
      return { ok: false, reason: 'download-failed', detail: failure(e, signal) };
    }
  }
  return { ok: false, reason: 'download-failed', detail: `> ${MAX_REDIRECTS} redirects` };
}

function failure(e: unknown, total: AbortSignal): string {
  if (total.aborted) return 'timeout';
  const code = (e as { code?: string })?.code ?? '';
  if (/TIMEOUT/.test(code)) return 'timeout';
  return code || (e as Error)?.name || 'error';
}
