/**
 * THE Data Package ↔ CKAN mapping (satu-data.md §2.4), pure. `push` sends what `toCkanDataset` builds;
 * the metadata command reuses `SDI_EXTRAS` to name CKAN fields. CKAN extras hold strings only (2.12
 * stores them in a JSONB column constrained to strings), so every value is stringified here.
 *
 *   datapackage.json                      CKAN dataset
 *   name                                  name
 *   title                                 title
 *   description                           notes
 *   sdi.organisasi (or --org, ...)        owner_org
 *   licenses[0].name (CC-BY-4.0)          license_id (cc-by)
 *   keywords[]                            tags [{name}]
 *   contributors[role=author|contributor] author, author_email
 *   contributors[role=maintainer]         maintainer, maintainer_email
 *   contributors[role=publisher]          extra `publisher`
 *   sources[].title                       extra `sumber_data` ("; "-joined)
 *   sdi.<key>                             extra named in SDI_EXTRAS
 *   sdi.klasifikasi_akses ≠ terbuka        private: true
 *   resources[] {name, description, format, mediatype, schema}
 *                                         resources [{name, description, format, mimetype, schema (JSON)}]
 *                                         + satudata_sha256, satudata_bytes (bookkeeping for idempotent push)
 */
import type { Msg } from '../i18n.js';
import type { DataPackage, Resource, Schema } from '../schema/types.js';
import { LICENSES } from '../metadata/licenses.js';
import { m } from '../i18n.js';

/** One Satu Data field kept under `sdi` in datapackage.json and as a CKAN extra on the portal. */
export interface SdiExtra {
  /** key under `sdi` in datapackage.json */
  sdi: string;
  /** CKAN extra (or ckanext-scheming field) name */
  extra: string;
  label: Msg;
}

export const SDI_EXTRAS: readonly SdiExtra[] = [
  { sdi: 'konsep', extra: 'konsep', label: m('metadata.mapping.sdi_extras.konsep.label') },
  { sdi: 'definisi', extra: 'definisi', label: m('metadata.mapping.sdi_extras.definisi.label') },
  { sdi: 'klasifikasi', extra: 'klasifikasi', label: m('metadata.mapping.sdi_extras.klasifikasi.label') },
  { sdi: 'ukuran', extra: 'ukuran', label: m('metadata.mapping.sdi_extras.ukuran.label') },
  { sdi: 'satuan', extra: 'satuan', label: m('metadata.mapping.sdi_extras.satuan.label') },
  { sdi: 'frekuensi', extra: 'frekuensi_penerbitan', label: m('metadata.mapping.sdi_extras.frekuensi_penerbitan.label') },
  { sdi: 'frekuensi_uri', extra: 'frekuensi_uri', label: m('metadata.mapping.sdi_extras.frekuensi_uri.label') },
  { sdi: 'periode', extra: 'tahun', label: m('metadata.mapping.sdi_extras.tahun.label') },
  { sdi: 'cakupan', extra: 'cakupan', label: m('metadata.mapping.sdi_extras.cakupan.label') },
  { sdi: 'kode_wilayah', extra: 'kode_wilayah', label: m('metadata.mapping.sdi_extras.kode_wilayah.label') },
  { sdi: 'tingkat_penyajian', extra: 'tingkat_penyajian', label: m('metadata.mapping.sdi_extras.tingkat_penyajian.label') },
  { sdi: 'metode', extra: 'metode', label: m('metadata.mapping.sdi_extras.metode.label') },
  { sdi: 'kode_sdsn', extra: 'kode_sdsn', label: m('metadata.mapping.sdi_extras.kode_sdsn.label') },
  { sdi: 'kode_kegiatan_bps', extra: 'kode_kegiatan_bps', label: m('metadata.mapping.sdi_extras.kode_kegiatan_bps.label') },
  { sdi: 'jadwal_rilis', extra: 'jadwal_rilis', label: m('metadata.mapping.sdi_extras.jadwal_rilis.label') },
  { sdi: 'klasifikasi_akses', extra: 'klasifikasi_akses', label: m('metadata.mapping.sdi_extras.klasifikasi_akses.label') },
];

