/**
 * The contents init proposes: datapackage.json (template + inferred resources), .satudatarc.json
 * and the README. Pure: the command decides what is written.
 */
import { msg, type Lang } from '../i18n.js';
import type { DataPackage, Resource } from '../schema/types.js';
import { skpdTitle } from '../metadata/organizations.js';
import { checkCkanName, slugify } from '../metadata/rules.js';
import { readTemplate, render } from './templates.js';

export interface InitSettings {
  portal?: string;
  organization?: string;
  lang: Lang;
}

/** A package name from the folder name, when it makes a valid CKAN slug. */
export function packageNameFor(dirName: string): string | undefined {
  const s = slugify(dirName);
  return checkCkanName(s).ok ? s : undefined;
}

/** Resource names must be unique in a package: a second "data" becomes "data-2". */
export function uniqueNames(resources: Resource[]): Resource[] {
  const seen = new Set<string>();
  return resources.map((r) => {
    const base = r.name || 'data';
    let name = base;
    for (let i = 2; seen.has(name); i++) name = `${base}-${i}`;
    seen.add(name);
    return name === r.name ? r : { ...r, name };
  });
}

export function buildPackage(dirName: string, resources: Resource[], s: InitSettings): DataPackage {
  const pkg = JSON.parse(readTemplate('datapackage.json')) as DataPackage;
  const name = packageNameFor(dirName);
  if (name) pkg.name = name;
  else delete pkg.name;
  if (s.organization) {
    pkg.sdi = { organisasi: s.organization };
    const producer = skpdTitle(s.organization);
    if (producer) pkg.contributors = [{ title: producer, role: 'author' }];
  }
  pkg.resources = uniqueNames(resources);
  return pkg;
}

export function buildConfig(s: InitSettings): Record<string, unknown> {
  const base = JSON.parse(readTemplate('satudatarc.json')) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (s.portal) out.portal = s.portal;
  if (s.organization) out.organization = s.organization;
  return { ...out, ...base, lang: s.lang };
}

/** The data folder's README: templates/init/README.md is written in Bahasa Indonesia, and so are its fill-ins. */
export function buildReadme(dirName: string, dataFiles: string[], s: InitSettings): string {
  const unset = msg('id', 'init.readme.unset');
  const rows = dataFiles.map((f) => msg('id', 'init.readme.data_file_row', { file: f })).join('\n');
  return render(readTemplate('README.md'), {
    judul: dirName,
    portal: s.portal ?? unset,
    organisasi: s.organization ? `${skpdTitle(s.organization) ?? s.organization} (\`${s.organization}\`)` : unset,
    berkas_data: rows ? rows + '\n' : '',
  });
}
