/**
 * The controlled frequency vocabulary of Satu Data (domain notes §2.5): codes, labels, accepted
 * synonyms, DCAT terms and the length of each period. Shared by `status` (staleness) and `metadata`
 * (the `frekuensi_penerbitan` extra), so there is exactly one list of accepted spellings.
 */
import type { Lang } from '../i18n.js';
import { m } from '../i18n.js';

export const FREQUENCY_CODES = [
  'harian',
  'mingguan',
  'dua-mingguan',
  'bulanan',
  'triwulanan',
  'caturwulanan',
  'semesteran',
  'tahunan',
  'dua-tahunan',
  'tiga-tahunan',
  'lima-tahunan',
  'sepuluh-tahunan',
  'tidak-tetap',
  'real-time',
] as const;

export type FrequencyCode = (typeof FREQUENCY_CODES)[number];

/** How long one period lasts: calendar months where the period is month-based, else days. */
export type PeriodLength = { months: number } | { days: number };

export interface FrequencyInfo {
  code: FrequencyCode;
  label: Record<Lang, string>;
  /** Other spellings people write in registers and CKAN extras (matched after `normalizeSpelling`). */
  synonyms: readonly string[];
  /** The Dublin Core / DCAT frequency URI, or the SDMX code where DC has none. */
  dcat: string;
  /** `null`: never goes stale (tidak-tetap). real-time counts as daily (issue 6). */
  period: PeriodLength | null;
}

const DC = 'http://purl.org/cld/freq/';

export const FREQUENCIES: readonly FrequencyInfo[] = [
  { code: 'harian', label: m('audit.frequency.frequencies.harian.label'), synonyms: ['per hari', 'daily'], dcat: `${DC}daily`, period: { days: 1 } },
  { code: 'mingguan', label: m('audit.frequency.frequencies.mingguan.label'), synonyms: ['per minggu', 'weekly'], dcat: `${DC}weekly`, period: { days: 7 } },
  { code: 'dua-mingguan', label: m('audit.frequency.frequencies.dua-mingguan.label'), synonyms: ['biweekly'], dcat: `${DC}biweekly`, period: { days: 14 } },
  { code: 'bulanan', label: m('audit.frequency.frequencies.bulanan.label'), synonyms: ['per bulan', 'monthly'], dcat: `${DC}monthly`, period: { months: 1 } },
  {
    code: 'triwulanan',
    label: m('audit.frequency.frequencies.triwulanan.label'),
    synonyms: ['kuartalan', '3 bulanan', 'tiga bulanan', 'triwulan', 'tw', 'quarterly'],
    dcat: `${DC}quarterly`,
    period: { months: 3 },
  },
  {
    code: 'caturwulanan',
    label: m('audit.frequency.frequencies.caturwulanan.label'),
    synonyms: ['4 bulanan', 'empat bulanan', 'caturwulan', 'threetimesayear'],
    dcat: `${DC}threeTimesAYear`,
    period: { months: 4 },
  },
  {
    code: 'semesteran',
    label: m('audit.frequency.frequencies.semesteran.label'),
    synonyms: ['6 bulanan', 'enam bulanan', 'semester', 'semiannual'],
    dcat: `${DC}semiannual`,
    period: { months: 6 },
  },
  { code: 'tahunan', label: m('audit.frequency.frequencies.tahunan.label'), synonyms: ['per tahun', 'annual', 'yearly'], dcat: `${DC}annual`, period: { months: 12 } },
  { code: 'dua-tahunan', label: m('audit.frequency.frequencies.dua-tahunan.label'), synonyms: ['biennial'], dcat: `${DC}biennial`, period: { months: 24 } },
  { code: 'tiga-tahunan', label: m('audit.frequency.frequencies.tiga-tahunan.label'), synonyms: ['triennial'], dcat: `${DC}triennial`, period: { months: 36 } },
  { code: 'lima-tahunan', label: m('audit.frequency.frequencies.lima-tahunan.label'), synonyms: [], dcat: 'A5', period: { months: 60 } },
  { code: 'sepuluh-tahunan', label: m('audit.frequency.frequencies.sepuluh-tahunan.label'), synonyms: ['sensus'], dcat: 'A10', period: { months: 120 } },
  {
    code: 'tidak-tetap',
    label: m('audit.frequency.frequencies.tidak-tetap.label'),
    synonyms: ['sewaktu-waktu', 'insidental', 'sekali', 'irregular'],
    dcat: `${DC}irregular`,
    period: null,
  },
  {
    code: 'real-time',
    label: m('audit.frequency.frequencies.real-time.label'),
    synonyms: ['terus-menerus', 'realtime', 'continuous'],
    dcat: `${DC}continuous`,
    period: { days: 1 },
  },
];

const BY_CODE = new Map<FrequencyCode, FrequencyInfo>(FREQUENCIES.map((f) => [f.code, f]));

/**
 * Case, spacing, `_` and `-` do not matter ("Dua Mingguan" = "dua_mingguan" = "dua-mingguan"):
 * registers are typed by hand in Excel and these variants carry no meaning.
 */
export function normalizeSpelling(raw: string): string {
  return raw.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-–—]+/g, '-');
}

const LOOKUP = new Map<string, FrequencyCode>();
for (const f of FREQUENCIES) {
  for (const s of [f.code, f.label.id, ...f.synonyms]) LOOKUP.set(normalizeSpelling(s), f.code);
}

/** The code for a spelling, or undefined when it is not in the vocabulary. */
export function parseFrequency(raw: string | null | undefined): FrequencyCode | undefined {
  if (raw === null || raw === undefined) return undefined;
  const key = normalizeSpelling(raw);
  return key === '' ? undefined : LOOKUP.get(key);
}

export function frequencyInfo(code: FrequencyCode): FrequencyInfo {
  const f = BY_CODE.get(code);
  if (!f) throw new Error(`unknown frequency code ${code}`);
  return f;
}

export function frequencyLabel(code: FrequencyCode, lang: Lang): string {
  return frequencyInfo(code).label[lang];
}

/** Every canonical spelling (codes, Indonesian labels and synonyms), for messages and schema enums. */
export function acceptedSpellings(): string[] {
  const out = new Set<string>();
  for (const f of FREQUENCIES) for (const s of [f.code, f.label.id, ...f.synonyms]) out.add(s);
  return [...out];
}

/** Nominal length of a period in days (a month counts 30.4375 days), used for the default grace. */
export function nominalDays(period: PeriodLength): number {
  return 'days' in period ? period.days : period.months * 30.4375;
}

/**
 * Default grace: a quarter of the period, rounded up to whole days (harian 1, mingguan 2, bulanan 8,
 * triwulanan 23, semesteran 46, tahunan 92). Agencies publish *after* a period closes, so a dataset
 * updated exactly one period ago is not yet late; a quarter of the period is the usual reporting lag.
 */
export const DEFAULT_GRACE_FRACTION = 0.25;

export function defaultGraceDays(code: FrequencyCode): number | null {
  const p = frequencyInfo(code).period;
  return p === null ? null : Math.ceil(nominalDays(p) * DEFAULT_GRACE_FRACTION);
}
