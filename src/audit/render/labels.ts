/** Every word the audit reports show, in Bahasa Indonesia (default) and English. */
import type { Lang } from '../../i18n.js';
import { m } from '../../i18n.js';

const L = {
  title: m('audit.labels.title'),
  portal: m('audit.labels.portal'),
  generatedAt: m('audit.labels.generatedAt'),
  organization: m('audit.labels.organization'),
  datasets: m('audit.labels.datasets'),
  expected: m('audit.labels.expected'),
  present: m('audit.labels.present'),
  missing: m('audit.labels.missing'),
  stale: m('audit.labels.stale'),
  unexpected: m('audit.labels.unexpected'),
  empty: m('audit.labels.empty'),
  emptyNote: m('audit.labels.emptyNote'),
  deleted: m('audit.labels.deleted'),
  deletedNote: m('audit.labels.deletedNote'),
  invalid: m('audit.labels.invalid'),
  unchecked: m('audit.labels.unchecked'),
  perOrgTable: m('audit.labels.perOrgTable'),
  quality: m('audit.labels.quality'),
  checkedNote: m('audit.labels.checkedNote'),
  noSchema: m('audit.labels.noSchema'),
  noSchemaNote: m('audit.labels.noSchemaNote'),
  errorsWord: m('audit.labels.errorsWord'),
  reasonTooLarge: m('audit.labels.reasonTooLarge'),
  reasonNotFound: m('audit.labels.reasonNotFound'),
  reasonDownloadFailed: m('audit.labels.reasonDownloadFailed'),
  reasonUnreadable: m('audit.labels.reasonUnreadable'),
  lastUpdate: m('audit.labels.lastUpdate'),
  recent: m('audit.labels.recent'),
  total: m('audit.labels.total'),
  never: m('audit.labels.never'),
  notOnPortal: m('audit.labels.notOnPortal'),
  dueAt: m('audit.labels.dueAt'),
  frequency: m('audit.labels.frequency'),
  overdueNever: m('audit.labels.overdueNever'),
  updated: m('audit.labels.updated'),
  ranking: m('audit.labels.ranking'),
  rankingNote: m('audit.labels.rankingNote'),
  scorecards: m('audit.labels.scorecards'),
  findings: m('audit.labels.findings'),
  nothingToDo: m('audit.labels.nothingToDo'),
  noRegister: m('audit.labels.noRegister'),
  noDatasets: m('audit.labels.noDatasets'),
  withoutDatasets: m('audit.labels.withoutDatasets'),
  summaryLine: m('audit.labels.summaryLine'),
  summaryQuality: m('audit.labels.summaryQuality'),
  summaryLineNoRegister: m('audit.labels.summaryLineNoRegister'),
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: Lang): string {
  return L[key][lang];
}
