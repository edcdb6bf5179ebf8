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
  const en = lang === 'en';
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw en ? new UsageError(`cannot read ${file}`, 'Check the file name.') : new UsageError(`${file} tidak dapat dibaca`, 'Periksa nama berkas.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UsageError(en ? `${file} is not valid JSON (give a Table Schema or a datapackage.json): ${(e as Error).message}` : `${file} bukan JSON yang sah (berikan Table Schema atau datapackage.json): ${(e as Error).message}`);
  }
  if (tooDeep(value)) throw new UsageError(tooDeepMessage(file, lang));
  return value;
}

function isSchema(v: unknown): v is Schema {
  return typeof v === 'object' && v !== null && Array.isArray((v as Schema).fields);
}

export async function loadTemplateSource(input: string, resourceName: string | undefined, lang: 'id' | 'en'): Promise<TemplateSource> {
  const en = lang === 'en';
  const st = await stat(input).catch(() => undefined);
  if (!st) throw new UsageError(en ? `not found: ${input}` : `tidak ditemukan: ${input}`);
  const file = st.isDirectory() ? join(input, 'datapackage.json') : input;
  const doc = await readJson(file, lang);
  if (isSchema(doc)) {
    if (resourceName) throw new UsageError(en ? '-r/--resource applies to data packages, not to a Table Schema' : '-r/--resource hanya untuk data package, bukan Table Schema');
    return { schema: doc, packageResources: [] };
  }
  const pkg = doc as DataPackage;
  if (!pkg || !Array.isArray(pkg.resources)) {
    throw new UsageError(en ? `${file} is neither a Table Schema (fields) nor a data package (resources)` : `${file} bukan Table Schema (fields) maupun data package (resources)`);
  }
  const tabular = pkg.resources.filter((r) => r.schema !== undefined);
  const names = tabular.map((r) => r.name).join(', ');
  let res: Resource | undefined;
  if (resourceName) res = tabular.find((r) => r.name === resourceName);
  else if (tabular.length === 1) res = tabular[0];
  if (!res) {
    throw new UsageError(
      resourceName
        ? (en ? `no resource "${resourceName}" with a schema; resources: ${names || '(none)'}` : `tidak ada sumber daya "${resourceName}" yang punya skema; yang ada: ${names || '(tidak ada)'}`)
        : (en ? `the package has ${tabular.length} resources with a schema; choose one with -r (${names})` : `package punya ${tabular.length} sumber daya berskema; pilih satu dengan -r (${names})`),
    );
  }
  let schema = res.schema;
  if (typeof schema === 'string') {
    // A schema path inside a package: through the same resolver as validate and push.
    const v = resolvePackagePath(schema, dirname(file), lang);
    if (!v.ok) throw new UsageError(v.remote ? (en ? `remote schema "${schema}" is not fetched` : `skema jarak jauh "${schema}" tidak diambil`) : v.reason);
    schema = (await readJson(v.absolute, lang)) as Schema;
  }
  if (!isSchema(schema)) throw new UsageError(en ? `resource "${res.name}" has no valid schema` : `sumber daya "${res.name}" tidak punya skema yang sah`);
  return { schema, resourceName: res.name, title: res.title, description: res.description, packageResources: pkg.resources };
}
