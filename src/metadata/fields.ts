/**
 * The dataset-level Satu Data metadata fields: where each lives in datapackage.json (the mapping of
 * satu-data.md §2.4, which push reads), its Indonesian aliases for `--set`, whether it is mandatory
 * (the ★ fields of §2.3), how an answer is checked, and the prompt text in both languages.
 * Per-resource and per-field (column dictionary) keys are in ./resource-keys.ts.
 */
import type { Msg } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { contributor, getPath, setContributor, setPath } from './access.js';
import { resolveLicense, type PackageLicense, type PortalLicense } from './licenses.js';
import {
  checkCkanName, checkEmail, checkIsoDate, checkKodeWilayah, checkPeriod, checkTagList, checkTerm, checkText, splitList,
  type Checked, type Term,
} from './rules.js';
import { ACCESS, FREQUENCIES, LEVELS, MEASURES, frequencyUri } from './vocabulary.js';
import { m } from '../i18n.js';

/** What the checks may know beyond the answer: the portal's licence list, when reachable. */
export interface CheckEnv {
  licenses?: readonly PortalLicense[];
}

export type InputKind = 'text' | 'longtext' | 'select' | 'list' | 'organization' | 'license' | 'slug';

export interface MetaField {
  /** Canonical key: the datapackage.json place, dotted (contributors by role). */
  key: string;
  /** Other names accepted by `--set` (Indonesian first). */
  aliases: readonly string[];
  mandatory: boolean;
  /** Asked by the interactive flow (the rest are `--set` only). */
  prompt: boolean;
  input: InputKind;
  label: Msg;
  hint?: Msg;
  /** JSON pointer of the value, for report errors. */
  pointer: string;
  terms?: readonly Term[];
  /** Re-checked by the validation profile when present (closed vocabularies and syntax rules). */
  strict: boolean;
  check(raw: string, env: CheckEnv): Checked<unknown>;
  /** The current value as answer text (lists joined with ", "), or undefined when absent. */
  read(pkg: DataPackage): string | undefined;
  /** Store a checked value; undefined removes it. */
  write(pkg: DataPackage, value: unknown): void;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);

function plain(path: string[], spec: Omit<MetaField, 'key' | 'pointer' | 'read' | 'write' | 'strict'> & { strict?: boolean }): MetaField {
  return {
    strict: false,
    ...spec,
    key: path.join('.'),
    pointer: '/' + path.join('/'),
    read: (pkg) => str(getPath(pkg, path)),
    write: (pkg, value) => setPath(pkg as Record<string, unknown>, path, value),
  };
}

function person(role: string, attr: 'title' | 'email', spec: Omit<MetaField, 'key' | 'pointer' | 'read' | 'write' | 'strict'> & { strict?: boolean }): MetaField {
  return {
    strict: false,
    ...spec,
    key: `contributors.${role}.${attr}`,
    pointer: `/contributors/[role=${role}]/${attr}`,
    read: (pkg) => str(contributor(pkg, role)?.[attr]),
    write: (pkg, value) => setContributor(pkg, role, attr, value as string | undefined),
  };
}

const text = (min = 1, max = 10000) => (raw: string) => checkText(raw, min, max);
const term = (terms: readonly Term[], what: Msg) => (raw: string) => checkTerm(raw, terms, what);

