/**
 * Request decoding for the fake CKAN the way ckan/views/api.py does it: query string for GET (repeated
 * key → list), JSON object for POST, multipart/form-data (every field a string, files by field name).
 */
import type { IncomingMessage } from 'node:http';
import type { Dict } from './state.js';

export interface FilePart {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export class BadRequest extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function put(d: Dict, k: string, v: unknown) {
  if (k in d) d[k] = Array.isArray(d[k]) ? [...(d[k] as unknown[]), v] : [d[k], v];
  else d[k] = v;
}

export function queryData(url: URL): Dict {
  const d: Dict = {};
  for (const [k, v] of url.searchParams) put(d, k, v);
  return d;
}

export function jsonData(body: Buffer): Dict {
  if (!body.length) return {};
  let v: unknown;
  try {
    v = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new BadRequest(`JSON Error: Error decoding JSON data. Error: ${(e as Error).message}`);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) {
    throw new BadRequest(`Request data JSON decoded to ${JSON.stringify(v)} but it needs to be a dictionary.`);
  }
  return v as Dict;
}

export function multipartData(body: Buffer, contentType: string): { data: Dict; files: FilePart[] } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new BadRequest('Invalid multipart request: no boundary');
  const delim = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const data: Dict = {};
  const files: FilePart[] = [];
  let pos = body.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delim, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const headEnd = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, headEnd).toString('utf8');
    const content = part.subarray(headEnd + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1] ?? '';
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) {
      files.push({ field: name, filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream', bytes: Buffer.from(content) });
    } else {
      put(data, name, content.toString('utf8'));
    }
    pos = next;
  }
  return { data, files };
}
