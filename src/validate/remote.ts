import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fetch, EnvHttpProxyAgent } from 'undici';

const MAX_BYTES = 2 * 1024 ** 3;

/**
 * Download a remote resource (only with --allow-remote) to a temporary file, through the proxy given by
 * HTTP(S)_PROXY/NO_PROXY, with a size cap, so the readers can stream it like a local file.
 */
export async function fetchRemote(url: string): Promise<string> {
  let res;
  try {
    res = await fetch(url, { dispatcher: new EnvHttpProxyAgent(), signal: AbortSignal.timeout(120_000) });
  } catch (e) {
    throw new Error(`cannot download "${url}": ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) throw new Error(`cannot download "${url}": HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_BYTES) throw new Error(`remote file "${url}" is larger than 2 GiB`);
  const dir = mkdtempSync(path.join(tmpdir(), 'satudata-remote-'));
  const name = path.basename(new URL(url).pathname) || 'data';
  const file = path.join(dir, name);
  let seen = 0;
  const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream);
  body.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_BYTES) body.destroy(new Error(`remote file "${url}" is larger than 2 GiB`));
  });
  await pipeline(body, createWriteStream(file));
  return file;
}
