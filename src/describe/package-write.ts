/**
 * Adding a described resource to `datapackage.json` without losing anything already written there:
 * the package's own keys are kept, other resources are untouched, and for the same resource (same
 * path, or same name) the officer's hand-written metadata (title, description, field descriptions,
 * constraints, ...) survives while the inferred structure (schema types, dialect) is refreshed.
 * The file is replaced atomically (temp file + rename), so Ctrl-C never leaves half a JSON file.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';
import { readPackage as readJsonPackage, writeFileAtomic } from '../metadata/package-file.js';
import { normalizePackagePath } from '../package-path.js';
import type { DataPackage, Field, Resource, Schema } from '../schema/types.js';
import { safeName } from './names.js';
import { msg } from '../i18n.js';
import { at } from '../invariant.js';

export const V2_PACKAGE_PROFILE = 'https://datapackage.org/profiles/2.0/datapackage.json';

/** Keys describe computes; everything else in an existing resource is the officer's and is kept. */
const INFERRED_RESOURCE_KEYS = ['path', 'type', 'format', 'mediatype', 'encoding', 'dialect'] as const;
const INFERRED_FIELD_KEYS = ['name', 'type', 'format', 'decimalChar', 'groupChar', 'bareNumber', 'trueValues', 'falseValues'] as const;

export async function readPackage(file: string, lang: 'id' | 'en' = 'id'): Promise<DataPackage | undefined> {
  if (!(await stat(file).catch(() => undefined))) return undefined;
  try {
    return await readJsonPackage(file, lang);
  } catch (e) {
    // describe never overwrites a broken file: say so with the reason.
    if (e instanceof UsageError && !e.hint) {
      throw new UsageError(e.message, msg(lang, 'describe.package-write.fix_that_file_first'));
    }
    throw e;
  }
}

/** Pure merge of a freshly inferred resource into an existing one. */
export function mergeResource(old: Resource, fresh: Resource): Resource {
  const out: Resource = { ...old };
  for (const k of INFERRED_RESOURCE_KEYS) {
    if (fresh[k] !== undefined) (out as Record<string, unknown>)[k] = fresh[k];
    else delete out[k];
  }
  out.name = old.name || fresh.name;
  const oldSchema = typeof old.schema === 'object' ? old.schema : undefined;
  const freshSchema = fresh.schema as Schema;
  if (typeof old.schema === 'string') {
    // The schema lives in its own file, which the officer maintains: leave the reference alone.
    return out;
  }
  const oldFields = oldSchema?.fields ?? [];
  const byName = new Map(oldFields.map((f) => [f.name, f]));
  // A package written before field names became the file's labels has `kode_wilayah` where the fresh
  // field is `Kode Wilayah`: match it by its safe name or its title so the officer's text survives.
  const byAlias = new Map<string, Field>();
  for (const f of oldFields) if (f.title && !byAlias.has(f.title)) byAlias.set(f.title, f);
  const taken = new Set(freshSchema.fields.map((f) => f.name));
  const renamed = new Map<string, string>();
  const fields: Field[] = freshSchema.fields.map((f, j) => {
    const alias = byName.get(f.name) ?? byAlias.get(f.name) ?? (f.title ? byAlias.get(f.title) : undefined) ?? byName.get(safeName(f.name, j + 1));
    const prev = alias && (alias.name === f.name || !taken.has(alias.name)) ? alias : undefined;
    if (prev && prev.name !== f.name) renamed.set(prev.name, f.name);
    if (!prev) return f;
    const merged: Field = { ...prev };
    for (const k of INFERRED_FIELD_KEYS) {
      if (f[k] !== undefined) (merged as Record<string, unknown>)[k] = f[k];
      else delete merged[k];
    }
    if (merged.title === undefined && f.title !== undefined) merged.title = f.title;
    if (f.constraints && !prev.constraints) merged.constraints = f.constraints;
    return merged;
  });
  out.schema = renameKeys({ ...(oldSchema ?? {}), fields, missingValues: freshSchema.missingValues }, renamed, undefined);
  return out;
}

