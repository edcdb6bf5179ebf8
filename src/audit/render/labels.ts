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
  findings: { id: 'Dataset yang belum ada atau terlambat', en: 'Missing or stale datasets' },
  nothingToDo: { id: 'Semua dataset yang diharapkan ada dan mutakhir.', en: 'Every expected dataset is present and up to date.' },
  noRegister: {
    id: 'Tanpa Daftar Data: hanya perangkat daerah tanpa dataset dan dataset yang lama tidak diperbarui (dinilai tahunan) yang dilaporkan.',
    en: 'No register: only organizations without datasets and datasets not updated for a long time (judged as yearly) are reported.',
  },
  noDatasets: { id: 'tidak punya dataset', en: 'has no datasets' },
  withoutDatasets: { id: 'Perangkat daerah tanpa dataset di portal', en: 'Organizations without any dataset on the portal' },
  summaryLine: {
    id: '{organizations} perangkat daerah · {expected} dataset diharapkan · {present} ada · {missing} belum ada · {stale} terlambat',
    en: '{organizations} organizations · {expected} expected · {present} present · {missing} missing · {stale} stale',
  },
  summaryLineNoRegister: {
    id: '{organizations} perangkat daerah · {datasets} dataset · {empty} tanpa dataset · {stale} lama tidak diperbarui',
    en: '{organizations} organizations · {datasets} datasets · {empty} without datasets · {stale} not updated for a long time',
  },
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: Lang): string {
  return L[key][lang];
}