/** Extras that do not come from `sdi` (kept apart so a reverse lookup knows their datapackage place). */
export const OTHER_EXTRAS = { publisher: 'contributors[role=publisher].title', sumber_data: 'sources' } as const;

/** Resource extras satudata writes for its own bookkeeping. */
export const RESOURCE_HASH_KEY = 'satudata_sha256';
export const RESOURCE_BYTES_KEY = 'satudata_bytes';
/** The package resource name (CKAN's `name` holds the human title). */
export const RESOURCE_NAME_KEY = 'satudata_name';
/** CKAN's own `last_modified` right after satudata's upload (drift detection). */
export const RESOURCE_LAST_MODIFIED_KEY = 'satudata_last_modified';

export interface CkanTag {
  name: string;
}
export interface CkanExtra {
  key: string;
  value: string;
}

/** The dataset fields satudata owns (everything else on the portal is left alone). */
export interface CkanDatasetDraft {
  name: string;
  title: string;
  notes: string;
  owner_org: string;
  license_id: string;
  private: boolean;
  author: string;
  author_email: string;
  maintainer: string;
  maintainer_email: string;
  tags: CkanTag[];
  extras: CkanExtra[];
}

export interface CkanResourceDraft {
  name: string;
  description: string;
  format: string;
  mimetype: string;
  /** Table Schema as a JSON string (ckanext-validation's `schema` field), or '' */
  schema: string;
  /** Local file (relative to the package folder) to upload, or undefined for a link resource. */
  localPath?: string;
  /** URL of a link resource (remote path). */
  url?: string;
}

export interface Contributor {
  title?: string;
  email?: string;
  role?: string;
  roles?: string[];
}

const s = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

function contributorsOf(pkg: DataPackage, ...roles: string[]): Contributor | undefined {
  const list = Array.isArray(pkg.contributors) ? (pkg.contributors as Contributor[]) : [];
  for (const role of roles) {
    const c = list.find((x) => x && (x.role === role || (Array.isArray(x.roles) && x.roles.includes(role))));
    if (c) return c;
  }
  return undefined;
}

