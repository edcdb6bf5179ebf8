/**
 * ckanext-scheming, pure: the shape of `scheming_dataset_schema_show` that satudata reads, and what
 * it changes in the mapping. On a portal with scheming, the schema's fields are top-level dataset
 * fields (scheming stores them itself and refuses an extra of the same name: "There is a schema field
 * with the same name"), so the Satu Data fields satudata manages move from `extras` to the top level.
 * The shipped schema (templates/ckan/satudata_dataset.json) has every field satudata sends.
 */
import type { Lang } from '../i18n.js';
import { OTHER_EXTRAS, SDI_EXTRAS, type CkanDatasetDraft } from './mapping.js';

/** scheming's language text: a plain string or `{"id": ..., "en": ...}`. */
export type LangText = string | Record<string, string>;

export interface SchemingChoice {
  value: string;
  label?: LangText;
}

export interface SchemingField {
  field_name: string;
  label?: LangText;
  help_text?: LangText;
  required?: boolean;
  preset?: string;
  choices?: SchemingChoice[];
}

export interface SchemingSchema {
  dataset_type: string;
  dataset_fields: SchemingField[];
  resource_fields?: SchemingField[];
}

/** The CKAN names of the fields satudata manages outside CKAN's core (extras without scheming). */
export const MANAGED_FIELDS: readonly string[] = [...SDI_EXTRAS.map((e) => e.extra), ...Object.keys(OTHER_EXTRAS)];

/** A usable schema answer (anything else is treated as "no scheming"). */
export function isSchemingSchema(v: unknown): v is SchemingSchema {
  const s = v as SchemingSchema | null;
  return !!s && typeof s === 'object' && Array.isArray(s.dataset_fields) && s.dataset_fields.every((f) => f && typeof f.field_name === 'string');
}

/** The managed fields the portal's schema has: these travel top-level. */
export function topLevelFields(schema: SchemingSchema | undefined): string[] {
  if (!schema) return [];
  const names = new Set(schema.dataset_fields.map((f) => f.field_name));
  return MANAGED_FIELDS.filter((k) => names.has(k));
}

/**
 * The draft for a portal with scheming: each managed field the schema has leaves `extras` and becomes
 * a top-level field (`schemaFields`, '' when the package has no value, so a value removed locally is
 * cleared on the portal). Without a schema, the draft is returned as it is.
 */
export function applyScheming(draft: CkanDatasetDraft, schema: SchemingSchema | undefined): CkanDatasetDraft {
  const top = topLevelFields(schema);
  if (!top.length) return draft;
  const set = new Set(top);
  const schemaFields: Record<string, string> = Object.fromEntries(top.map((k) => [k, '']));
  for (const e of draft.extras) if (set.has(e.key)) schemaFields[e.key] = e.value;
  return { ...draft, extras: draft.extras.filter((e) => !set.has(e.key)), schemaFields };
}

/** The text of a scheming label in `lang`, then Indonesian, English, or any language it has ('' when none is a string). */
export function langText(t: LangText | undefined, lang: Lang): string {
  if (typeof t === 'string') return t;
  if (!t || typeof t !== 'object') return '';
  const texts = [t[lang], t.id, t.en, ...Object.values(t)];
  return texts.find((x): x is string => typeof x === 'string') ?? '';
}

/** Label characters shown from a portal's schema (every choice is kept: the prompts offer only the codes they know). */
export const MAX_LABEL = 200;

/** One line a terminal shows as written: escape sequences, controls and bidi overrides go, line breaks become spaces. */
export function oneLine(s: string, max = MAX_LABEL): string {
  const t = s
    .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, '')
    .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, '')
    .replace(/[\t\n\r]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * A field's choices as the prompts offer them, from portal text: only choices with a string value,
 * labels in `lang` made one safe line (the value when there is none); undefined when `choices` is no list.
 */
export function schemingChoices(choices: unknown, lang: Lang): { value: string; label: string }[] | undefined {
  if (!Array.isArray(choices)) return undefined;
  const out: { value: string; label: string }[] = [];
  for (const c of choices as unknown[]) {
    if (!c || typeof c !== 'object' || typeof (c as SchemingChoice).value !== 'string') continue;
    const value = (c as SchemingChoice).value;
    out.push({ value, label: oneLine(langText((c as SchemingChoice).label, lang)) || oneLine(value) });
  }
  return out;
}
