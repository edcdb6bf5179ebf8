import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { redactUrl } from '../redact-url.js';
import { onExitCleanup } from './exit-cleanup.js';

const MAX_BYTES = 2 * 1024 ** 3;

/**
 * Temporary folders of downloaded files. They live while any validation runs (`holdRemoteTemp`) and
 * are removed when the last one ends, on success or error, and on exit, Ctrl-C (SIGINT) or SIGTERM.
 */
const temps = new Set<string>();
let holders = 0;
let hooked = false;

function removeTemps(): void {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  temps.clear();
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  onExitCleanup(removeTemps);
}

/** Run `work` with downloads kept until it (and every other holder) is done, then removed. */
export async function holdRemoteTemp<T>(work: () => Promise<T>): Promise<T> {
  holders++;
  try {
    return await work();
  } finally {
    if (--holders === 0) removeTemps();
  }
}

/**
 * Download a remote resource (only with --allow-remote) to a temporary file, through the proxy given by
 * HTTP(S)_PROXY/NO_PROXY, with a size cap, so the readers can stream it like a local file.
 */
export async function fetchRemote(url: string): Promise<string> {
  const shown = redactUrl(url);
  let res;
  try {
    // undici is loaded only here: most runs never download, and it costs ~0.1 s of start-up.
    const { fetch, EnvHttpProxyAgent } = await import('undici');
    res = await fetch(url, { dispatcher: new EnvHttpProxyAgent(), signal: AbortSignal.timeout(120_000) });
  } catch (e) {
    throw new Error(`cannot download "${shown}": ${redactUrl((e as Error).message)}`);
  }
  if (!res.ok || !res.body) throw new Error(`cannot download "${shown}": HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error(`remote file "${shown}" is larger than 2 GiB`);
  hookExit();
  const dir = mkdtempSync(path.join(tmpdir(), 'satudata-remote-'));
  temps.add(dir);
  const name = path.basename(new URL(url).pathname) || 'data';
  const file = path.join(dir, name);
  let seen = 0;
  const body = Readable.fromWeb(res.body as ReadableStream);
  body.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_BYTES) body.destroy(new Error(`remote file "${shown}" is larger than 2 GiB`));
  });
  await pipeline(body, createWriteStream(file));
  return file;
}
