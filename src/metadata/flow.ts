/**
 * The interactive metadata session: every dataset field of fields.ts in order, then each resource and
 * each of its fields (the column dictionary). Existing values are the defaults, so running it again
 * edits. Answers are checked as they are typed (the prompt shows the reason and asks again). The flow
 * only edits the object it is given; the command writes the file once, at the end.
 */
import { fmt, type Lang, m } from '../i18n.js';
import type { DataPackage, Field } from '../schema/types.js';
import type { Ask, Choice, Validate } from './ask.js';
import { DATASET_FIELDS, type CheckEnv, type MetaField } from './fields.js';
import { DEFAULT_LICENSE, licenseChoices, type PortalLicense } from './licenses.js';
import { type OrgChoice } from './organizations.js';
import { skpdTitle } from './organizations.js';
import { fieldTarget, inlineFields, resourceTarget, type Target } from './resource-keys.js';
import { slugify, type Checked } from './rules.js';
import type { PortalFieldHint } from './portal.js';

export interface FlowOptions {
  ask: Ask;
  lang: Lang;
  orgs: OrgChoice[];
  licenses?: PortalLicense[];
  /** Owner of a dataset name on the portal (see portal.ts); absent offline. */
  datasetOwner?: (name: string) => Promise<string | null | undefined>;
  /** Progress lines (stderr). */
  say(line: string): void;
  /** Questions answered in an earlier, interrupted session (by key): not asked again. */
  answered?: ReadonlySet<string>;
  /** Called after each answer is stored in the package (the command saves a resumable draft). */
  onAnswer?: (key: string) => Promise<void> | void;
  /** The portal's dataset schema (ckanext-scheming), by field key: its choices and labels are offered. */
  hints?: Record<string, PortalFieldHint>;
}

const T = {
  optional: m('metadata.flow.t.optional'),
  required: m('metadata.flow.t.required'),
  otherOrg: m('metadata.flow.t.otherOrg'),
  orgSlug: m('metadata.flow.t.orgSlug'),
  slugTaken: m('metadata.flow.t.slugTaken'),
  slugHidden: m('metadata.flow.t.slugHidden'),
  resource: m('metadata.flow.t.resource'),
  resTitle: m('metadata.flow.t.resTitle'),
  resDescription: m('metadata.flow.t.resDescription'),
  fieldTitle: m('metadata.flow.t.fieldTitle'),
  fieldDescription: m('metadata.flow.t.fieldDescription'),
  fieldUnit: m('metadata.flow.t.fieldUnit'),
  externalSchema: m('metadata.flow.t.externalSchema'),
};

/** Turn a checker into an inquirer `validate`: true, or the reason in the user's language. */
function validator(check: (raw: string) => Checked<unknown>, mandatory: boolean, lang: Lang): Validate {
  return (raw) => {
    if (raw.trim() === '') return mandatory ? T.required[lang] : true;
    const c = check(raw);
    return c.ok ? true : c.reason[lang];
  };
}

/** "jumlah_kasus_dbd" → "Jumlah Kasus Dbd": the inferred title offered for a column without one. */
export function humanize(name: string): string {
  return name.replace(/[_\-.]+/g, ' ').trim().replace(/\s+/g, ' ').replace(/(^|\s)\p{L}/gu, (m) => m.toUpperCase());
}

function message(f: MetaField, lang: Lang): string {
  const hint = f.hint ? ` ${f.hint[lang]}` : '';
  return `${f.label[lang]}${f.mandatory ? '' : ' ' + T.optional[lang]}${hint}`;
}

async function askText(o: FlowOptions, f: MetaField, env: CheckEnv, def: string | undefined, extra?: Validate): Promise<string> {
  const base = validator((raw) => f.check(raw, env), f.mandatory, o.lang);
  const validate: Validate = async (raw) => {
    const r = await base(raw);
    if (r !== true || !extra || raw.trim() === '') return r;
    return extra(raw);
  };
  return o.ask.input({ message: message(f, o.lang), default: def, validate });
}

async function askOrganization(o: FlowOptions, f: MetaField, env: CheckEnv, def: string | undefined): Promise<string> {
  const OTHER = '\u0000other';
  const choices: Choice[] = o.orgs.map((org) => ({ value: org.name, name: `${org.title} [${org.name}]` }));
  choices.push({ value: OTHER, name: T.otherOrg[o.lang] });
  const picked = await o.ask.select({ message: message(f, o.lang), choices, default: def && o.orgs.some((x) => x.name === def) ? def : undefined });
  if (picked !== OTHER) return picked;
  return o.ask.input({ message: T.orgSlug[o.lang], default: def, validate: validator((raw) => f.check(raw, env), true, o.lang) });
}

/** The slug is checked against the portal: free, or already ours, is fine; another owner is not. */
function slugOwnerCheck(o: FlowOptions, pkg: DataPackage): Validate | undefined {
  if (!o.datasetOwner) return undefined;
  const lookup = o.datasetOwner;
  return async (raw) => {
    const name = raw.trim();
    const owner = await lookup(name);
    const ours = (pkg.sdi as Record<string, unknown> | undefined)?.organisasi;
    if (owner === undefined || owner === null || owner === ours) return true;
    if (owner === '?') return fmt(T.slugHidden[o.lang], { name });
    return fmt(T.slugTaken[o.lang], { name, org: owner });
  };
}

