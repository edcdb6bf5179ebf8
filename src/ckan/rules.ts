/**
 * Local pre-check of every CKAN rule a push could trip over (ckan-api.md §5 and §8), so that the user
 * gets all problems at once, named by their datapackage.json field, in their language, before anything
 * is sent. Pure.
 */
import { fmt, type Lang, type Msg, m } from '../i18n.js';
import type { CkanDatasetDraft, CkanResourceDraft } from './mapping.js';
import { packageFieldOf } from './mapping.js';

export interface Violation {
  /** datapackage.json field, e.g. `name`, `keywords[1]`, `sdi.periode` */
  field: string;
  message: string;
}

/** Dataset fields of CKAN's schema: an extra must not shadow one (extra_key_not_in_root_schema). */
export const CKAN_ROOT_FIELDS: ReadonlySet<string> = new Set([
  'id', 'name', 'title', 'notes', 'url', 'version', 'state', 'type', 'owner_org', 'private', 'tags', 'resources', 'groups', 'extras',
  'license_id', 'author', 'author_email', 'maintainer', 'maintainer_email', 'plugin_data', 'metadata_modified', 'metadata_created',
  'tag_string', 'log_message', 'creator_user_id', 'relationships_as_object', 'relationships_as_subject', 'organization',
]);

const RESERVED_NAMES = new Set(['new', 'edit', 'search']);
const EMAIL = /^[\w.%+-]+@[\w.-]+\.[A-Za-z]{2,}$/;
const TAG_CHARS = /^[\p{L}\p{N}_ \-.]+$/u;

const M: Record<string, Msg> = {
  required: m('metadata.ckan-rules.m.required'),
  nameReserved: m('metadata.ckan-rules.m.nameReserved'),
  nameLength: m('metadata.ckan-rules.m.nameLength'),
  nameChars: m('metadata.ckan-rules.m.nameChars'),
  tagLength: m('metadata.ckan-rules.m.tagLength'),
  tagChars: m('metadata.ckan-rules.m.tagChars'),
  extraShadow: m('metadata.ckan-rules.m.extraShadow'),
  extraDup: m('metadata.ckan-rules.m.extraDup'),
  email: m('metadata.ckan-rules.m.email'),
  license: m('metadata.ckan-rules.m.license'),
  resName: m('metadata.ckan-rules.m.resName'),
  resDup: m('metadata.ckan-rules.m.resDup'),
  resPath: m('metadata.ckan-rules.m.resPath'),
  noResources: m('metadata.ckan-rules.m.noResources'),
};

const say = (m: Msg, lang: Lang, vars: Record<string, string | number> = {}) => fmt(m[lang], vars);

export function checkDatasetName(name: string, lang: Lang): string[] {
  const out: string[] = [];
  if (!name) return [say(M.required, lang)];
  if (RESERVED_NAMES.has(name)) out.push(say(M.nameReserved, lang, { v: name }));
  if (name.length < 2 || name.length > 100) out.push(say(M.nameLength, lang, { n: name.length }));
  if (!/^[a-z0-9_-]+$/.test(name)) out.push(say(M.nameChars, lang, { v: name }));
  return out;
}

export function checkTag(tag: string, lang: Lang): string[] {
  const out: string[] = [];
  if (tag.length < 2 || tag.length > 100) out.push(say(M.tagLength, lang, { v: tag }));
  if (!TAG_CHARS.test(tag)) out.push(say(M.tagChars, lang, { v: tag }));
  return out;
}

/**
 * Every violation of the dataset and its resources. `licenses` is the portal's `license_list` ids when
 * known (the licence is then checked against it).
 */
export function checkCkanDataset(ds: CkanDatasetDraft, resources: CkanResourceDraft[], lang: Lang, licenses?: readonly string[]): Violation[] {
  const v: Violation[] = [];
  const push = (ckanField: string, msgs: string[]) => msgs.forEach((message) => v.push({ field: packageFieldOf(ckanField), message }));
  push('name', checkDatasetName(ds.name, lang));
  if (!ds.title) push('title', [say(M.required, lang)]);
  if (!ds.owner_org) push('owner_org', [say(M.required, lang)]);
  else push('owner_org', checkDatasetName(ds.owner_org, lang).filter((m) => !m.includes('"new"')));
  if (!ds.license_id) v.push({ field: 'licenses[0]', message: say(M.required, lang) });
  else if (licenses && licenses.length && !licenses.includes(ds.license_id)) {
    v.push({ field: 'licenses[0]', message: say(M.license, lang, { v: ds.license_id, list: licenses.join(', ') }) });
  }
  ds.tags.forEach((t, i) => push(`tags[${i}]`, checkTag(t.name, lang)));
  for (const key of ['author_email', 'maintainer_email'] as const) {
    if (ds[key] && !EMAIL.test(ds[key])) push(key, [say(M.email, lang, { v: ds[key] })]);
  }
  const seen = new Set<string>();
  for (const e of ds.extras) {
    if (CKAN_ROOT_FIELDS.has(e.key)) push(`extras.${e.key}`, [say(M.extraShadow, lang, { v: e.key })]);
    if (seen.has(e.key)) push(`extras.${e.key}`, [say(M.extraDup, lang, { v: e.key })]);
    seen.add(e.key);
  }
  if (!resources.length) v.push({ field: 'resources', message: say(M.noResources, lang) });
  const names = new Set<string>();
  resources.forEach((r, i) => {
    if (!r.name) v.push({ field: `resources[${i}].name`, message: say(M.resName, lang) });
    else if (names.has(r.name)) v.push({ field: `resources[${i}].name`, message: say(M.resDup, lang, { v: r.name }) });
    names.add(r.name);
    if (!r.localPath && !r.url) v.push({ field: `resources[${i}].path`, message: say(M.resPath, lang, { v: r.name || String(i) }) });
  });
  return v;
}
