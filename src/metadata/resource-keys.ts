/**
 * Per-resource and per-field metadata (the column dictionary, "kamus kolom"): keys of the form
 * `resources.<index|name>.title` and `resources.<index|name>.schema.fields.<name|index>.title`,
 * with Indonesian aliases for the last part (`judul`, `deskripsi`, `satuan` for `unit`).
 */
import type { Msg } from '../i18n.js';
import type { DataPackage, Field, Resource } from '../schema/types.js';
import { checkText, type Checked } from './rules.js';
import { mf } from '../i18n.js';
import { at } from '../invariant.js';

export type ResourceAttr = 'title' | 'description' | 'satuan';

const ATTR_ALIASES: Record<string, ResourceAttr> = {
  title: 'title', judul: 'title', label: 'title',
  description: 'description', deskripsi: 'description', definisi: 'description',
  unit: 'satuan', satuan: 'satuan', 'sdi.satuan': 'satuan',
};

export interface Target {
  /** Canonical key, with the resource index and the field name. */
  key: string;
  pointer: string;
  mandatory: boolean;
  attr: ResourceAttr;
  resourceIndex: number;
  field?: Field;
  check(raw: string): Checked<unknown>;
  read(): string | undefined;
  write(value: unknown): void;
}

/** Own keys only: `__proto__` or `constructor` must never reach Object.prototype. */
const aliasOf = (k: string): ResourceAttr | undefined => (Object.hasOwn(ATTR_ALIASES, k.toLowerCase()) ? ATTR_ALIASES[k.toLowerCase()] : undefined);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function attrTarget(holder: Record<string, unknown>, attr: ResourceAttr, key: string, pointer: string, mandatory: boolean, resourceIndex: number, field?: Field): Target {
  // The unit of a column (or resource) is its `unit` property, as in the examples; the dataset's own
  // unit is `sdi.satuan`.
  const prop = attr === 'satuan' ? 'unit' : attr;
  return {
    key, pointer: `${pointer}/${prop}`, mandatory, attr, resourceIndex, field,
    check: (raw) => checkText(raw, attr === 'description' ? 3 : 1, attr === 'satuan' ? 100 : 10000),
    read: () => str(holder[prop]),
    write: (value) => {
      if (value === undefined) delete holder[prop];
      else holder[prop] = value;
    },
  };
}

/** Inline fields of a resource, or [] when the schema is absent or an external file. */
export function inlineFields(res: Resource): Field[] {
  const schema = res.schema;
  return schema && typeof schema === 'object' && Array.isArray(schema.fields) ? schema.fields : [];
}

export function resourceTarget(pkg: DataPackage, ri: number, attr: ResourceAttr): Target {
  const res = pkg.resources[ri];
  return attrTarget(res as Record<string, unknown>, attr, `resources.${ri}.${attr === 'satuan' ? 'unit' : attr}`, `/resources/${ri}`, false, ri);
}

export function fieldTarget(pkg: DataPackage, ri: number, fi: number, attr: ResourceAttr): Target {
  const res = at(pkg.resources, ri);
  const field = at(inlineFields(res), fi);
  // The column dictionary needs a title for every column and a unit for every measure; a description
  // is recommended (a warning of the profile), not required: 184 mandatory descriptions are never finished.
  const mandatory = attr === 'title' || (attr === 'satuan' && isMeasure(field, res));
  return attrTarget(
    field as Record<string, unknown>, attr,
    `resources.${ri}.schema.fields.${field.name}.${attr === 'satuan' ? 'unit' : attr}`,
    `/resources/${ri}/schema/fields/${fi}`,
    mandatory, ri, field,
  );
}

const NUMERIC = new Set(['number', 'integer']);
/** Names of numeric columns that identify or date a row rather than measure something. */
const IDENTIFIER_NAME = /^(id|no|nomor|nomer|urut|kode|kd|tahun|thn|year|bulan|month|triwulan|semester|nip|nik|npsn|nib)(_|$)|_(id|kode|kd|no|tahun|year)$/i;

/** A measure column: numeric, and neither an identifier, a year/month nor part of a key. */
export function isMeasure(field: Field, res: Resource): boolean {
  if (!NUMERIC.has(String(field.type)) || IDENTIFIER_NAME.test(field.name)) return false;
  const schema = typeof res.schema === 'object' && res.schema ? res.schema : undefined;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
  const keyFields = [...list(schema?.primaryKey), ...list(schema?.foreignKeys).flatMap((fk) => list((fk as { fields?: unknown })?.fields))];
  return !keyFields.includes(field.name);
}

/** Every mandatory column-dictionary target of the package: every column's title, every measure's unit. */
export function mandatoryColumnTargets(pkg: DataPackage): Target[] {
  const out: Target[] = [];
  (pkg.resources ?? []).forEach((res, ri) => {
    inlineFields(res).forEach((f, fi) => {
      out.push(fieldTarget(pkg, ri, fi, 'title'));
      if (isMeasure(f, res)) out.push(fieldTarget(pkg, ri, fi, 'satuan'));
    });
  });
  return out;
}

/** The recommended ones: every column's description. */
export function recommendedColumnTargets(pkg: DataPackage): Target[] {
  return (pkg.resources ?? []).flatMap((res, ri) => inlineFields(res).map((_f, fi) => fieldTarget(pkg, ri, fi, 'description')));
}

/** Resolve a `resources.…` key, or explain why it does not name anything. */
export function resolveResourceKey(pkg: DataPackage, key: string): Target | { error: Msg } {
  const parts = key.split('.');
  const resources = Array.isArray(pkg.resources) ? pkg.resources : [];
  const ri = /^\d+$/.test(parts[1] ?? '') ? Number(parts[1]) : resources.findIndex((r) => r?.name === parts[1]);
  if (parts.length < 3 || ri < 0 || ri >= resources.length) {
    const names = resources.map((r, i) => `${i} (${r.name})`).join(', ') || '-';
    return { error: mf('metadata.resource-keys.no_such_resource', { key, value: parts[1] ?? '', names }) };
  }
  const rest = parts.slice(2);
  if (rest[0] === 'schema' && rest[1] === 'fields') {
    const fields = inlineFields(at(resources, ri));
    if (!fields.length) {
      return { error: mf('metadata.resource-keys.resource_has_no_inline', { key, ri }) };
    }
    const sel = rest[2] ?? '';
    let fi = fields.findIndex((f) => f.name === sel);
    if (fi < 0 && /^\d+$/.test(sel) && Number(sel) < fields.length) fi = Number(sel);
    if (fi < 0) {
      return { error: mf('metadata.resource-keys.no_such_field', { key, sel, value: fields.map((f) => f.name).join(', ') }) };
    }
    const attr = aliasOf(rest.slice(3).join('.'));
    if (!attr) return { error: unknownAttr(key) };
    return fieldTarget(pkg, ri, fi, attr);
  }
  const attr = aliasOf(rest.join('.'));
  if (!attr) return { error: unknownAttr(key) };
  return resourceTarget(pkg, ri, attr);
}

const unknownAttr = (key: string): Msg => (mf('metadata.resource-keys.only_title_judul_description', { key }));
