/**
 * What `template` builds from: a Table Schema file, a datapackage.json (one resource, or `-r NAME`),
 * or a folder holding a datapackage.json. A schema given as a path inside the package is loaded.
 */
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { resolvePackagePath } from '../package-path.js';
import { tooDeep, tooDeepMessage } from '../json-depth.js';
import type { DataPackage, Resource, Schema } from '../schema/types.js';
import { msg } from '../i18n.js';

export interface TemplateSource {
  schema: Schema;
  /** Resource name when the schema came from a package. */
  resourceName?: string;
  title?: string;
  description?: string;
  /** Other resources of the package (for foreign keys to bundled reference lists). */
  packageResources: Resource[];
}

async function readJson(file: string, lang: 'id' | 'en'): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(msg(lang, 'template.load.cannot_read', { file }), msg(lang, 'template.load.cannot_read.hint'));
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(msg(lang, 'template.load.invalid_json', { file, message: (e as Error).message }));
  }
  if (tooDeep(value)) throw new UsageError(tooDeepMessage(file, lang));
  return value;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && Array.isArray((v as Schema).fields);
}

export async function loadTemplateSource(input: string, resourceName: string | undefined, lang: 'id' | 'en'): Promise<TemplateSource> {
  const st = await stat(input).catch(() => undefined);
  if (!st) throw new UsageError(msg(lang, 'template.load.not_found', { input }));
  const file = st.isDirectory() ? join(input, 'datapackage.json') : input;
  const doc = await readJson(file, lang);
  if (isSchema(doc)) {
    if (resourceName) throw new UsageError(msg(lang, 'template.load.r_resource_applies_to'));
    return { schema: doc, packageResources: [] };
  }
  const pkg = doc as DataPackage;
  if (!pkg || !Array.isArray(pkg.resources)) {
    throw new UsageError(msg(lang, 'template.load.not_schema_or_package', { file }));
  }
  const tabular = pkg.resources.filter((r) => r.schema !== undefined);
  const names = tabular.map((r) => r.name).join(', ');
  let res: Resource | undefined;
  if (resourceName) res = tabular.find((r) => r.name === resourceName);
  else if (tabular.length === 1) res = tabular[0];
  if (!res) {
    throw new UsageError(
      resourceName
        ? msg(lang, 'template.load.no_resource', { resourceName, names: names || msg(lang, 'template.load.none') })
        : (msg(lang, 'template.load.choose_resource', { length: tabular.length, names })),
    );
  }
  let schema = res.schema;
  if (typeof schema === 'string') {
    // A schema path inside a package: through the same resolver as validate and push.
    const v = resolvePackagePath(schema, dirname(file), lang);
    if (!v.ok) throw new UsageError(v.remote ? (msg(lang, 'template.load.remote_schema_is_not', { schema })) : v.reason);
    schema = (await readJson(v.absolute, lang)) as Schema;
  }
  if (!isSchema(schema)) throw new UsageError(msg(lang, 'template.load.resource_has_no_valid', { name: res.name }));
  return { schema, resourceName: res.name, title: res.title, description: res.description, packageResources: pkg.resources };
}
