/**
 * A streamed multipart/form-data body: text fields, then one file part named `upload` read from disk in
 * chunks, so memory does not grow with the file size. The length is computed up front so proxies and
 * CKAN get a Content-Length (some proxies refuse chunked uploads).
 */
import { createReadStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface UploadFile {
  path: string;
  /** File name sent to CKAN (it munges it into the resource URL). */
  filename: string;
  contentType: string;
  /** Size in bytes (from stat); must match the file. */
  size: number;
}

export interface MultipartBody {
  body: Readable;
  contentType: string;
  length: number;
}

function quote(s: string): string {
  // RFC 7578: escape quotes and drop line breaks in header parameter values.
  return s.replace(/[\r\n]/g, ' ').replace(/"/g, '%22');
}

export function multipartBody(fields: Record<string, string>, file: UploadFile, onProgress?: (sent: number, total: number) => void): MultipartBody {
  const boundary = `----satudata${randomBytes(12).toString('hex')}`;
  let head = '';
  for (const [k, v] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${v}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="${quote(file.filename)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const headBuf = Buffer.from(head, 'utf8');
  const tailBuf = Buffer.from(tail, 'utf8');

  async function* generate(): AsyncGenerator<Uint8Array> {
    yield headBuf;
    let sent = 0;
    onProgress?.(0, file.size);
    for await (const chunk of createReadStream(file.path, { highWaterMark: 64 * 1024 })) {
      const buf = chunk as Buffer;
      sent += buf.length;
      onProgress?.(sent, file.size);
      yield buf;
    }
    yield tailBuf;
  }

  return {
    body: Readable.from(generate(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: headBuf.length + file.size + tailBuf.length,
  };
}
