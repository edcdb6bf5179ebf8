/**
 * Values that can be derived rather than asked: the organization from the config, the producer from
 * the organization's SKPD name, the slug from the title, and the default licence (CC-BY-4.0,
 * satu-data.md §2.6). Applied only where the package has no value, so re-running never overrides.
 */
import type { SatudataConfig } from '../config/types.js';
import type { DataPackage } from '../schema/types.js';
import { findDatasetField } from './fields.js';
import { DEFAULT_LICENSE } from './licenses.js';
import { skpdTitle } from './organizations.js';
import { checkCkanName, slugify } from './rules.js';
import { defined } from '../invariant.js';

export interface Derived {
  key: string;
  value: string;
}

/** Fill derivable values in place; returns what was filled (to tell the user). */
export function applyDefaults(pkg: DataPackage, config: SatudataConfig): Derived[] {
  const out: Derived[] = [];
  const put = (key: string, value: unknown, shown: string) => {
    const f = defined(findDatasetField(key), `dataset field ${key}`);
    if (f.read(pkg) !== undefined) return;
    f.write(pkg, value);
    out.push({ key: f.key, value: shown });
  };
  if (config.organization) put('sdi.organisasi', config.organization, config.organization);
  const org = defined(findDatasetField('sdi.organisasi'), 'dataset field sdi.organisasi').read(pkg);
  const producer = org ? skpdTitle(org) : undefined;
  if (producer) put('contributors.author.title', producer, producer);
  const title = defined(findDatasetField('title'), 'dataset field title').read(pkg);
  const slug = title ? slugify(title) : '';
  if (slug && checkCkanName(slug).ok) put('name', slug, slug);
  put('licenses', { name: DEFAULT_LICENSE.name, path: DEFAULT_LICENSE.path, title: DEFAULT_LICENSE.title }, DEFAULT_LICENSE.name);
  return out;
}
