/**
 * Controlled vocabularies of Satu Data metadata (satu-data.md §2.3-2.6). Codes are what is stored in
 * datapackage.json; synonyms are what officers type (BPS / SDI / Jabar usage).
 */
import type { Term } from './rules.js';
import { m } from '../i18n.js';

const DC = 'http://purl.org/cld/freq/';

export interface Frequency extends Term {
  /** DCAT / Dublin Core frequency URI, or the SDMX code where DC has none. */
  uri: string;
}

export const FREQUENCIES: readonly Frequency[] = [
  { code: 'harian', label: m('metadata.vocabulary.frequencies.harian.label'), synonyms: ['per hari', 'daily'], uri: `${DC}daily` },
  { code: 'mingguan', label: m('metadata.vocabulary.frequencies.mingguan.label'), synonyms: ['per minggu', 'weekly'], uri: `${DC}weekly` },
  { code: 'dua-mingguan', label: m('metadata.vocabulary.frequencies.dua-mingguan.label'), synonyms: ['biweekly'], uri: `${DC}biweekly` },
  { code: 'bulanan', label: m('metadata.vocabulary.frequencies.bulanan.label'), synonyms: ['per bulan', 'monthly'], uri: `${DC}monthly` },
  { code: 'triwulanan', label: m('metadata.vocabulary.frequencies.triwulanan.label'), synonyms: ['kuartalan', '3 bulanan', 'tiga bulanan', 'quarterly'], uri: `${DC}quarterly` },
  { code: 'caturwulanan', label: m('metadata.vocabulary.frequencies.caturwulanan.label'), synonyms: ['4 bulanan', 'empat bulanan'], uri: `${DC}threeTimesAYear` },
  { code: 'semesteran', label: m('metadata.vocabulary.frequencies.semesteran.label'), synonyms: ['6 bulanan', 'enam bulanan', 'semester', 'semiannual'], uri: `${DC}semiannual` },
  { code: 'tahunan', label: m('metadata.vocabulary.frequencies.tahunan.label'), synonyms: ['per tahun', 'annual', 'yearly'], uri: `${DC}annual` },
  { code: 'dua-tahunan', label: m('metadata.vocabulary.frequencies.dua-tahunan.label'), synonyms: ['biennial'], uri: `${DC}biennial` },
  { code: 'tiga-tahunan', label: m('metadata.vocabulary.frequencies.tiga-tahunan.label'), synonyms: ['triennial'], uri: `${DC}triennial` },
  { code: 'lima-tahunan', label: m('metadata.vocabulary.frequencies.lima-tahunan.label'), synonyms: [], uri: 'urn:sdmx:org.sdmx.infomodel.codelist.Code=SDMX:CL_FREQ(2.1).A5' },
  { code: 'sepuluh-tahunan', label: m('metadata.vocabulary.frequencies.sepuluh-tahunan.label'), synonyms: ['sensus'], uri: 'urn:sdmx:org.sdmx.infomodel.codelist.Code=SDMX:CL_FREQ(2.1).A10' },
  // "sekali / tidak tentu" in the issue: one-off or irregular releases share the irregular code.
  { code: 'tidak-tetap', label: m('metadata.vocabulary.frequencies.tidak-tetap.label'), synonyms: ['sewaktu-waktu', 'insidental', 'sekali', 'tidak tentu', 'irregular', 'once'], uri: `${DC}irregular` },
  { code: 'real-time', label: m('metadata.vocabulary.frequencies.real-time.label'), synonyms: ['terus-menerus', 'continuous', 'realtime'], uri: `${DC}continuous` },
];

export const MEASURES: readonly Term[] = [
  { code: 'jumlah', label: m('metadata.vocabulary.measures.jumlah.label'), synonyms: ['total', 'count', 'number', 'banyaknya'] },
  { code: 'persentase', label: m('metadata.vocabulary.measures.persentase.label'), synonyms: ['persen', 'percentage', 'percent', 'proporsi'] },
  { code: 'rasio', label: m('metadata.vocabulary.measures.rasio.label'), synonyms: ['ratio', 'rate', 'angka'] },
  { code: 'rata-rata', label: m('metadata.vocabulary.measures.rata-rata.label'), synonyms: ['rerata', 'rata2', 'average', 'mean'] },
  { code: 'indeks', label: m('metadata.vocabulary.measures.indeks.label'), synonyms: ['index'] },
];

export const LEVELS: readonly Term[] = [
  { code: 'kota', label: m('metadata.vocabulary.levels.kota.label'), synonyms: ['kabupaten/kota', 'kab/kota', 'city'] },
  { code: 'kecamatan', label: m('metadata.vocabulary.levels.kecamatan.label'), synonyms: ['district'] },
  { code: 'kelurahan', label: m('metadata.vocabulary.levels.kelurahan.label'), synonyms: ['desa', 'desa/kelurahan', 'village'] },
  { code: 'titik', label: m('metadata.vocabulary.levels.titik.label'), synonyms: ['point', 'lokasi', 'koordinat'] },
];

export const ACCESS: readonly Term[] = [
  { code: 'terbuka', label: m('metadata.vocabulary.access.terbuka.label'), synonyms: ['open', 'publik', 'public'] },
  { code: 'terbatas', label: m('metadata.vocabulary.access.terbatas.label'), synonyms: ['restricted'] },
  { code: 'tertutup', label: m('metadata.vocabulary.access.tertutup.label'), synonyms: ['closed', 'rahasia'] },
];

export function frequencyUri(code: string): string | undefined {
  return FREQUENCIES.find((f) => f.code === code)?.uri;
}
