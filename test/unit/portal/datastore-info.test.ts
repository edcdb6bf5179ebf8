/** datastore_info answers with odd types (a hostile or broken portal): read as "no such column", never a TypeError. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../../src/portal/client.js';
import { decideDatastore, tableInfo } from '../../../src/portal/datastore.js';

let server: Server | undefined;
let answer: unknown;
afterAll(async () => new Promise((r) => (server ? server.close(r) : r(undefined))));

async function portal(): Promise<string> {
  server ??= createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ success: true, result: answer }));
  });
  if (!server.listening) await new Promise<void>((r) => server?.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('tableInfo on odd datastore_info answers', () => {
  it.each([
    ['fields with null, numbers and missing types', { fields: [null, 5, { id: 7, type: 'text' }, { id: 'a' }, { id: 'nama', type: 'text' }], meta: { count: 2 } }, [{ id: 'nama', type: 'text' }], 2],
    ['fields not a list, count a string', { fields: { id: 'nama' }, meta: { count: '2' } }, [], -1],
    ['no result object', null, [], -1],
  ])('%s', async (_label, result, fields, count) => {
    answer = result;
    const client = new CkanClient({ portal: await portal(), retries: 0, env: {} });
    const shown = await tableInfo(client, 'r1', 'en');
    expect(shown).toEqual({ fields, count });
    // and deciding on it works: the table is not taken as unchanged
    const o = decideDatastore({ satudata_datastore_hash: 'h:x', satudata_datastore_rows: '2' }, shown, { hash: 'h:x', fields: [{ id: 'nama', type: 'text' }, { id: 'umur', type: 'int' }] as never }, 'en');
    expect(o.action).not.toBe('unchanged');
    await client.close();
  });
});
