import { describe, expect, it } from 'vitest';
import { desiredExtras, driftOf, planIsNoop, planPush, type LocalResource, type RemoteDataset } from '../../../src/portal/plan.js';
import type { CkanDatasetDraft } from '../../../src/ckan/mapping.js';

const draft = (over: Partial<CkanDatasetDraft> = {}): CkanDatasetDraft => ({
  name: 'ds', title: 'T', notes: 'N', owner_org: 'org-a', license_id: 'cc-by', private: false,
  author: 'A', author_email: '', maintainer: 'M', maintainer_email: 'm@x.id',
  tags: [{ name: 'b' }, { name: 'a' }], extras: [{ key: 'tahun', value: '2024' }, { key: 'satuan', value: 'orang' }],
  ...over,
});

const local = (name: string, sha = 'h-' + name, bytes = 10): LocalResource => ({
  draft: { name, description: 'd', format: 'CSV', mimetype: 'text/csv', schema: '{"fields":[]}', localPath: `${name}.csv` },
  sha256: sha, bytes, file: `/tmp/${name}.csv`,
});

/** What the portal would show after a push of draft() + locals. */
const remote = (over: Partial<RemoteDataset> = {}): RemoteDataset => ({
  id: 'id-1', name: 'ds', state: 'active', owner_org: 'org-id', title: 'T', notes: 'N', license_id: 'cc-by', private: false,
  author: 'A', author_email: null, maintainer: 'M', maintainer_email: 'm@x.id', metadata_modified: '2024-01-01T00:00:00',
  tags: [{ name: 'a', id: 't1' }, { name: 'b', id: 't2' }],
  extras: [{ key: 'satuan', value: 'orang' }, { key: 'tahun', value: '2024' }],
  resources: [
    { id: 'r1', name: 'one', description: 'd', format: 'csv', mimetype: 'text/csv', schema: '{ "fields": [] }', satudata_sha256: 'h-one', satudata_bytes: '10', url: 'http://x/one.csv', last_modified: '2024', satudata_name: 'one', satudata_last_modified: '2024' },
  ],
  ...over,
});

describe('planPush', () => {
  it('404 → create everything', () => {
    const p = planPush(draft(), [local('one'), local('two')], undefined, { prune: false });
    expect(p.dataset.action).toBe('created');
    expect(p.dataset.fields).toMatchObject({ name: 'ds', owner_org: 'org-a' });
    expect(p.resources.map((r) => [r.name, r.action, r.upload])).toEqual([['one', 'created', true], ['two', 'created', true]]);
  });

  it('an identical portal state is a no-op (tags by name, extras by key, server fields ignored)', () => {
    const p = planPush(draft(), [local('one')], remote(), { prune: false });
    expect(p.dataset.action).toBe('unchanged');
    expect(p.resources[0]?.action).toBe('unchanged');
    expect(planIsNoop(p)).toBe(true);
  });

  it.each([
    ['title', { title: 'T2' }, 'title'],
    ['notes', { notes: 'N2' }, 'description'],
    ['tags', { tags: [{ name: 'a' }] }, 'keywords'],
    ['an extra value', { extras: [{ key: 'tahun', value: '2025' }, { key: 'satuan', value: 'orang' }] }, 'sdi.periode'],
    ['private', { private: true }, 'sdi.klasifikasi_akses'],
  ])('a change of %s → package_patch of that field only', (_l, over, field) => {
    const p = planPush(draft(over as Partial<CkanDatasetDraft>), [local('one')], remote(), { prune: false });
    expect(p.dataset.action).toBe('updated');
    expect(p.dataset.diff.map((d) => d.field)).toEqual([field]);
    expect(p.resources[0]?.action).toBe('unchanged');
  });

  it('keeps extras set on the portal by others; drops managed extras removed locally', () => {
    const r = remote({ extras: [{ key: 'satuan', value: 'orang' }, { key: 'tahun', value: '2024' }, { key: 'konsep', value: 'old' }, { key: 'hand_made', value: 'keep me' }] });
    const p = planPush(draft(), [local('one')], r, { prune: false });
    expect(p.dataset.action).toBe('updated');
    expect(p.dataset.fields.extras).toEqual([{ key: 'hand_made', value: 'keep me' }, { key: 'tahun', value: '2024' }, { key: 'satuan', value: 'orang' }]);
    expect(p.dataset.diff).toEqual([{ field: 'sdi.konsep', from: 'old', to: '' }]);
    expect(desiredExtras(undefined, draft().extras)).toEqual(draft().extras);
  });

  it.each([
    ['another hash', 'h-other', 10],
    ['another size', 'h-one', 11],
  ])('a file with %s is re-uploaded', (_l, sha, bytes) => {
    const p = planPush(draft(), [local('one', sha, bytes)], remote(), { prune: false });
    expect(p.resources[0]).toMatchObject({ action: 'updated', upload: true, id: 'r1' });
    expect(p.dataset.action).toBe('unchanged');
  });

  it('a resource whose hash satudata never recorded is re-uploaded once', () => {
    const r = remote();
    delete r.resources![0]!.satudata_sha256;
    expect(planPush(draft(), [local('one')], r, { prune: false }).resources[0]?.upload).toBe(true);
  });

  it('resource metadata change without file change → patch without upload', () => {
    const l = local('one');
    l.draft.description = 'new';
    const p = planPush(draft(), [l], remote(), { prune: false });
    expect(p.resources[0]).toMatchObject({ action: 'updated', upload: false });
    expect(p.resources[0]?.diff.map((d) => d.field)).toEqual(['resources[one].description']);
  });

  it('portal-only resources are kept, or deleted with --prune', () => {
    const r = remote({ resources: [...remote().resources!, { id: 'r9', name: 'old', state: 'active' }, { id: 'r8', name: 'gone', state: 'deleted' }] });
    expect(planPush(draft(), [local('one')], r, { prune: false }).resources.map((x) => [x.name, x.action])).toEqual([['one', 'unchanged'], ['old', 'kept']]);
    expect(planPush(draft(), [local('one')], r, { prune: true }).resources.map((x) => [x.name, x.action])).toEqual([['one', 'unchanged'], ['old', 'deleted']]);
  });

  it('a deleted dataset of this organization is restored with state active', () => {
    const p = planPush(draft(), [local('one')], remote({ state: 'deleted' }), { prune: false });
    expect(p.dataset).toMatchObject({ action: 'restored', id: 'id-1', fields: { state: 'active' } });
  });
});

