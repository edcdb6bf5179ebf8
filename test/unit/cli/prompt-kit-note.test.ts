/** The metadata prompts' portal lookups: a failure note quotes portal text only as a terminal may show it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { Out, type CliContext } from '../../../src/cli/context.js';
import { promptKit } from '../../../src/cli/prompt-kit.js';

let server: Server | undefined;
afterAll(async () => new Promise((r) => (server ? server.close(r) : r(undefined))));

describe('promptKit lookup-failure note', () => {
  it('drops escape sequences and bidi overrides from the portal message (scheming schema lookup)', async () => {
    server = createServer((_req, res) => {
      res.statusCode = 500;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ success: false, error: { __type: 'Internal', message: 'boom\u001b]0;pwned\u0007\u001b[2J\u202eevil' } }));
    });
    await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let text = '';
    const target = { write: (s: string) => (text += s) };
    const secrets = new Set<string>();
    const ctx: CliContext = {
      cwd: process.cwd(), env: { SATUDATA_RETRY_DELAY_MS: '1' }, stdin: new PassThrough(), stdout: new Out({ write: () => true }, secrets), stderr: new Out(target, secrets),
      lang: 'en', color: false, interactive: false, debug: false, addSecret: (s) => secrets.add(s),
    };
    const kit = await promptKit(ctx, {}, url);
    expect(kit.online).toBe(true);
    expect(await kit.portal.fieldHints?.('en')).toBeUndefined();
    await kit.close();
    expect(text).toContain('boom');
    expect(text).toContain('evil');
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/);
  });
});