function defaultFor(f: MetaField, pkg: DataPackage): string | undefined {
  const current = f.read(pkg);
  if (current !== undefined) return current;
  const read = (key: string) => DATASET_FIELDS.find((x) => x.key === key)?.read(pkg);
  switch (f.key) {
    case 'name': {
      const title = read('title');
      return title ? slugify(title) || undefined : undefined;
    }
    case 'contributors.author.title': {
      const org = read('sdi.organisasi');
      return org ? skpdTitle(org) : undefined;
    }
    case 'licenses':
      return DEFAULT_LICENSE.name;
    default:
      return undefined;
  }
}

export async function askDatasetFields(pkg: DataPackage, o: FlowOptions): Promise<void> {
  const env: CheckEnv = { licenses: o.licenses };
  for (const f of DATASET_FIELDS) {
    if (!f.prompt || o.answered?.has(f.key)) continue;
    const def = defaultFor(f, pkg);
    let raw: string;
    switch (f.input) {
      case 'select': {
        const portal = o.hints?.[f.key]?.choices;
        // With the portal's schema: only the codes it accepts (push would be refused otherwise), under its labels.
        const offered = (f.terms ?? []).filter((t) => !portal || portal.some((c) => c.value === t.code));
        const terms = offered.length ? offered : f.terms ?? [];
        const current = def !== undefined ? f.check(def, env) : undefined;
        const choices = terms.map((t) => ({ value: t.code, name: `${portal?.find((c) => c.value === t.code)?.label || t.label[o.lang]} (${t.code})` }));
        raw = await o.ask.select({ message: message(f, o.lang), choices, default: current?.ok ? (current.value as string) : undefined });
        break;
      }
      case 'license': {
        const choices = licenseChoices(o.licenses);
        const current = def !== undefined ? f.check(def, env) : undefined;
        const name = current?.ok ? (current.value as { name: string }).name : undefined;
        raw = await o.ask.select({ message: message(f, o.lang), choices, default: choices.some((c) => c.value === name) ? name : undefined });
        break;
      }
      case 'organization':
        raw = await askOrganization(o, f, env, def);
        break;
      case 'slug':
        raw = await askText(o, f, env, def, slugOwnerCheck(o, pkg));
        break;
      default:
        raw = await askText(o, f, env, def);
    }
    if (raw.trim() === '') {
      if (!f.mandatory) f.write(pkg, undefined);
    } else {
      const checked = f.check(raw, env);
      // The prompt validated already; re-checking gives the normalised value (codes, lists, licence object).
      if (checked.ok) f.write(pkg, checked.value);
    }
    await o.onAnswer?.(f.key);
  }
}

async function askTarget(o: FlowOptions, t: Target, msg: string, def: string | undefined): Promise<void> {
  if (o.answered?.has(t.key)) return;
  const raw = await o.ask.input({ message: t.mandatory ? msg : `${msg} ${T.optional[o.lang]}`, default: def, validate: validator((r) => t.check(r), t.mandatory, o.lang) });
  if (raw.trim() === '') {
    if (!t.mandatory) t.write(undefined);
  } else {
    const c = t.check(raw);
    if (c.ok) t.write(c.value);
  }
  await o.onAnswer?.(t.key);
}

const NUMERIC = new Set(['number', 'integer']);

export async function askResources(pkg: DataPackage, o: FlowOptions): Promise<void> {
  const total = pkg.resources.length;
  for (const [ri, res] of pkg.resources.entries()) {
    const name = res.name ?? String(ri);
    o.say(fmt(T.resource[o.lang], { n: ri + 1, total, name, path: Array.isArray(res.path) ? res.path.join(', ') : res.path ?? '-' }));
    const title = resourceTarget(pkg, ri, 'title');
    await askTarget(o, title, fmt(T.resTitle[o.lang], { name }), title.read() ?? humanize(name));
    const description = resourceTarget(pkg, ri, 'description');
    await askTarget(o, description, fmt(T.resDescription[o.lang], { name }), description.read());
    if (typeof res.schema === 'string') {
      o.say(fmt(T.externalSchema[o.lang], { name }));
      continue;
    }
    const fields: Field[] = inlineFields(res);
    for (const [fi, field] of fields.entries()) {
      const vars = { name: field.name, type: field.type ?? 'string' };
      const ft = fieldTarget(pkg, ri, fi, 'title');
      await askTarget(o, ft, fmt(T.fieldTitle[o.lang], vars), ft.read() ?? humanize(field.name));
      const fd = fieldTarget(pkg, ri, fi, 'description');
      await askTarget(o, fd, fmt(T.fieldDescription[o.lang], vars), fd.read());
      if (NUMERIC.has(String(field.type))) {
        const fu = fieldTarget(pkg, ri, fi, 'satuan');
        // A measure column's unit is usually the dataset's unit: offer it.
        const datasetUnit = (pkg.sdi as Record<string, unknown> | undefined)?.satuan;
        await askTarget(o, fu, fmt(T.fieldUnit[o.lang], vars), fu.read() ?? (typeof datasetUnit === 'string' ? datasetUnit : undefined));
      }
    }
  }
}

/** The whole session: dataset fields, then resources and columns. */
export async function runMetadataFlow(pkg: DataPackage, o: FlowOptions): Promise<void> {
  await askDatasetFields(pkg, o);
  await askResources(pkg, o);
}