describe('issue 14: matching, migration, duplicates, drift', () => {
  const res = (over: Record<string, unknown>) => ({ ...remote().resources![0]!, ...over });

  it('matches by satudata_name even when the title (CKAN name) changed', () => {
    const p = planPush(draft(), [{ ...local('one'), title: 'Judul baru' }], remote(), { prune: false });
    expect(p.resources[0]).toMatchObject({ id: 'r1', action: 'updated', upload: false });
    expect(p.resources[0]?.diff.map((d) => [d.field, d.to])).toEqual([['resources[one].title', 'Judul baru']]);
  });

  it('migrates a resource pushed by an earlier version (name = package resource name, no satudata_name)', () => {
    const r = remote({ resources: [res({ name: 'one', satudata_name: undefined, satudata_last_modified: undefined })] });
    const p = planPush(draft(), [{ ...local('one'), title: 'Satu' }], r, { prune: false });
    expect(p.resources[0]).toMatchObject({ id: 'r1', action: 'updated', upload: false });
    expect(p.resources[0]?.diff.map((d) => d.field)).toEqual(['resources[one].title', 'resources[one].satudata_name', 'resources[one].satudata_last_modified']);
  });

  it('never takes another resource whose satudata_name differs, even if its CKAN name is the same', () => {
    const r = remote({ resources: [res({ id: 'r7', name: 'one', satudata_name: 'other' })] });
    const p = planPush(draft(), [local('one')], r, { prune: false });
    expect(p.resources.map((s) => [s.name, s.action])).toEqual([['one', 'created'], ['other', 'kept']]);
  });

  it('a second resource of the same satudata_name (raced pushes) is deleted; the first in CKAN order is kept', () => {
    const r = remote({ resources: [res({ id: 'first' }), res({ id: 'second' })] });
    const p = planPush(draft(), [local('one')], r, { prune: false });
    expect(p.resources.map((s) => [s.id, s.action, s.duplicate ?? false])).toEqual([['first', 'unchanged', false], ['second', 'deleted', true]]);
  });

  it.each([
    ['nothing changed', {}, undefined],
    ['CKAN size differs from satudata_bytes', { size: 44 }, /^size 44 B ≠ 10 B$/],
    ['CKAN last_modified differs from the one recorded', { last_modified: '2025-02-01T00:00:00' }, /^last_modified 2025-02-01T00:00:00 ≠ 2024$/],
    ['hash holds another SHA-256', { hash: 'sha256:' + 'f'.repeat(64) }, /^hash sha256:f/],
    ['hash holds our SHA-256', { hash: 'sha256:h-one' }, undefined],
    ['hash holds another MD5', { hash: 'a'.repeat(32) }, /^hash \(md5\)/],
    ['hash holds our MD5', { hash: 'b'.repeat(32) }, undefined],
    ['no last_modified recorded yet (earlier versions): not drift, recorded', { satudata_last_modified: undefined }, undefined],
  ])('drift when %s', (_l, over, drift) => {
    const p = planPush(draft(), [{ ...local('one'), md5: 'b'.repeat(32) }], remote({ resources: [res(over)] }), { prune: false });
    if (drift) {
      expect(p.resources[0]).toMatchObject({ action: 'updated', upload: true });
      expect(p.resources[0]?.drift).toMatch(drift);
    } else {
      expect(p.resources[0]?.upload).toBe(false);
      expect(p.resources[0]?.drift).toBeUndefined();
    }
  });

  it('a file changed locally is an ordinary upload, not drift', () => {
    const p = planPush(draft(), [local('one', 'new-sha')], remote({ resources: [res({ size: 3 })] }), { prune: false });
    expect(p.resources[0]).toMatchObject({ upload: true });
    expect(p.resources[0]?.drift).toBeUndefined();
  });
});

describe('driftOf: the reason quotes portal values only as printable text', () => {
  const local = { draft: { name: 'r' }, sha256: 'a'.repeat(64), md5: 'b'.repeat(32), bytes: 10 } as unknown as LocalResource;
  it.each([
    ['last_modified', { last_modified: '2024-01-01T00:00:00\u001b]0;pwned\u0007\u202e\nFAKE', satudata_last_modified: '2023-01-01T00:00:00' }],
    ['hash', { hash: 'sha256:\u001b[2J\u202e' + 'c'.repeat(60) }],
  ])('%s', (_label, remote) => {
    const reason = driftOf({ size: 10, ...remote }, local);
    expect(reason).toBeTruthy();
    expect(reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});
