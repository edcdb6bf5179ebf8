/**
 * A plain file host on 127.0.0.1 (another origin than the fake CKAN), for `status --check-data` tests:
 * resources hosted elsewhere, slow and endless bodies, redirects. Records every request's path and
 * whether it carried a credential, so a test can prove the portal token never left the portal.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FileHit {
  path: string;
  authorization: string | undefined;
  apiKey: string | undefined;
}

export interface FileHost {
  url: string;
  hits: FileHit[];
  /** path → body; other behaviours: `/slow` (one byte every 200 ms, never ends), `/endless` (no length, never ends), `/redirect?to=URL`. */
  files: Map<string, Buffer | string>;
  close(): Promise<void>;
}

export async function startFileHost(): Promise<FileHost> {
  const hits: FileHit[] = [];
  const files = new Map<string, Buffer | string>();
  const timers = new Set<NodeJS.Timeout>();
  const trickle = (res: ServerResponse, chunk: Buffer, everyMs: number) => {
    const t = setInterval(() => {
      if (res.destroyed) {
        clearInterval(t);
        timers.delete(t);
        return;
      }
      res.write(chunk);
    }, everyMs);
    timers.add(t);
    res.on('close', () => {
      clearInterval(t);
      timers.delete(t);
    });
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.push({ path: url.pathname, authorization: req.headers.authorization, apiKey: req.headers['x-ckan-api-key'] as string | undefined });
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      return res.end();
    }
    if (url.pathname === '/slow') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      res.write('a,b\n');
      return trickle(res, Buffer.from('1'), 200);
    }
    if (url.pathname === '/endless') {
      res.writeHead(200, { 'content-type': 'text/csv' });
      return trickle(res, Buffer.alloc(256 * 1024, 0x61), 1);
    }
    const body = files.get(url.pathname);
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return res.end('<html>404</html>');
    }
    res.writeHead(200, { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    files,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