export const DATASET_FIELDS: readonly MetaField[] = [
  plain(['title'], {
    aliases: ['judul'], mandatory: true, prompt: true, input: 'text', check: text(3, 500),
    label: m('metadata.fields.dataset_fields.title.label'),
    hint: m('metadata.fields.dataset_fields.title.hint'),
  }),
  plain(['name'], {
    aliases: ['slug', 'nama_dataset'], mandatory: false, prompt: true, input: 'slug', check: checkCkanName, strict: true,
    label: m('metadata.fields.dataset_fields.name.label'),
  }),
  plain(['description'], {
    aliases: ['deskripsi'], mandatory: true, prompt: true, input: 'longtext', check: text(10),
    label: m('metadata.fields.dataset_fields.description.label'),
  }),
  plain(['sdi', 'konsep'], {
    aliases: ['konsep'], mandatory: true, prompt: true, input: 'longtext', check: text(3),
    label: m('metadata.fields.dataset_fields.sdi.konsep.label'),
  }),
  plain(['sdi', 'definisi'], {
    aliases: ['definisi'], mandatory: true, prompt: true, input: 'longtext', check: text(3),
    label: m('metadata.fields.dataset_fields.sdi.definisi.label'),
  }),
  plain(['sdi', 'organisasi'], {
    aliases: ['organisasi', 'organization', 'org', 'opd', 'skpd'], mandatory: true, prompt: true, input: 'organization', check: checkCkanName, strict: true,
    label: m('metadata.fields.dataset_fields.sdi.organisasi.label'),
  }),
  person('author', 'title', {
    aliases: ['produsen', 'produsen_data', 'producer'], mandatory: false, prompt: true, input: 'text', check: text(2, 300),
    label: m('metadata.fields.dataset_fields.author.label'),
  }),
  {
    ...plain(['keywords'], {
      aliases: ['tags', 'tag', 'kata_kunci'], mandatory: false, prompt: true, input: 'list', check: checkTagList, strict: true,
      label: m('metadata.fields.dataset_fields.7.label'),
    }),
    read: (pkg) => {
      const list = Array.isArray(pkg.keywords) ? pkg.keywords.map(String).filter((k) => k.trim() !== '') : [];
      return list.length ? list.join(', ') : undefined;
    },
    // An empty tag list is no list: drop the key rather than write `[]`.
    write: (pkg, value) => {
      if (Array.isArray(value) && value.length) pkg.keywords = value;
      else delete pkg.keywords;
    },
  },
  {
    key: 'licenses', aliases: ['lisensi', 'license', 'licence'], mandatory: true, prompt: true, input: 'license', strict: false,
    pointer: '/licenses/0', label: m('metadata.fields.dataset_fields.licenses.label'),
    check: (raw, env) => resolveLicense(raw, env.licenses),
    read: (pkg) => {
      const l = Array.isArray(pkg.licenses) ? (pkg.licenses[0] as PackageLicense | undefined) : undefined;
      return str(l?.name) ?? str(l?.path);
    },
    write: (pkg, value) => {
      if (value === undefined) delete pkg.licenses;
      else pkg.licenses = [value, ...(Array.isArray(pkg.licenses) ? pkg.licenses.slice(1) : [])];
    },
  },
  {
    ...plain(['sdi', 'frekuensi'], {
      aliases: ['frekuensi', 'frekuensi_penerbitan', 'frequency'], mandatory: true, prompt: true, input: 'select', terms: FREQUENCIES, strict: true,
      check: term(FREQUENCIES, m('metadata.fields.dataset_fields.9.check')),
      label: m('metadata.fields.dataset_fields.9.label'),
    }),
    // The DCAT URI travels with the code so portals that speak DCAT need no lookup table.
    write: (pkg, value) => {
      setPath(pkg as Record<string, unknown>, ['sdi', 'frekuensi'], value);
      setPath(pkg as Record<string, unknown>, ['sdi', 'frekuensi_uri'], typeof value === 'string' ? frequencyUri(value) : undefined);
    },
  },
  plain(['sdi', 'periode'], {
    aliases: ['periode', 'tahun', 'period'], mandatory: true, prompt: true, input: 'text', check: checkPeriod, strict: true,
    label: m('metadata.fields.dataset_fields.sdi.periode.label'),
  }),
  plain(['sdi', 'cakupan'], {
    aliases: ['cakupan', 'cakupan_wilayah', 'coverage'], mandatory: true, prompt: true, input: 'text', check: text(2, 200),
    label: m('metadata.fields.dataset_fields.sdi.cakupan.label'),
  }),
  plain(['sdi', 'kode_wilayah'], {
    aliases: ['kode_wilayah'], mandatory: false, prompt: true, input: 'text', check: checkKodeWilayah, strict: true,
    label: m('metadata.fields.dataset_fields.sdi.kode_wilayah.label'),
  }),
  plain(['sdi', 'tingkat_penyajian'], {
    aliases: ['tingkat_penyajian', 'level_estimasi', 'level'], mandatory: true, prompt: true, input: 'select', terms: LEVELS, strict: true,
    check: term(LEVELS, m('metadata.fields.dataset_fields.sdi.tingkat_penyajian.check')),
    label: m('metadata.fields.dataset_fields.sdi.tingkat_penyajian.label'),
  }),
  plain(['sdi', 'ukuran'], {
    aliases: ['ukuran', 'measure'], mandatory: true, prompt: true, input: 'select', terms: MEASURES, strict: true,
    check: term(MEASURES, m('metadata.fields.dataset_fields.sdi.ukuran.check')),
    label: m('metadata.fields.dataset_fields.sdi.ukuran.label'),
  }),
  plain(['sdi', 'satuan'], {
    aliases: ['satuan', 'unit'], mandatory: true, prompt: true, input: 'text', check: text(1, 100),
    label: m('metadata.fields.dataset_fields.sdi.satuan.label'),
  }),
  plain(['sdi', 'klasifikasi'], {
    aliases: ['klasifikasi', 'classification'], mandatory: false, prompt: true, input: 'text', check: text(1, 1000),
    label: m('metadata.fields.dataset_fields.sdi.klasifikasi.label'),
  }),
  {
    key: 'sources', aliases: ['sumber', 'sumber_data', 'source'], mandatory: false, prompt: true, input: 'list', strict: false,
    pointer: '/sources', label: m('metadata.fields.dataset_fields.sources.label'),
    check: (raw) => {
      const items = splitList(raw);
      return items.length ? { ok: true, value: items } : { ok: false, reason: m('metadata.fields.dataset_fields.sources.check.reason') };
    },
    read: (pkg) => {
      const titles = Array.isArray(pkg.sources) ? (pkg.sources as { title?: unknown }[]).map((s) => str(s?.title)).filter((s): s is string => !!s) : [];
      return titles.length ? titles.join(', ') : undefined;
    },
    write: (pkg, value) => {
      if (value === undefined) delete pkg.sources;
      else {
        // Keep path/email of sources that are still listed; only titles are edited here.
        const old = Array.isArray(pkg.sources) ? (pkg.sources as { title?: string }[]) : [];
        pkg.sources = (value as string[]).map((title) => old.find((s) => s?.title === title) ?? { title });
      }
    },
  },
  person('maintainer', 'title', {
    aliases: ['kontak', 'kontak_nama', 'contact', 'maintainer'], mandatory: true, prompt: true, input: 'text', check: text(2, 200),
    label: m('metadata.fields.dataset_fields.maintainer.label'),
  }),
  person('maintainer', 'email', {
    aliases: ['email', 'kontak_email', 'contact_email', 'maintainer_email'], mandatory: true, prompt: true, input: 'text', check: checkEmail, strict: true,
    label: m('metadata.fields.dataset_fields.maintainer.label_2'),
  }),
  person('publisher', 'title', {
    aliases: ['walidata', 'publisher'], mandatory: false, prompt: false, input: 'text', check: text(2, 300),
    label: m('metadata.fields.dataset_fields.publisher.label'),
  }),
  plain(['sdi', 'metode'], {
    aliases: ['metode', 'rumus', 'method'], mandatory: false, prompt: false, input: 'longtext', check: text(1),
    label: m('metadata.fields.dataset_fields.sdi.metode.label'),
  }),
  plain(['sdi', 'klasifikasi_akses'], {
    aliases: ['klasifikasi_akses', 'akses', 'access'], mandatory: false, prompt: false, input: 'select', terms: ACCESS, strict: true,
    check: term(ACCESS, m('metadata.fields.dataset_fields.sdi.klasifikasi_akses.check')),
    label: m('metadata.fields.dataset_fields.sdi.klasifikasi_akses.label'),
  }),
  plain(['sdi', 'jadwal_rilis'], {
    aliases: ['jadwal_rilis', 'release_date'], mandatory: false, prompt: false, input: 'text', check: checkIsoDate, strict: true,
    label: m('metadata.fields.dataset_fields.sdi.jadwal_rilis.label'),
  }),
  plain(['sdi', 'kode_sdsn'], {
    aliases: ['kode_sdsn'], mandatory: false, prompt: false, input: 'text', check: text(1, 50),
    label: m('metadata.fields.dataset_fields.sdi.kode_sdsn.label'),
  }),
  plain(['sdi', 'kode_kegiatan_bps'], {
    aliases: ['kode_kegiatan_bps', 'kode_kegiatan'], mandatory: false, prompt: false, input: 'text', check: text(1, 50),
    label: m('metadata.fields.dataset_fields.sdi.kode_kegiatan_bps.label'),
  }),
];

/** The `sdi` keys written to datapackage.json (the push mapping turns them into CKAN extras). */
export const SDI_KEYS: readonly string[] = [
  ...DATASET_FIELDS.filter((f) => f.key.startsWith('sdi.')).map((f) => f.key.slice(4)),
  'frekuensi_uri',
];

export function findDatasetField(key: string): MetaField | undefined {
  const k = key.trim().toLowerCase();
  return DATASET_FIELDS.find((f) => f.key.toLowerCase() === k || f.aliases.includes(k));
}
