import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multipartBody, UploadChangedError } from '../../../src/portal/multipart.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Read the body until it ends or fails; what was sent so far and the error, if any. */
async function drain(body: AsyncIterable<Buffer>): Promise<{ sent: Buffer; error?: unknown }> {
  const parts: Buffer[] = [];
  try {
    for await (const c of body) parts.push(Buffer.from(c));
    return { sent: Buffer.concat(parts) };
  } catch (error) {
    return { sent: Buffer.concat(parts), error };
  }
}

describe('multipartBody: uploads exactly the validated bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-mp-'));
  // 3 chunks of 64 KiB and a bit: the last one is held back until the hash is checked.
  const content = Buffer.alloc(200_000, 'a');
  content.write('TAIL-MARKER', content.length - 20);
  const file = join(dir, 'data.csv');
  writeFileSync(file, content);

  it('sends the whole file when its hash is the validated one', async () => {
    const mp = multipartBody({ name: 'x' }, { path: file, filename: 'data.csv', contentType: 'text/csv', size: content.length, sha256: sha(content) });
    const { sent, error } = await drain(mp.body);
    expect(error).toBeUndefined();
    expect(sent.length).toBe(mp.length);
    expect(sent.includes(content)).toBe(true);
  });

  it.each([
    ['same size, other bytes', () => Buffer.from(content).fill('b', 0, 10)],
    ['grown', () => Buffer.concat([content, Buffer.from('x')])],
    ['shrunk', () => content.subarray(0, content.length - 5)],
  ])('a file changed since validation (%s) fails before its last bytes are sent', async (_what, changed) => {
    const f = join(dir, `changed-${Math.random()}.csv`);
    writeFileSync(f, changed());
    const mp = multipartBody({}, { path: f, filename: 'data.csv', contentType: 'text/csv', size: content.length, sha256: sha(content) });
    const { sent, error } = await drain(mp.body);
    expect(error).toBeInstanceOf(UploadChangedError);
    expect(sent.includes(Buffer.from('TAIL-MARKER'))).toBe(false);
    expect(sent.length).toBeLessThan(mp.length);
  });
});