/** CKAN's stock licence id for a Data Package licence (`CC-BY-4.0` → `cc-by`); unknown names pass through. */
export function licenseToCkan(lic: unknown): string {
  if (!lic || typeof lic !== 'object') return '';
  const { name, path } = lic as { name?: unknown; path?: unknown };
  const n = s(name).toLowerCase();
  const p = s(path).replace(/^https?:\/\//, '').replace(/\/+$/, '');
  const known = LICENSES.find((l) => l.name.toLowerCase() === n || l.ckan === n || (p && l.path.replace(/^https?:\/\//, '').replace(/\/+$/, '') === p));
  return known ? known.ckan : s(name);
}

/** The CKAN organization for a push: --org > SATUDATA_ORG > sdi.organisasi > config `organization`. */
export function resolveOrganization(pkg: DataPackage, flag: unknown, env: NodeJS.ProcessEnv, configOrg: string | undefined): { org: string; from: string } | undefined {
  const sdi = (pkg.sdi && typeof pkg.sdi === 'object' ? pkg.sdi : {}) as Record<string, unknown>;
  const cands: [unknown, string][] = [
    [flag, '--org'],
    [env.SATUDATA_ORG, 'SATUDATA_ORG'],
    [sdi.organisasi, 'sdi.organisasi'],
    [configOrg, 'organization (config)'],
  ];
  for (const [v, from] of cands) if (s(v)) return { org: s(v), from };
  return undefined;
}

/** Map a Data Package to the CKAN dataset fields satudata manages. */
export function toCkanDataset(pkg: DataPackage, ownerOrg: string): CkanDatasetDraft {
  const sdi = (pkg.sdi && typeof pkg.sdi === 'object' ? pkg.sdi : {}) as Record<string, unknown>;
  const extras: CkanExtra[] = [];
  for (const m of SDI_EXTRAS) {
    const v = sdi[m.sdi];
    const value = Array.isArray(v) ? v.map(s).filter(Boolean).join(', ') : s(v);
    if (value) extras.push({ key: m.extra, value });
  }
  const publisher = s(contributorsOf(pkg, 'publisher')?.title);
  if (publisher) extras.push({ key: 'publisher', value: publisher });
  const sources = Array.isArray(pkg.sources) ? (pkg.sources as { title?: unknown }[]).map((x) => s(x?.title)).filter(Boolean) : [];
  if (sources.length) extras.push({ key: 'sumber_data', value: sources.join('; ') });

  const keywords = Array.isArray(pkg.keywords) ? (pkg.keywords as unknown[]).map(s).filter(Boolean) : [];
  const tags = [...new Set(keywords)].map((name) => ({ name }));
  const author = contributorsOf(pkg, 'author', 'contributor');
  const maintainer = contributorsOf(pkg, 'maintainer');
  const access = s(sdi.klasifikasi_akses).toLowerCase();
  return {
    name: s(pkg.name),
    title: s(pkg.title),
    notes: s(pkg.description),
    owner_org: ownerOrg,
    license_id: licenseToCkan(Array.isArray(pkg.licenses) ? pkg.licenses[0] : undefined),
    private: access !== '' && access !== 'terbuka',
    author: s(author?.title),
    author_email: s(author?.email),
    maintainer: s(maintainer?.title),
    maintainer_email: s(maintainer?.email),
    tags,
    extras,
  };
}

const MIME: Record<string, string> = {
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  geojson: 'application/geo+json',
  pdf: 'application/pdf',
};

/** Map one resource; `schema` must already be loaded when it was a path (push does that). */
export function toCkanResource(res: Resource, schema?: Schema): CkanResourceDraft {
  const path = Array.isArray(res.path) ? res.path[0] : res.path;
  const remote = typeof path === 'string' && /^https?:\/\//i.test(path);
  const ext = (typeof path === 'string' ? path.split(/[?#]/)[0].split('.').pop() ?? '' : '').toLowerCase();
  const format = s(res.format) || ext;
  const sch = schema ?? (res.schema && typeof res.schema === 'object' ? (res.schema as Schema) : undefined);
  return {
    name: s(res.name),
    description: s(res.description) || s(res.title),
    format: format.toUpperCase(),
    mimetype: s(res.mediatype) || MIME[format.toLowerCase()] || 'application/octet-stream',
    schema: sch ? JSON.stringify(sch) : '',
    ...(remote ? { url: path as string } : typeof path === 'string' ? { localPath: path } : {}),
  };
}

/**
 * Where a CKAN field lives in datapackage.json, to explain CKAN's (or our own) errors in the user's
 * terms: `tags[2]` → `keywords[2]`, `extras.tahun` → `sdi.periode`, `owner_org` → `sdi.organisasi`.
 */
export function packageFieldOf(ckanField: string): string {
  const m = /^([a-z_]+)(.*)$/.exec(ckanField);
  const head = m?.[1] ?? ckanField;
  const rest = m?.[2] ?? '';
  switch (head) {
    case 'notes':
      return 'description' + rest;
    case 'owner_org':
      return 'sdi.organisasi';
    case 'license_id':
      return 'licenses[0].name';
    case 'tags':
      return 'keywords' + rest;
    case 'author':
      return 'contributors[role=author].title';
    case 'author_email':
      return 'contributors[role=author].email';
    case 'maintainer':
      return 'contributors[role=maintainer].title';
    case 'maintainer_email':
      return 'contributors[role=maintainer].email';
    case 'private':
      return 'sdi.klasifikasi_akses';
    case 'upload':
      return 'resources[].path';
    case 'extras':
    case 'extras_validation': {
      const key = /^[.[]"?([^"\]]+)/.exec(rest)?.[1];
      const sdiKey = SDI_EXTRAS.find((x) => x.extra === key)?.sdi;
      if (sdiKey) return `sdi.${sdiKey}`;
      if (key && key in OTHER_EXTRAS) return OTHER_EXTRAS[key as keyof typeof OTHER_EXTRAS];
      return 'sdi' + (key && !/^\d+$/.test(key) ? `.${key}` : '');
    }
    default:
      return ckanField;
  }
}
