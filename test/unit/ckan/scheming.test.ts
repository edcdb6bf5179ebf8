/**
 * The shipped ckanext-scheming schema (templates/ckan/satudata_dataset.json) against what satudata
 * sends, and the pure scheming mapping (top-level fields, diff, error names).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MANAGED_FIELDS, applyScheming, isSchemingSchema, langText, topLevelFields, type SchemingSchema } from '../../../src/ckan/scheming.js';
import { SDI_EXTRAS, packageFieldOf, type CkanDatasetDraft } from '../../../src/ckan/mapping.js';
import { ACCESS, FREQUENCIES, LEVELS, MEASURES } from '../../../src/metadata/vocabulary.js';
import { DATASET_FIELDS } from '../../../src/metadata/fields.js';
import { datasetDiff, planPush } from '../../../src/portal/plan.js';

const SHIPPED: SchemingSchema = JSON.parse(readFileSync(new URL('../../../templates/ckan/satudata_dataset.json', import.meta.url), 'utf8'));
const field = (name: string) => SHIPPED.dataset_fields.find((f) => f.field_name === name)!;
/** CKAN's own dataset fields (not Satu Data ones): the schema lists them for the form. */
const CORE = ['title', 'name', 'notes', 'owner_org', 'tag_string', 'license_id', 'author', 'author_email', 'maintainer', 'maintainer_email', 'url', 'version'];

