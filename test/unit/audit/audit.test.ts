import { describe, expect, it } from 'vitest';
import { audit, dueDate, lastUpdateOf, toJsonDocument } from '../../../src/audit/audit.js';
import type { PortalDataset, PortalSnapshot, RegisterEntry } from '../../../src/audit/types.js';

const ds = (name: string, org: string, over: Partial<PortalDataset> = {}): PortalDataset => ({
  name,
  title: name.toUpperCase(),
  org,
  private: false,
  metadataModified: '2020-01-01T00:00:00',
  // One resource without dates: published, and its date is metadata_modified.
  resources: [{}],
  ...over,
});
const entry = (org: string, dataset: string, frequency: RegisterEntry['frequency'], rowNumber = 2): RegisterEntry => ({ org, dataset, title: `T ${dataset}`, frequency, rowNumber });
const snap = (datasets: PortalDataset[], orgs = ['a', 'b']): PortalSnapshot => ({
  portal: 'https://p.example',
  organizations: orgs.map((o) => ({ name: o, title: `Org ${o}` })),
  datasets,
  via: 'search',
  warnings: [],
});
const now = new Date('2025-06-30T00:00:00Z');

describe('lastUpdateOf', () => {
  it.each([
    ['newest resource last_modified wins', ds('x', 'a', { resources: [{ lastModified: '2024-01-01T00:00:00' }, { lastModified: '2024-05-01T10:00:00.5' }] }), '2024-05-01T10:00:00.500Z'],
    ['resource created when last_modified is absent', ds('x', 'a', { resources: [{ lastModified: null, created: '2023-02-02T00:00:00' }] }), '2023-02-02T00:00:00.000Z'],
    ['metadata_modified when no resource has a date', ds('x', 'a', { resources: [{}] }), '2020-01-01T00:00:00.000Z'],
    ['metadata_modified when there are no resources', ds('x', 'a', { resources: [] }), '2020-01-01T00:00:00.000Z'],
  ])('%s', (_, d, iso) => {
    expect(lastUpdateOf(d)?.toISOString()).toBe(iso);
  });
});

describe('dueDate = last update + period + grace', () => {
  it.each([
    ['tahunan', undefined, '2024-01-10T00:00:00Z', '2025-04-12T00:00:00.000Z'],
    ['tahunan', 0, '2024-01-10T00:00:00Z', '2025-01-10T00:00:00.000Z'],
    ['bulanan', undefined, '2024-01-31T00:00:00Z', '2024-03-08T00:00:00.000Z'],
    ['harian', undefined, '2024-01-31T00:00:00Z', '2024-02-02T00:00:00.000Z'],
    ['real-time', 0, '2024-01-31T00:00:00Z', '2024-02-01T00:00:00.000Z'],
    ['mingguan', 3, '2024-01-01T00:00:00Z', '2024-01-11T00:00:00.000Z'],
    ['semesteran', undefined, '2024-01-01T00:00:00Z', '2024-08-16T00:00:00.000Z'],
  ] as const)('%s grace=%s from %s → %s', (f, grace, last, due) => {
    expect(dueDate(new Date(last), f, grace)?.toISOString()).toBe(due);
  });
  it('tidak-tetap is never due', () => {
    expect(dueDate(new Date('2000-01-01T00:00:00Z'), 'tidak-tetap')).toBeNull();
  });
});

