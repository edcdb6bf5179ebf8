/**
 * Issue 14 against the fake CKAN: what the portal holds decides. A file replaced on the portal by another
 * route (drift) is uploaded again and said so; resources show their human title, matched by
 * satudata_name, and datasets pushed by earlier versions are migrated without duplicates; an answer of
 * the wrong shape is a clear exit 3 naming the action.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isWriteAction, type FakeCkan } from '../fake-ckan/server.js';
import { packageCopy, runCli, uniqueName, useFakeCkan } from './push-helpers.js';
import { replaceFileElsewhere } from './push-helpers.js';

let ckan: FakeCkan;
useFakeCkan((c) => (ckan = c));

async function push(dir: string, extra: string[] = [], portal = ckan.url) {
  const before = ckan.calls.length;
  const r = await runCli(['push', '--portal', portal, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
  const calls = ckan.calls.slice(before).filter((c) => isWriteAction(c.action));
  return { ...r, writes: calls.map((c) => c.action), uploads: calls.filter((c) => c.multipart).length };
}

const dataset = (name: string) => [...ckan.state.packages.values()].find((p) => p.name === name)!;
const resource = (name: string, res: string) => dataset(name).resources.find((r) => r.satudata_name === res)!;

describe('drift: a file changed on the portal by another route', () => {
  it.each([
    ['a smaller file (CKAN size changes)', '44 bytes of something else entirely........\n'],
    ['a file of the same size (only CKAN last_modified changes)', null],
  ])('%s is uploaded again, and the push says the portal copy had been changed', async (_label, content) => {
    const name = uniqueName('drift');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const local = readFileSync(join(dir, 'kebakaran.csv'), 'utf8');
    const other = content ?? local.replace('Mariso', 'MARISO');
    await replaceFileElsewhere(ckan.url, ckan.tokens.sysadmin, resource(name, 'kebakaran').id, other);
    expect(resource(name, 'kebakaran').satudata_sha256).toBeTruthy(); // satudata's own record still "matches"

    const dry = await push(dir, ['--dry-run']);
    expect(dry.stdout).toMatch(/resource kebakaran: would be updated, upload/);
    expect(dry.stdout).toMatch(/file changed on the portal by another route \((size|last_modified) /);

    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/resource kebakaran: the portal copy had been changed by another route \((size \d+ B ≠ 173 B|last_modified .+)\); uploading it again/);
    expect(r.uploads).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.resources.find((x: { name: string }) => x.name === 'kebakaran')).toMatchObject({ action: 'updated', drift: expect.any(String) });
    const served = await (await fetch(resource(name, 'kebakaran').url)).text();
    expect(served).toBe(local);
    expect((await push(dir)).writes).toEqual([]);
  });

  it('an MD5 `hash` written by XLoader for the same file is not drift; one for another file is', async () => {
    const name = uniqueName('md5');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const { createHash } = await import('node:crypto');
    const bytes = readFileSync(join(dir, 'kebakaran.csv'));
    resource(name, 'kebakaran').hash = createHash('md5').update(bytes).digest('hex');
    expect((await push(dir)).writes).toEqual([]);
    resource(name, 'kebakaran').hash = createHash('md5').update('other').digest('hex');
    const r = await push(dir);
    expect(r.stderr).toMatch(/portal copy had been changed by another route \(hash \(md5\)/);
    expect(r.uploads).toBe(1);
  });
});

describe('what the portal shows: titles, satudata_name, migration', () => {
  it('sends the human title as `name` and matches by satudata_name when the title changes', async () => {
    const name = uniqueName('title');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    expect(resource(name, 'kebakaran').name).toBe('Kejadian kebakaran per kecamatan');
    const { editPackage } = await import('./push-helpers.js');
    editPackage(dir, (p) => {
      p.resources[0].title = 'Kejadian kebakaran 2024';
    });
    const r = await push(dir);
    expect(r.writes).toEqual(['resource_patch']);
    expect(r.uploads).toBe(0);
    expect(dataset(name).resources.map((x) => x.name)).toEqual(['Kejadian kebakaran 2024', 'Daftar kecamatan']);
  });

  it('migrates a dataset pushed by an earlier version (name = package resource name) without duplicates or uploads', async () => {
    const name = uniqueName('migrate');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    // What earlier versions left: `name` held the package resource name, no satudata_name/last_modified.
    for (const r of dataset(name).resources) {
      r.name = String(r.satudata_name);
      delete r.satudata_name;
      delete r.satudata_last_modified;
    }
    const ids = dataset(name).resources.map((r) => r.id);
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(r.writes).toEqual(['resource_patch', 'resource_patch']);
    expect(r.uploads).toBe(0);
    const after = dataset(name).resources;
    expect(after.map((x) => x.id)).toEqual(ids);
    expect(after.map((x) => [x.name, x.satudata_name])).toEqual([['Kejadian kebakaran per kecamatan', 'kebakaran'], ['Daftar kecamatan', 'kecamatan']]);
    expect(after.every((x) => x.satudata_last_modified === x.last_modified)).toBe(true);
    expect((await push(dir)).writes).toEqual([]);
  });
});

describe('typed boundary', () => {
  let proxy: Server;
  let proxyUrl = '';
  let rewrite: ((action: string, body: Record<string, unknown>) => void) | undefined;
  beforeAll(async () => {
    // Forwards to the fake CKAN and lets a test bend one answer out of shape.
    proxy = createServer((req, res) => {
      const target = new URL(req.url ?? '/', ckan.url);
      const up = httpRequest(target, { method: req.method, headers: req.headers }, (ur) => {
        const chunks: Buffer[] = [];
        ur.on('data', (c) => chunks.push(c));
        ur.on('end', () => {
          let text = Buffer.concat(chunks).toString('utf8');
          const action = /\/action\/([^/?]+)/.exec(target.pathname)?.[1] ?? '';
          if (rewrite && ur.statusCode === 200) {
            const body = JSON.parse(text);
            rewrite(action, body);
            text = JSON.stringify(body);
          }
          res.writeHead(ur.statusCode ?? 500, { 'content-type': 'application/json' });
          res.end(text);
        });
      });
      req.pipe(up);
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(r));
  });

  it.each([
    ['package_show with resources that are not a list', 'package_show', (b: Record<string, any>) => (b.result.resources = 'oops'), /package_show with an unexpected shape: result\.resources must be array/],
    ['package_show with a resource without id', 'package_show', (b: Record<string, any>) => (b.result.resources = [{ name: 'x' }]), /package_show with an unexpected shape: result\.resources\[0\] must have required property 'id'/],
    ['user_show without a name', 'user_show', (b: Record<string, any>) => delete b.result.name, /user_show with an unexpected shape/],
    ['organization_list_for_user as an object', 'organization_list_for_user', (b: Record<string, any>) => (b.result = { orgs: [] }), /organization_list_for_user with an unexpected shape: result must be array/],
    ['resource_create without id', 'resource_create', (b: Record<string, any>) => delete b.result.id, /resource_create with an unexpected shape/],
  ])('%s: exit 3 naming the action, no TypeError', async (_label, action, bend, message) => {
    const name = uniqueName('shape');
    const dir = packageCopy('kebakaran', name);
    if (action === 'package_show') expect((await push(dir)).code).toBe(0);
    rewrite = (a, b) => {
      if (a === action) bend(b);
    };
    try {
      const r = await push(dir, [], proxyUrl);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/TypeError|\n\s+at /);
    } finally {
      rewrite = undefined;
    }
  });
});

describe('two machines pushing the same dataset at once (separate folders: no shared lock)', () => {
  it('end with one dataset and one resource per package resource', async () => {
    const name = uniqueName('twomachines');
    const one = packageCopy('kebakaran', name);
    const two = packageCopy('kebakaran', name);
    const [a, b] = await Promise.all([push(one), push(two)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const found = [...ckan.state.packages.values()].filter((p) => p.name === name);
    expect(found).toHaveLength(1);
    expect(found[0]?.resources.map((r) => r.satudata_name).sort()).toEqual(['kebakaran', 'kecamatan']);
    expect(found[0]?.private).toBe(false);
    expect((await push(one)).writes).toEqual([]);
  });
});
