/**
 * A streamed multipart/form-data body: text fields, then one file part named `upload` read from disk in
 * chunks, so memory does not grow with the file size. The length is computed up front so proxies and
 * CKAN get a Content-Length (some proxies refuse chunked uploads).
 */
import { createReadStream } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface UploadFile {
  path: string;
  /** File name sent to CKAN (it munges it into the resource URL). */
  filename: string;
  contentType: string;
  /** Size in bytes (from stat); must match the file. */
  size: number;
  /**
   * SHA-256 (hex) of the bytes that were validated. The upload holds back its last chunk until the
   * bytes read hash to this, so a file changed since (or swapped for a link) never arrives whole.
   */
  sha256?: string;
}

/** The file changed between validation and upload: the request is aborted before its last bytes. */
export class UploadChangedError extends Error {}

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
    const hash = file.sha256 ? createHash('sha256') : undefined;
    let held: Buffer | undefined;
    for await (const chunk of createReadStream(file.path, { highWaterMark: 64 * 1024 })) {
      const buf = chunk as Buffer;
      sent += buf.length;
      if (sent > file.size) throw new UploadChangedError(`${file.filename} grew after it was validated`);
      hash?.update(buf);
      if (held) yield held;
      held = buf;
      onProgress?.(sent, file.size);
    }
    if (hash && (sent !== file.size || hash.digest('hex') !== file.sha256)) throw new UploadChangedError(`${file.filename} changed after it was validated`);
    if (held) yield held;
    yield tailBuf;
  }

  return {
    body: Readable.from(generate(), { objectMode: false }),
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: headBuf.length + file.size + tailBuf.length,
  };
}