describe('audit with a register', () => {
  const register = [
    entry('a', 'fresh', 'tahunan'),
    entry('a', 'old', 'tahunan'),
    entry('a', 'gone', 'bulanan'),
    entry('a', 'whenever', 'tidak-tetap'),
    entry('c', 'elsewhere', 'tahunan'),
  ];
  const result = audit(
    snap([
      ds('fresh', 'a', { resources: [{ lastModified: '2025-01-15T00:00:00' }] }),
      ds('old', 'a', { resources: [{ lastModified: '2023-12-01T00:00:00' }] }),
      ds('whenever', 'a', { resources: [{ lastModified: '2001-01-01T00:00:00' }] }),
      ds('extra', 'a'),
      ds('b1', 'b', { metadataModified: '2025-06-01T00:00:00' }),
    ]),
    register,
    { now },
  );

  it('gives the documented JSON document', () => {
    expect(toJsonDocument(result)).toEqual({
      portal: 'https://p.example',
      generatedAt: '2025-06-30T00:00:00Z',
      summary: { organizations: 3, expected: 5, present: 3, empty: 0, missing: 2, deleted: 0, stale: 1 },
      organizations: [
        { name: 'c', title: 'c', datasets: 0, expected: 1, present: 0, empty: [], missing: [{ name: 'elsewhere', title: 'T elsewhere', deleted: false, lastUpdate: null }], stale: [], unexpected: [], onPortal: false, lastUpdate: null },
        {
          name: 'a',
          title: 'Org a',
          datasets: 4,
          expected: 4,
          present: 3,
          empty: [],
          missing: [{ name: 'gone', title: 'T gone', deleted: false, lastUpdate: null }],
          stale: [{ name: 'old', title: 'T old', lastUpdate: '2023-12-01T00:00:00Z', frequency: 'tahunan', dueAt: '2025-03-03T00:00:00Z' }],
          unexpected: ['extra'],
          onPortal: true,
          lastUpdate: '2025-01-15T00:00:00Z',
        },
        { name: 'b', title: 'Org b', datasets: 1, expected: 0, present: 0, empty: [], missing: [], stale: [], unexpected: ['b1'], onPortal: true, lastUpdate: '2025-06-01T00:00:00Z' },
      ],
    });
  });

  it('--grace-days 0 makes a dataset due exactly one period later', () => {
    const r = audit(snap([ds('fresh', 'a', { resources: [{ lastModified: '2024-06-29T00:00:00' }] })]), [entry('a', 'fresh', 'tahunan')], { now, graceDays: 0 });
    expect(r.summary.stale).toBe(1);
    const r2 = audit(snap([ds('fresh', 'a', { resources: [{ lastModified: '2024-06-30T00:00:00' }] })]), [entry('a', 'fresh', 'tahunan')], { now, graceDays: 0 });
    expect(r2.summary.stale).toBe(0);
  });

  it('a dataset of the right name in another organization is missing here and unexpected there', () => {
    const r = audit(snap([ds('x', 'b')]), [entry('a', 'x', 'tahunan')], { now });
    const a = r.organizations.find((o) => o.name === 'a')!;
    const b = r.organizations.find((o) => o.name === 'b')!;
    expect(a.missing.map((m) => m.name)).toEqual(['x']);
    expect(b.unexpected).toEqual(['x']);
  });

  it('--org limits both sides and reports unknown names as not on the portal', () => {
    const r = audit(snap([ds('fresh', 'a'), ds('b1', 'b')]), register, { now, orgs: ['b', 'zz'] });
    expect(r.organizations.map((o) => [o.name, o.onPortal])).toEqual([
      ['zz', false],
      ['b', true],
    ]);
  });
});

describe('audit without a register', () => {
  it('reports empty organizations and long-unchanged datasets (as yearly, or their own frequency extra)', () => {
    const r = audit(
      snap(
        [
          ds('ancient', 'a', { metadataModified: '2023-01-01T00:00:00' }),
          ds('monthly', 'a', { metadataModified: '2025-05-01T00:00:00', frequency: 'Bulanan' }),
          ds('recent', 'a', { metadataModified: '2025-05-01T00:00:00' }),
        ],
        ['a', 'empty'],
      ),
      undefined,
      { now },
    );
    expect(r.withRegister).toBe(false);
    const a = r.organizations.find((o) => o.name === 'a')!;
    expect(a.stale.map((s) => [s.name, s.frequency])).toEqual([
      ['ancient', 'tahunan'],
      ['monthly', 'bulanan'],
    ]);
    expect(a.expected).toBe(0);
    expect(a.unexpected).toEqual([]);
    expect(a.recentUpdates).toBe(2);
    expect(r.organizations.find((o) => o.name === 'empty')).toMatchObject({ datasets: 0, onPortal: true, lastUpdate: null });
  });
});
