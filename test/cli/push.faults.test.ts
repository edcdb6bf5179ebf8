/**
 * Issue 14: a write the portal applied but whose answer was lost (a proxy's 502, a dropped connection)
 * is never sent again blindly. For every write push makes, under both "applied, then failed" faults: the
 * push ends with exactly one dataset, one resource per package resource, public, and the next push
 * writes nothing.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWriteAction, type FakeCkan } from '../fake-ckan/server.js';
import { APPLIED_FAULTS } from '../fake-ckan/faults.js';
import { editPackage, packageCopy, runCli, uniqueName, useFakeCkan } from './push-helpers.js';

let ckan: FakeCkan;
useFakeCkan((c) => (ckan = c));

async function push(dir: string, extra: string[] = []) {
  const before = ckan.calls.length;
  const r = await runCli(['push', '--portal', ckan.url, ...extra], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor } });
  const calls = ckan.calls.slice(before);
  return { ...r, writes: calls.filter((c) => isWriteAction(c.action)).map((c) => c.action) };
}

const all = (name: string) => [...ckan.state.packages.values()].filter((p) => p.name === name);

/** Exactly one dataset, public, one live resource per package resource, each with its file and hash. */
async function expectClean(name: string, resources: string[]) {
  const found = all(name);
  expect(found).toHaveLength(1);
  const p = found[0];
  expect(p?.private).toBe(false);
  const live = p!.resources.filter((r) => r.state !== 'deleted');
  expect(live.map((r) => String(r.satudata_name)).sort()).toEqual([...resources].sort());
  for (const r of live) {
    expect(ckan.state.files.get(r.id)?.bytes.length).toBe(Number(r.satudata_bytes));
    expect(r.satudata_last_modified).toBe(r.last_modified);
  }
}

type Scenario = {
  /** the write that fails after being applied */
  action: string;
  /** let this many matching requests through first */
  skip?: number;
  /** bring the dataset to the state where the next push makes that write */
  prepare?: (dir: string) => Promise<void>;
  resources?: string[];
};

const SCENARIOS: [string, Scenario][] = [
  ['package_create (first push)', { action: 'package_create' }],
  ['resource_create with its upload (first file)', { action: 'resource_create' }],
  ['resource_create with its upload (second file)', { action: 'resource_create', skip: 1 }],
  ['resource_patch recording last_modified', { action: 'resource_patch' }],
  ['package_patch opening the dataset', { action: 'package_patch' }],
  [
    'resource_patch re-uploading a changed file',
    {
      action: 'resource_patch',
      prepare: async (dir) => {
        expect((await push(dir)).code).toBe(0);
        appendFileSync(join(dir, 'kebakaran.csv'), '73.71.06,Bontoala,2024,3\n');
      },
    },
  ],
  [
    'package_patch of changed metadata',
    {
      action: 'package_patch',
      prepare: async (dir) => {
        expect((await push(dir)).code).toBe(0);
        editPackage(dir, (p) => {
          p.title = 'Judul yang diubah';
        });
      },
    },
  ],
  [
    'resource_create of a new file in a public dataset',
    {
      action: 'resource_create',
      prepare: async (dir) => {
        let removed: unknown;
        editPackage(dir, (p) => {
          removed = p.resources.find((x: { name: string }) => x.name === 'kecamatan');
          p.resources = p.resources.filter((x: { name: string }) => x.name !== 'kecamatan');
        });
        expect((await push(dir)).code).toBe(0);
        editPackage(dir, (p) => {
          p.resources.push(removed);
        });
      },
    },
  ],
  [
    'resource_delete with --prune',
    {
      action: 'resource_delete',
      resources: ['kebakaran'],
      prepare: async (dir) => {
        expect((await push(dir)).code).toBe(0);
        editPackage(dir, (p) => {
          p.resources = p.resources.filter((x: { name: string }) => x.name !== 'kecamatan');
        });
      },
    },
  ],
];

describe.each(APPLIED_FAULTS)('push under "%s" after the write took effect', (kind) => {
  it.each(SCENARIOS)('%s', async (_label, sc) => {
    const name = uniqueName('applied');
    const dir = packageCopy('kebakaran', name);
    writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify({ timeoutSeconds: 5 }));
    await sc.prepare?.(dir);
    ckan.setFault({ action: sc.action, kind, times: 1, skip: sc.skip ?? 0 });
    const before = ckan.calls.length;
    const r = await push(dir, sc.action === 'resource_delete' ? ['--prune'] : []);
    expect(r.stderr).toMatch(/outcome is unknown .*re-reading the portal/);
    expect(r.code).toBe(0);
    // the failed write was answered by a re-read, and was not sent a second time
    const fired = ckan.calls.slice(before).findIndex((c) => c.action === sc.action && (c.status === 502 || c.status === -2));
    expect(fired).toBeGreaterThanOrEqual(0);
    expect(ckan.calls[before + fired + 1]?.action).toBe('package_show');
    await expectClean(name, sc.resources ?? ['kebakaran', 'kecamatan']);
    const again = await push(dir, sc.action === 'resource_delete' ? ['--prune'] : []);
    expect(again.code).toBe(0);
    expect(again.writes).toEqual([]);
  });
});

describe('a write whose outcome is unknown and that was NOT applied is sent again after the re-read', () => {
  it.each(['status502', 'reset'] as const)('%s on resource_create before it took effect', async (kind) => {
    const name = uniqueName('notapplied');
    const dir = packageCopy('kebakaran', name);
    ckan.setFault({ action: 'resource_create', kind, times: 1 });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(r.writes.filter((w) => w === 'resource_create')).toHaveLength(3); // failed once, then both files
    await expectClean(name, ['kebakaran', 'kecamatan']);
  });

  it('gives up (exit 3) when every attempt of a write fails, leaving the dataset private and named', async () => {
    const name = uniqueName('alwaysfails');
    const dir = packageCopy('kebakaran', name);
    ckan.setFault({ action: 'resource_create', kind: 'status502', times: Infinity });
    const r = await push(dir);
    expect(r.code).toBe(3);
    expect(r.writes.filter((w) => w === 'resource_create').length).toBe(4); // the first try and 3 more, each after a re-read
    expect(r.stderr).toMatch(new RegExp(`The dataset "${name}" was left private and unfinished on the portal`));
    expect(r.stderr).toMatch(/Fix the problem above and run "satudata push" again to finish it, or delete it on the portal/);
    expect(all(name)[0]?.private).toBe(true);
  });
});

describe('the unfinished-dataset note appears only when a dataset was really left behind', () => {
  it('a package_create refused outright (HTML 413 from a proxy) leaves nothing and says nothing about it', async () => {
    const name = uniqueName('refused');
    const dir = packageCopy('kebakaran', name);
    ckan.setFault({ action: 'package_create', kind: 'html413', times: 1 });
    const r = await push(dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/413/);
    expect(r.stderr).not.toMatch(/left private and unfinished/);
    expect(all(name)).toHaveLength(0);
  });

  it('a package_create applied but answered 502, then a failing upload: the note names the dataset', async () => {
    const name = uniqueName('appliedthenfail');
    const dir = packageCopy('kebakaran', name);
    ckan.setFault({ action: 'package_create', kind: 'applied502', times: 1 });
    ckan.setFault({ action: 'resource_create', kind: 'html413', times: 1 });
    const r = await push(dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`The dataset "${name}" was left private and unfinished`));
    expect(all(name)).toHaveLength(1);
  });
});
