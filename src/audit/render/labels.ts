/** Every word the audit reports show, in Bahasa Indonesia (default) and English. */
import type { Lang } from '../../i18n.js';
import { m } from '../../i18n.js';

const L = {
  title: m('audit.render.labels.l.title'),
  portal: m('audit.render.labels.l.portal'),
  generatedAt: m('audit.render.labels.l.generatedAt'),
  organization: m('audit.render.labels.l.organization'),
  datasets: m('audit.render.labels.l.datasets'),
  expected: m('audit.render.labels.l.expected'),
  present: m('audit.render.labels.l.present'),
  missing: m('audit.render.labels.l.missing'),
  stale: m('audit.render.labels.l.stale'),
  unexpected: m('audit.render.labels.l.unexpected'),
  empty: m('audit.render.labels.l.empty'),
  emptyNote: m('audit.render.labels.l.emptyNote'),
  deleted: m('audit.render.labels.l.deleted'),
  deletedNote: m('audit.render.labels.l.deletedNote'),
  invalid: m('audit.render.labels.l.invalid'),
  unchecked: m('audit.render.labels.l.unchecked'),
  perOrgTable: m('audit.render.labels.l.perOrgTable'),
  quality: m('audit.render.labels.l.quality'),
  checkedNote: m('audit.render.labels.l.checkedNote'),
  noSchema: m('audit.render.labels.l.noSchema'),
  noSchemaNote: m('audit.render.labels.l.noSchemaNote'),
  errorsWord: m('audit.render.labels.l.errorsWord'),
  reasonTooLarge: m('audit.render.labels.l.reasonTooLarge'),
  reasonNotFound: m('audit.render.labels.l.reasonNotFound'),
  reasonDownloadFailed: m('audit.render.labels.l.reasonDownloadFailed'),
  reasonUnreadable: m('audit.render.labels.l.reasonUnreadable'),
  lastUpdate: m('audit.render.labels.l.lastUpdate'),
  recent: m('audit.render.labels.l.recent'),
  total: m('audit.render.labels.l.total'),
  never: m('audit.render.labels.l.never'),
  notOnPortal: m('audit.render.labels.l.notOnPortal'),
  dueAt: m('audit.render.labels.l.dueAt'),
  frequency: m('audit.render.labels.l.frequency'),
  overdueNever: m('audit.render.labels.l.overdueNever'),
  updated: m('audit.render.labels.l.updated'),
  ranking: m('audit.render.labels.l.ranking'),
  rankingNote: m('audit.render.labels.l.rankingNote'),
  scorecards: m('audit.render.labels.l.scorecards'),
  findings: m('audit.render.labels.l.findings'),
  nothingToDo: m('audit.render.labels.l.nothingToDo'),
  noRegister: m('audit.render.labels.l.noRegister'),
  noDatasets: m('audit.render.labels.l.noDatasets'),
  withoutDatasets: m('audit.render.labels.l.withoutDatasets'),
  summaryLine: m('audit.render.labels.l.summaryLine'),
  summaryQuality: m('audit.render.labels.l.summaryQuality'),
  summaryLineNoRegister: m('audit.render.labels.l.summaryLineNoRegister'),
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: Lang): string {
  return L[key][lang];
}
