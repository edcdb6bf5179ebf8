/**
 * Controlled vocabularies of Satu Data metadata (satu-data.md §2.3-2.6). Codes are what is stored in
 * datapackage.json; synonyms are what officers type (BPS / SDI / Jabar usage).
 */
import type { Term } from './rules.js';

const DC = 'http://purl.org/cld/freq/';

export interface Frequency extends Term {
  /** DCAT / Dublin Core frequency URI, or the SDMX code where DC has none. */
  uri: string;
}

export const FREQUENCIES: readonly Frequency[] = [
  { code: 'harian', label: { id: 'Harian', en: 'Daily' }, synonyms: ['per hari', 'daily'], uri: `${DC}daily` },
  { code: 'mingguan', label: { id: 'Mingguan', en: 'Weekly' }, synonyms: ['per minggu', 'weekly'], uri: `${DC}weekly` },
  { code: 'dua-mingguan', label: { id: 'Dua mingguan', en: 'Biweekly' }, synonyms: ['biweekly'], uri: `${DC}biweekly` },
  { code: 'bulanan', label: { id: 'Bulanan', en: 'Monthly' }, synonyms: ['per bulan', 'monthly'], uri: `${DC}monthly` },
  { code: 'triwulanan', label: { id: 'Triwulanan', en: 'Quarterly' }, synonyms: ['kuartalan', '3 bulanan', 'tiga bulanan', 'quarterly'], uri: `${DC}quarterly` },
  { code: 'caturwulanan', label: { id: 'Caturwulanan', en: 'Three times a year' }, synonyms: ['4 bulanan', 'empat bulanan'], uri: `${DC}threeTimesAYear` },
  { code: 'semesteran', label: { id: 'Semesteran', en: 'Semiannual' }, synonyms: ['6 bulanan', 'enam bulanan', 'semester', 'semiannual'], uri: `${DC}semiannual` },
  { code: 'tahunan', label: { id: 'Tahunan', en: 'Annual' }, synonyms: ['per tahun', 'annual', 'yearly'], uri: `${DC}annual` },
  { code: 'dua-tahunan', label: { id: 'Dua tahunan', en: 'Biennial' }, synonyms: ['biennial'], uri: `${DC}biennial` },
  { code: 'tiga-tahunan', label: { id: 'Tiga tahunan', en: 'Triennial' }, synonyms: ['triennial'], uri: `${DC}triennial` },
  { code: 'lima-tahunan', label: { id: 'Lima tahunan', en: 'Every five years' }, synonyms: [], uri: 'urn:sdmx:org.sdmx.infomodel.codelist.Code=SDMX:CL_FREQ(2.1).A5' },
  { code: 'sepuluh-tahunan', label: { id: 'Sepuluh tahunan', en: 'Every ten years' }, synonyms: ['sensus'], uri: 'urn:sdmx:org.sdmx.infomodel.codelist.Code=SDMX:CL_FREQ(2.1).A10' },
  // "sekali / tidak tentu" in the issue: one-off or irregular releases share the irregular code.
  { code: 'tidak-tetap', label: { id: 'Tidak tetap / sekali', en: 'Irregular / once' }, synonyms: ['sewaktu-waktu', 'insidental', 'sekali', 'tidak tentu', 'irregular', 'once'], uri: `${DC}irregular` },
  { code: 'real-time', label: { id: 'Real time', en: 'Real time' }, synonyms: ['terus-menerus', 'continuous', 'realtime'], uri: `${DC}continuous` },
];

export const MEASURES: readonly Term[] = [
  { code: 'jumlah', label: { id: 'Jumlah', en: 'Count / total' }, synonyms: ['total', 'count', 'number', 'banyaknya'] },
  { code: 'persentase', label: { id: 'Persentase', en: 'Percentage' }, synonyms: ['persen', 'percentage', 'percent', 'proporsi'] },
  { code: 'rasio', label: { id: 'Rasio', en: 'Ratio' }, synonyms: ['ratio', 'rate', 'angka'] },
  { code: 'rata-rata', label: { id: 'Rata-rata', en: 'Average' }, synonyms: ['rerata', 'rata2', 'average', 'mean'] },
  { code: 'indeks', label: { id: 'Indeks', en: 'Index' }, synonyms: ['index'] },
];

export const LEVELS: readonly Term[] = [
  { code: 'kota', label: { id: 'Kota', en: 'City' }, synonyms: ['kabupaten/kota', 'kab/kota', 'city'] },
  { code: 'kecamatan', label: { id: 'Kecamatan', en: 'District (kecamatan)' }, synonyms: ['district'] },
  { code: 'kelurahan', label: { id: 'Kelurahan', en: 'Urban village (kelurahan)' }, synonyms: ['desa', 'desa/kelurahan', 'village'] },
  { code: 'titik', label: { id: 'Titik (lokasi)', en: 'Point (location)' }, synonyms: ['point', 'lokasi', 'koordinat'] },
];

export const ACCESS: readonly Term[] = [
  { code: 'terbuka', label: { id: 'Terbuka', en: 'Open' }, synonyms: ['open', 'publik', 'public'] },
  { code: 'terbatas', label: { id: 'Terbatas', en: 'Restricted' }, synonyms: ['restricted'] },
  { code: 'tertutup', label: { id: 'Tertutup', en: 'Closed' }, synonyms: ['closed', 'rahasia'] },
];

export function frequencyUri(code: string): string | undefined {
  return FREQUENCIES.find((f) => f.code === code)?.uri;
}