describe('the shipped Satu Data scheming schema', () => {
  it('is a scheming dataset schema for the default type', () => {
    expect(isSchemingSchema(SHIPPED)).toBe(true);
    expect(SHIPPED.dataset_type).toBe('dataset');
    const names = SHIPPED.dataset_fields.map((f) => f.field_name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has exactly the Satu Data fields satudata sends, besides CKAN core fields', () => {
    const sdi = SHIPPED.dataset_fields.map((f) => f.field_name).filter((n) => !CORE.includes(n));
    expect([...sdi].sort()).toEqual([...MANAGED_FIELDS].sort());
    expect(topLevelFields(SHIPPED)).toEqual(MANAGED_FIELDS);
  });

  it.each([
    ['frekuensi_penerbitan', FREQUENCIES],
    ['ukuran', MEASURES],
    ['tingkat_penyajian', LEVELS],
    ['klasifikasi_akses', ACCESS],
  ] as const)('%s: the choices are satudata\'s codes, in order, with its Indonesian and English labels', (name, terms) => {
    const f = field(name);
    expect(f.preset).toBe('select');
    expect(f.choices!.map((c) => c.value)).toEqual(terms.map((t) => t.code));
    expect(f.choices!.map((c) => langText(c.label, 'id'))).toEqual(terms.map((t) => t.label.id));
    expect(f.choices!.map((c) => langText(c.label, 'en'))).toEqual(terms.map((t) => t.label.en));
  });

  it("requires what satudata's Satu Data profile makes mandatory, and nothing else of the Satu Data fields", () => {
    for (const x of SDI_EXTRAS) {
      const meta = DATASET_FIELDS.find((f) => f.key === `sdi.${x.sdi}`);
      expect({ field: x.extra, required: field(x.extra).required === true }).toEqual({ field: x.extra, required: meta?.mandatory === true });
    }
    for (const n of ['notes', 'maintainer', 'maintainer_email']) expect(field(n).required).toBe(true);
    for (const n of ['publisher', 'sumber_data']) expect(field(n).required).toBeUndefined();
  });

  it('labels every field in Indonesian and English, and helps with every Satu Data field', () => {
    for (const f of [...SHIPPED.dataset_fields, ...(SHIPPED.resource_fields ?? [])]) {
      expect(typeof f.label === 'object' && f.label.id && f.label.en, f.field_name).toBeTruthy();
    }
    for (const n of MANAGED_FIELDS) {
      const h = field(n).help_text;
      expect(typeof h === 'object' && h.id && h.en, n).toBeTruthy();
    }
  });
});

const draft = (extras: { key: string; value: string }[]): CkanDatasetDraft => ({
  name: 'ds', title: 'T', notes: 'N', owner_org: 'org-a', license_id: 'cc-by', private: false,
  author: '', author_email: '', maintainer: 'M', maintainer_email: 'm@x.id', tags: [], extras,
});
const schema = (...names: string[]): SchemingSchema => ({ dataset_type: 'dataset', dataset_fields: names.map((field_name) => ({ field_name })) });

describe('applyScheming', () => {
  const extras = [{ key: 'tahun', value: '2024' }, { key: 'satuan', value: 'orang' }, { key: 'custom', value: 'x' }];
  it.each([
    ['no scheming', undefined, extras, undefined],
    ['a schema without Satu Data fields', schema('title', 'name'), extras, undefined],
    ['the fields the schema has go top-level; absent ones are cleared', schema('tahun', 'konsep'), [{ key: 'satuan', value: 'orang' }, { key: 'custom', value: 'x' }], { tahun: '2024', konsep: '' }],
    ['the shipped schema', SHIPPED, [{ key: 'custom', value: 'x' }], undefined],
  ] as const)('%s', (_l, s, wantExtras, wantFields) => {
    const out = applyScheming(draft([...extras]), s);
    expect(out.extras).toEqual(wantExtras);
    if (wantFields) expect(out.schemaFields).toEqual(wantFields);
    else if (s !== SHIPPED) expect(out.schemaFields).toBeUndefined();
    else expect(out.schemaFields).toMatchObject({ tahun: '2024', satuan: 'orang', konsep: '' });
  });
});

describe('plan and errors with scheming fields', () => {
  const d = applyScheming(draft([{ key: 'tahun', value: '2024' }, { key: 'satuan', value: 'orang' }]), schema('tahun', 'satuan', 'konsep'));

  it('create sends them top-level, without empty ones and without a schemaFields key', () => {
    const plan = planPush(d, [], undefined, { prune: false });
    expect(plan.dataset.fields).toMatchObject({ tahun: '2024', satuan: 'orang', extras: [] });
    expect(plan.dataset.fields).not.toHaveProperty('konsep');
    expect(plan.dataset.fields).not.toHaveProperty('schemaFields');
  });

  it.each([
    ['the same values: no diff', { tahun: '2024', satuan: 'orang' }, [], {}],
    ['a changed value: patched top-level', { tahun: '2023', satuan: 'orang' }, [{ field: 'sdi.periode', from: '2023', to: '2024' }], { tahun: '2024' }],
    ['a value only on the portal: cleared', { tahun: '2024', satuan: 'orang', konsep: 'k' }, [{ field: 'sdi.konsep', from: 'k', to: '' }], { konsep: '' }],
    ['an old extra of the same name is not compared (scheming shows it top-level)', { tahun: '2024', satuan: 'orang', extras: [{ key: 'x', value: '1' }] }, [], {}],
  ])('%s', (_l, remoteFields, wantDiff, wantPatch) => {
    const extras = (remoteFields as { extras?: unknown }).extras ?? [];
    const remote = { id: 'i', name: 'ds', title: 'T', notes: 'N', license_id: 'cc-by', private: false, author: '', author_email: '', maintainer: 'M', maintainer_email: 'm@x.id', tags: [], ...remoteFields, extras };
    const { diff, patch } = datasetDiff(remote, { ...d, extras: (extras as { key: string; value: string }[]) });
    expect(diff).toEqual(wantDiff);
    expect(patch).toEqual(wantPatch);
  });

  it.each([
    ['konsep', 'sdi.konsep'],
    ['tahun', 'sdi.periode'],
    ['frekuensi_penerbitan', 'sdi.frekuensi'],
    ['publisher', 'contributors[role=publisher].title'],
    ['sumber_data', 'sources'],
    ['extras.tahun', 'sdi.periode'],
    ['notes', 'description'],
    ['unknown_field', 'unknown_field'],
  ])('a CKAN error on %s names %s', (ckan, pkg) => {
    expect(packageFieldOf(ckan)).toBe(pkg);
  });
});
