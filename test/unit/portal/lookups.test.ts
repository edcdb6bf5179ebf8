/** The metadata prompts' portal lookups, against the fake CKAN: orgs for the token, licences, slug owners, offline fallback. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanClient } from '../../../src/portal/client.js';
import { ckanMetadataPortal } from '../../../src/portal/lookups.js';
import { startFakeCkan, type FakeCkan } from '../../fake-ckan/server.js';

let ckan: FakeCkan;
beforeAll(async () => {
  ckan = await startFakeCkan({
    datasets: [
      { name: 'kebakaran-2024', org: 'org-a' },
      { name: 'rahasia', org: 'org-b', private: true },
    ],
  });
});
afterAll(async () => ckan?.close());

function portal(token?: string) {
  const warnings: unknown[] = [];
  const client = new CkanClient({ portal: ckan.url, token, retries: 0, env: {} });
  return { p: ckanMetadataPortal(client, Boolean(token), (e) => warnings.push(e)), warnings, client };
}

describe('metadata portal lookups', () => {
  it("the portal's scheming schema gives choices with labels in the user's language; none without scheming", async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../../templates/ckan/satudata_dataset.json', import.meta.url), 'utf8'));
    const withScheming = await startFakeCkan({ scheming: schema });
    try {
      const client = new CkanClient({ portal: withScheming.url, retries: 0, env: {} });
      const hints = (await ckanMetadataPortal(client, false, () => {}).fieldHints!('en'))!;
      expect(hints['sdi.tingkat_penyajian']?.choices).toEqual([
        { value: 'kota', label: 'City' }, { value: 'kecamatan', label: 'District (kecamatan)' }, { value: 'kelurahan', label: 'Urban village (kelurahan)' }, { value: 'titik', label: 'Point (location)' },
      ]);
      expect(hints['sdi.frekuensi']?.choices?.[0]).toEqual({ value: 'harian', label: 'Daily' });
      expect(Object.keys(hints).sort()).toEqual(['sdi.frekuensi', 'sdi.klasifikasi_akses', 'sdi.tingkat_penyajian', 'sdi.ukuran']);
      await client.close();
    } finally {
      await withScheming.close();
    }
    const { p, client, warnings } = portal();
    expect(await p.fieldHints!('id')).toBeUndefined();
    expect(warnings).toEqual([]);
    await client.close();
  });

  it('lists the organizations the token may create datasets in', async () => {
    const { p, client } = portal(ckan.tokens.editor);
    expect((await p.organizations())!.map((o) => o.name)).toEqual([ckan.env.editor.org]);
    await client.close();
  });

  it('without a token, offers no portal organizations (the bundled SKPD list is used)', async () => {
    const { p, client } = portal();
    expect(await p.organizations()).toBeUndefined();
    await client.close();
  });

  it('reads the licence list', async () => {
    const { p, client } = portal();
    const list = (await p.licenses())!;
    expect(list.some((l) => l.id === 'cc-by')).toBe(true);
    await client.close();
  });

  it('tells who owns a dataset name: an organization, free, or hidden', async () => {
    const { p, client } = portal(ckan.tokens.editor);
    expect(await p.datasetOwner('kebakaran-2024')).toBe('org-a');
    expect(await p.datasetOwner('belum-ada')).toBeNull();
    expect(await p.datasetOwner('rahasia')).toBe('?');
    await client.close();
  });

  it('an unreachable portal answers undefined and reports each failure (the prompt kit prints one note)', async () => {
    const client = new CkanClient({ portal: 'http://127.0.0.1:9', retries: 0, timeoutMs: 2000, env: {} });
    const warnings: unknown[] = [];
    const p = ckanMetadataPortal(client, true, (e) => warnings.push(e));
    expect(await p.licenses()).toBeUndefined();
    expect(await p.datasetOwner('x')).toBeUndefined();
    expect(warnings.length).toBe(2);
    await client.close();
  });
});

describe('metadata portal lookups: a hostile scheming schema', () => {
  it('labels lose escape sequences, bidi overrides and line breaks, are capped; odd choices are dropped, never thrown on', async () => {
    const field = (name: string, choices: unknown) => ({ field_name: name, label: 'x', choices });
    const schema = {
      dataset_type: 'dataset',
      dataset_fields: [
        field('frekuensi_penerbitan', [
          { value: 'harian', label: { en: '\u001b]8;;http://evil\u0007Daily\u001b[31m\u202e\nFAKE: ok' } },
          { value: 'mingguan', label: { en: { nested: 'object' } } },
          { value: 7, label: 'a number value' },
          null,
          'bulanan',
          { value: 'tahunan', label: 'Y'.repeat(5000) },
        ]),
        field('tingkat_penyajian', { kota: 'City' }),
        field('ukuran', Array.from({ length: 5000 }, (_, i) => ({ value: `v${i}`, label: `L${i}` }))),
      ],
    };
    const hostile = await startFakeCkan({ scheming: schema as never });
    try {
      const client = new CkanClient({ portal: hostile.url, retries: 0, env: {} });
      const warnings: unknown[] = [];
      const hints = (await ckanMetadataPortal(client, false, (e) => warnings.push(e)).fieldHints!('en'))!;
      expect(warnings).toEqual([]);
      const choices = hints['sdi.frekuensi']?.choices ?? [];
      expect(choices.map((c) => c.value)).toEqual(['harian', 'mingguan', 'tahunan']);
      expect(choices[0]?.label).toBe('Daily FAKE: ok');
      expect(choices[1]?.label).toBe('mingguan');
      expect(choices[2]?.label.length).toBeLessThanOrEqual(200);
      for (const c of choices) expect(c.label).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(hints['sdi.tingkat_penyajian']).toBeUndefined();
      expect(hints['sdi.ukuran']?.choices?.length).toBe(5000);
      await client.close();
    } finally {
      await hostile.close();
    }
  });
});