/** Keys naming fields follow a renamed field (`kode_wilayah` → `Kode Wilayah`). */
function renameKeys(schema: Schema, renamed: Map<string, string>, resource: string | undefined): Schema {
  if (renamed.size === 0) return schema;
  const r = (n: string) => renamed.get(n) ?? n;
  const list = (v: string[] | string) => (Array.isArray(v) ? v.map(r) : r(v));
  const out: Schema = { ...schema };
  if (resource === undefined) {
    if (out.primaryKey !== undefined) out.primaryKey = list(out.primaryKey);
    if (out.uniqueKeys) out.uniqueKeys = out.uniqueKeys.map((k) => k.map(r));
  }
  if (out.foreignKeys) {
    out.foreignKeys = out.foreignKeys.map((fk) => {
      const self = fk.reference?.resource === undefined || fk.reference.resource === '';
      const next = { ...fk };
      if (resource === undefined) next.fields = list(fk.fields) as typeof fk.fields;
      if (fk.reference && ((resource === undefined && self) || (resource !== undefined && fk.reference.resource === resource))) {
        next.reference = { ...fk.reference, fields: list(fk.reference.fields) as typeof fk.reference.fields };
      }
      return next;
    });
  }
  return out;
}

/** Renamed fields of `name`, for other resources' foreign keys that point at it. */
function renamedFields(old: Resource, merged: Resource): Map<string, string> {
  const before = typeof old.schema === 'object' ? old.schema.fields.map((f) => f.name) : [];
  const after = typeof merged.schema === 'object' ? merged.schema.fields.map((f) => f.name) : [];
  const map = new Map<string, string>();
  if (before.length !== after.length) {
    // Fields matched by alias may shift; only exact positional renames are carried over.
    return map;
  }
  before.forEach((b, i) => {
    if (b !== after[i] && !after.includes(b)) map.set(b, at(after, i));
  });
  return map;
}

/** Pure: the package with `resource` added, or merged into the resource with the same path (and sheet). */
export function upsertResource(pkg: DataPackage | undefined, resource: Resource, defaultName: string): DataPackage {
  const base: DataPackage = pkg ? { ...pkg, resources: [...pkg.resources] } : { $schema: V2_PACKAGE_PROFILE, name: defaultName, resources: [] };
  // `data\\b.csv` and `./data/b.csv` are data/b.csv (the shared package path rules): the same file.
  const key = (p: Resource['path']) => JSON.stringify(Array.isArray(p) ? p.map((x) => (typeof x === 'string' ? normalizePackagePath(x) : x)) : typeof p === 'string' ? normalizePackagePath(p) : p);
  const samePath = (r: Resource) => r.path !== undefined && key(r.path) === key(resource.path) && sameSheet(r, resource);
  // Only the same file (and sheet) is updated: a resource of another file that happens to share the
  // name is the officer's and stays; the new one gets a numbered name instead.
  const i = base.resources.findIndex(samePath);
  if (i >= 0) {
    const old = at(base.resources, i);
    base.resources[i] = mergeResource(old, resource);
    const renamed = renamedFields(old, at(base.resources, i));
    if (renamed.size > 0 && old.name) {
      base.resources = base.resources.map((r, k) => (k === i || typeof r.schema !== 'object' ? r : { ...r, schema: renameKeys(r.schema, renamed, old.name) }));
    }
  }
  else {
    let name = resource.name;
    for (let n = 2; base.resources.some((r) => r.name === name); n++) name = `${resource.name}-${n}`;
    base.resources.push({ ...resource, name });
  }
  return base;
}

function sheetOf(r: Resource): string | undefined {
  return typeof r.dialect === 'object' && typeof r.dialect.sheetName === 'string' ? r.dialect.sheetName : undefined;
}

function sameSheet(a: Resource, b: Resource): boolean {
  const sa = sheetOf(a), sb = sheetOf(b);
  return sa === undefined || sb === undefined || sa === sb;
}

/** Write JSON atomically: a temp file in the same folder, then rename over the target. */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/** Add or update `resource` in `<packageDir>/datapackage.json` (created when absent). */
export async function writeResourceToPackage(packageDir: string, resource: Resource, lang: 'id' | 'en' = 'id'): Promise<{ file: string; created: boolean; pkg: DataPackage }> {
  const file = join(packageDir, 'datapackage.json');
  const old = await readPackage(file, lang);
  const dirName = packageDir.split(/[\\/]/).filter(Boolean).pop() ?? 'data';
  const pkg = upsertResource(old, resource, slug(dirName) || 'data');
  await writeJsonAtomic(file, pkg);
  return { file, created: old === undefined, pkg };
}

/** A resource/package name: lowercase letters, digits, `-`, `_`, `.` (the v1 name pattern). */
export function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
