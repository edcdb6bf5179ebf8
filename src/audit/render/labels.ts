/** Every word the audit reports show, in Bahasa Indonesia (default) and English. */
import type { Lang } from '../../i18n.js';

const L = {
  title: { id: 'Audit Satu Data', en: 'Satu Data audit' },
  portal: { id: 'Portal', en: 'Portal' },
  generatedAt: { id: 'Waktu audit', en: 'Audited at' },
  organization: { id: 'Perangkat daerah', en: 'Organization' },
  datasets: { id: 'Dataset', en: 'Datasets' },
  expected: { id: 'Diharapkan', en: 'Expected' },
  present: { id: 'Ada', en: 'Present' },
  missing: { id: 'Belum ada', en: 'Missing' },
  stale: { id: 'Terlambat', en: 'Stale' },
  unexpected: { id: 'Di luar daftar', en: 'Not in register' },
  empty: { id: 'Kosong', en: 'Empty' },
  emptyNote: { id: 'ada di portal tanpa sumber daya aktif: belum terbit', en: 'on the portal without an active resource: not published' },
  deleted: { id: 'Dihapus', en: 'Deleted' },
  deletedNote: { id: 'dihapus dari portal; terakhir diperbarui', en: 'deleted from the portal; last updated' },
  invalid: { id: 'Tidak valid', en: 'Invalid' },
  unchecked: { id: 'Tidak diperiksa', en: 'Not checked' },
  perOrgTable: { id: 'Tabel per perangkat daerah', en: 'Table per organization' },
  quality: { id: 'Kualitas data', en: 'Data quality' },
  checkedNote: { id: 'diperiksa', en: 'checked' },
  noSchema: { id: 'tanpa skema', en: 'no schema' },
  noSchemaNote: { id: 'tanpa skema: hanya struktur dan encoding yang diperiksa', en: 'no schema: only structure and encoding checked' },
  errorsWord: { id: 'galat', en: 'errors' },
  reasonTooLarge: { id: 'terlalu besar', en: 'too large' },
  reasonNotFound: { id: 'tidak ditemukan', en: 'not found' },
  reasonDownloadFailed: { id: 'gagal diunduh', en: 'download failed' },
  reasonUnreadable: { id: 'tidak terbaca', en: 'unreadable' },
  lastUpdate: { id: 'Pembaruan terakhir', en: 'Last update' },
  recent: { id: 'Diperbarui 12 bln', en: 'Updated in 12 mo.' },
  total: { id: 'Total', en: 'Total' },
  never: { id: 'belum pernah', en: 'never' },
  notOnPortal: { id: 'tidak ada di portal', en: 'not on the portal' },
  dueAt: { id: 'jatuh tempo', en: 'due' },
  frequency: { id: 'Frekuensi', en: 'Frequency' },
  overdueNever: { id: 'sudah jatuh tempo: belum pernah terbit', en: 'overdue: never published' },
  updated: { id: 'terakhir diperbarui', en: 'last updated' },
  ranking: { id: 'Peringkat keaktifan', en: 'Activity ranking' },
  rankingNote: {
    id: 'Jumlah dataset yang diperbarui dalam 12 bulan terakhir.',
    en: 'Datasets updated in the last 12 months.',
  },
  scorecards: { id: 'Kartu skor per perangkat daerah (terburuk di atas)', en: 'Scorecard per organization (worst first)' },
  findings: { id: 'Dataset yang belum ada, kosong, terlambat atau tidak valid', en: 'Missing, empty, stale or invalid datasets' },
  nothingToDo: { id: 'Semua dataset yang diharapkan ada dan mutakhir.', en: 'Every expected dataset is present and up to date.' },
  noRegister: {
    id: 'Tanpa Daftar Data: hanya perangkat daerah tanpa dataset dan dataset yang lama tidak diperbarui (dinilai tahunan) yang dilaporkan.',
    en: 'No register: only organizations without datasets and datasets not updated for a long time (judged as yearly) are reported.',
  },
  noDatasets: { id: 'tidak punya dataset', en: 'has no datasets' },
  withoutDatasets: { id: 'Perangkat daerah tanpa dataset di portal', en: 'Organizations without any dataset on the portal' },
  summaryLine: {
    id: '{organizations} perangkat daerah · {expected} dataset diharapkan · {present} ada · {empty} kosong · {missing} belum ada ({deleted} dihapus) · {stale} terlambat',
    en: '{organizations} organizations · {expected} expected · {present} present · {empty} empty · {missing} missing ({deleted} deleted) · {stale} stale',
  },
  summaryQuality: {
    id: '{invalid} dataset tidak valid · {unchecked} sumber daya tidak diperiksa',
    en: '{invalid} invalid datasets · {unchecked} resources not checked',
  },
  summaryLineNoRegister: {
    id: '{organizations} perangkat daerah · {datasets} dataset · {emptyOrgs} tanpa dataset · {empty} dataset kosong · {stale} lama tidak diperbarui',
    en: '{organizations} organizations · {datasets} datasets · {emptyOrgs} without datasets · {empty} empty datasets · {stale} not updated for a long time',
  },
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: Lang): string {
  return L[key][lang];
}
