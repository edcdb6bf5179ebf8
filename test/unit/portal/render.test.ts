import { describe, expect, it } from 'vitest';
import type { PushPlan } from '../../../src/portal/plan.js';
import type { PushResult } from '../../../src/portal/push.js';
import { humanBytes, renderPlan } from '../../../src/portal/render.js';

describe('humanBytes: decimal units, as the unit says', () => {
  it.each<[number | null, string]>([
    [null, '-'],
    [0, '0 B'],
    [302, '302 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [6827, '6.8 kB'],
    [5_574_299, '5.6 MB'],
    [2_500_000_000, '2.50 GB'],
  ])('%s → %s', (n, text) => expect(humanBytes(n)).toBe(text));
});

describe('the dry-run plan in the officer\'s words', () => {
  const plan: PushPlan = {
    dataset: {
      action: 'updated',
      id: 'd1',
      fields: { private: true },
      diff: [
        { field: 'sdi.klasifikasi_akses', from: 'false', to: 'true' },
        { field: 'title', from: 'Kebakaran', to: 'Kejadian Kebakaran 2024' },
      ],
    },
    resources: [
      {
        name: 'kebakaran',
        action: 'updated',
        id: 'r1',
        upload: true,
        diff: [{ field: 'resources[kebakaran].path', from: 'd6ef3019ea41', to: '92e7cc70bf5d', file: { fromBytes: 302, toBytes: 310 } }],
      },
      {
        name: 'kecamatan',
        action: 'updated',
        id: 'r2',
        upload: true,
        diff: [{ field: 'resources[kecamatan].path', from: 'portal: size 44 B ≠ 173 B', to: 'aa', file: { toBytes: 173, drift: 'size 44 B ≠ 173 B' } }],
      },
    ],
  } as never;
  const result = { portal: 'https://data.makassarkota.go.id', dataset: { name: 'kebakaran' } } as PushResult;

  it.each<['id' | 'en', string[]]>([
    ['id', ['~ visibilitas: publik → privat', '~ title: "Kebakaran" → "Kejadian Kebakaran 2024"', '~ berkas berubah (302 B → 310 B)', '~ berkas di portal diubah lewat jalur lain (size 44 B ≠ 173 B): unggah ulang']],
    ['en', ['~ visibility: public → private', '~ file changed (302 B → 310 B)', '~ file changed on the portal by another route (size 44 B ≠ 173 B): upload again']],
  ])('%s', (lang, lines) => {
    const out = renderPlan(plan, result, lang);
    for (const l of lines) expect(out).toContain(l);
    expect(out).not.toMatch(/d6ef3019ea41|92e7cc70bf5d|klasifikasi_akses/);
  });
});
