/**
 * Licences a Satu Data package may carry. datapackage.json stores `licenses[0] {name, path, title}`
 * with the Open Definition / SPDX-style name; `ckan` is CKAN's stock `license_id` for the same licence
 * (what push sends). CC-BY-4.0 is the default (satu-data.md §2.6).
 */
import type { Checked } from './rules.js';
import { mf } from '../i18n.js';

export interface LicenseInfo {
  name: string;
  title: string;
  path: string;
  ckan: string;
  synonyms: string[];
}

export interface PackageLicense {
  name: string;
  path?: string;
  title?: string;
}

export const DEFAULT_LICENSE: LicenseInfo = { name: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0', path: 'https://creativecommons.org/licenses/by/4.0/', ckan: 'cc-by', synonyms: ['cc-by', 'cc by', 'cc by 4.0', 'creative commons attribution'] };

export const LICENSES: readonly LicenseInfo[] = [
  DEFAULT_LICENSE,
  { name: 'CC-BY-SA-4.0', title: 'Creative Commons Attribution Share-Alike 4.0', path: 'https://creativecommons.org/licenses/by-sa/4.0/', ckan: 'cc-by-sa', synonyms: ['cc-by-sa', 'cc by sa'] },
  { name: 'CC0-1.0', title: 'Creative Commons CCZero', path: 'https://creativecommons.org/publicdomain/zero/1.0/', ckan: 'cc-zero', synonyms: ['cc0', 'cc-zero', 'public domain'] },
  { name: 'CC-BY-NC-4.0', title: 'Creative Commons Non-Commercial 4.0', path: 'https://creativecommons.org/licenses/by-nc/4.0/', ckan: 'cc-nc', synonyms: ['cc-nc', 'cc by nc'] },
  { name: 'ODC-BY-1.0', title: 'Open Data Commons Attribution License', path: 'https://opendatacommons.org/licenses/by/1-0/', ckan: 'odc-by', synonyms: ['odc-by'] },
  { name: 'ODbL-1.0', title: 'Open Data Commons Open Database License (ODbL)', path: 'https://opendatacommons.org/licenses/odbl/1-0/', ckan: 'odc-odbl', synonyms: ['odbl', 'odc-odbl'] },
  { name: 'PDDL-1.0', title: 'Open Data Commons Public Domain Dedication and License (PDDL)', path: 'https://opendatacommons.org/licenses/pddl/1-0/', ckan: 'odc-pddl', synonyms: ['pddl', 'odc-pddl'] },
];

/** A licence offered by the portal's `license_list` (id, title, url). */
export interface PortalLicense {
  id: string;
  title: string;
  url?: string;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * Resolve what the user typed or chose into the package's licence object. Known licences get their
 * canonical name/path/title; a licence only the portal knows keeps the portal's id as its name (the
 * frictionless name pattern `[-a-zA-Z0-9._]` admits CKAN ids).
 */
export function resolveLicense(raw: string, portal: readonly PortalLicense[] = []): Checked<PackageLicense> {
  const key = squash(raw);
  const known = LICENSES.find((l) => [l.name, l.ckan, l.title, ...l.synonyms].some((s) => squash(s) === key));
  if (known) return { ok: true, value: { name: known.name, path: known.path, title: known.title } };
  const remote = portal.find((l) => squash(l.id) === key || squash(l.title) === key);
  if (remote && /^[-a-zA-Z0-9._]+$/.test(remote.id)) {
    return { ok: true, value: { name: remote.id, title: remote.title, ...(remote.url ? { path: remote.url } : {}) } };
  }
  const names = [...LICENSES.map((l) => l.name), ...portal.map((l) => l.id)].join(', ');
  return {
    ok: false,
    reason: mf('metadata.licenses.licence_is_not_known', { raw: raw.trim(), names }),
  };
}

/** Choices for the prompt: the portal's list when known (mapped back to our names), else ours. */
export function licenseChoices(portal: readonly PortalLicense[] = []): { value: string; name: string }[] {
  if (!portal.length) return LICENSES.map((l) => ({ value: l.name, name: `${l.title} (${l.name})` }));
  return portal.map((p) => {
    const known = LICENSES.find((l) => l.ckan === p.id);
    return { value: known ? known.name : p.id, name: `${p.title} (${known ? known.name : p.id})` };
  });
}
