/**
 * Renderers for people: the terminal table, Markdown for posting, CSV for spreadsheets, JSON.
 * All take the same AuditResult; none does I/O. Portal text goes through render/escape.ts.
 */
import { stringify } from 'csv-stringify/sync';
import { fmt, msg, type Lang } from '../../i18n.js';
import { toJsonDocument } from '../audit.js';
import { frequencyLabel } from '../frequency.js';
import { parseUtc, witaDate } from '../time.js';
import type { AuditResult, OrgAudit, UncheckedResource } from '../types.js';
import { csvCell, mdName, mdText, plain } from './escape.js';
import { label } from './labels.js';
import { at } from '../../invariant.js';

export function renderJson(r: AuditResult): string {
  return JSON.stringify(toJsonDocument(r), null, 2) + '\n';
}

/** A date for people: the Makassar calendar day (the JSON keeps full UTC instants). */
export function day(iso: string | null, lang: Lang): string {
  if (!iso) return label('never', lang);
  const d = parseUtc(iso);
  return d ? witaDate(d) : iso;
}

export function summaryLine(r: AuditResult, lang: Lang): string {
  const base = r.withRegister
    ? fmt(label('summaryLine', lang), r.summary)
    : fmt(label('summaryLineNoRegister', lang), { ...r.summary, emptyOrgs: r.organizations.filter((o) => o.datasets === 0).length });
  return r.checkedData ? `${base} · ${fmt(label('summaryQuality', lang), { invalid: r.summary.invalid ?? 0, unchecked: r.summary.unchecked ?? 0 })}` : base;
}

/** Datasets with at least one invalid resource. */
export function invalidDatasets(o: OrgAudit): number {
  return new Set(o.quality?.invalid.map((i) => i.name) ?? []).size;
}

function columns(r: AuditResult, lang: Lang): { head: string[]; row: (o: OrgAudit) => string[] } {
  const name = (o: OrgAudit) => (o.onPortal ? plain(o.name) : `${plain(o.name)} (${label('notOnPortal', lang)})`);
  const q = r.checkedData;
  if (r.withRegister) {
    return {
      head: [label('organization', lang), label('datasets', lang), label('expected', lang), label('present', lang), label('empty', lang), label('missing', lang), label('stale', lang), ...(q ? [label('invalid', lang)] : []), label('lastUpdate', lang)],
      row: (o) => [name(o), String(o.datasets), String(o.expected), String(o.present), String(o.empty.length), String(o.missing.length), String(o.stale.length), ...(q ? [String(invalidDatasets(o))] : []), day(o.lastUpdate, lang)],
    };
  }
  return {
    head: [label('organization', lang), label('datasets', lang), label('empty', lang), label('stale', lang), ...(q ? [label('invalid', lang)] : []), label('recent', lang), label('lastUpdate', lang)],
    row: (o) => [name(o), String(o.datasets), String(o.empty.length), String(o.stale.length), ...(q ? [String(invalidDatasets(o))] : []), String(o.recentUpdates), day(o.lastUpdate, lang)],
  };
}

function totals(r: AuditResult, lang: Lang): string[] {
  const s = r.summary;
  const recent = r.organizations.reduce((n, o) => n + o.recentUpdates, 0);
  const q = r.checkedData ? [String(s.invalid ?? 0)] : [];
  return r.withRegister
    ? [label('total', lang), String(s.datasets), String(s.expected), String(s.present), String(s.empty), String(s.missing), String(s.stale), ...q, '']
    : [label('total', lang), String(s.datasets), String(s.empty), String(s.stale), ...q, String(recent), ''];
}

export function reasonLabel(u: UncheckedResource, lang: Lang): string {
  const key = ({ 'too-large': 'reasonTooLarge', 'not-found': 'reasonNotFound', 'download-failed': 'reasonDownloadFailed', unreadable: 'reasonUnreadable' } as const)[u.reason];
  const detail = u.detail === 'timeout' ? msg(lang, 'audit.render.text.timeout') : u.detail;
  return `${label(key, lang)}${detail ? ` (${detail})` : ''}`;
}

/** The findings of one organization as plain lines (shared by the table and Markdown renderers). */
function findingLines(o: OrgAudit, lang: Lang): string[] {
  const lines: string[] = [];
  for (const m of o.missing) {
    lines.push(
      m.deleted
        ? `${label('deleted', lang)}: ${m.name} (${frequencyLabel(m.frequency, lang)}), ${label('updated', lang)} ${day(m.lastUpdate, lang)}: ${m.title}`
        : `${label('missing', lang)}: ${m.name} (${frequencyLabel(m.frequency, lang)}): ${m.title}`,
    );
  }
  for (const e of o.empty) lines.push(`${label('empty', lang)}: ${e.name}, ${label('emptyNote', lang)}: ${e.title}`);
  for (const s of o.stale) {
    lines.push(`${label('stale', lang)}: ${s.name} (${frequencyLabel(s.frequency, lang)}), ${label('updated', lang)} ${day(s.lastUpdate, lang)}, ${label('dueAt', lang)} ${day(s.dueAt, lang)}`);
  }
  for (const i of o.quality?.invalid ?? []) {
    const schema = i.noSchema ? `, ${label('noSchema', lang)}` : '';
    lines.push(`${label('invalid', lang)}: ${i.name} / ${i.resource} (${i.errors} ${label('errorsWord', lang)}${schema}): ${i.firstErrors.join(' | ')}`);
  }
  for (const u of o.quality?.unchecked ?? []) lines.push(`${label('unchecked', lang)}: ${u.name} / ${u.resource}: ${reasonLabel(u, lang)}`);
  if (o.unexpected.length > 0) lines.push(`${label('unexpected', lang)} (${o.unexpected.length}): ${o.unexpected.join(', ')}`);
  return lines.map(plain);
}

/** Organizations on the portal with no dataset at all ("four have nothing"). */
export function emptyOrgs(r: AuditResult): string[] {
  return r.organizations.filter((o) => o.onPortal && o.datasets === 0).map((o) => o.name).sort();
}

export interface TableStyle {
  color: boolean;
}

export function renderTable(r: AuditResult, lang: Lang, style: TableStyle = { color: false }): string {
  const { head, row } = columns(r, lang);
  const body = r.organizations.map(row);
  const all = [head, ...body, totals(r, lang)];
  const widths = head.map((_, i) => Math.max(...all.map((cells) => at(cells, i).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(at(widths, i)) : c.padStart(at(widths, i)))).join('  ').trimEnd();
  const paint = (s: string, code: number) => (style.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bad = (o: OrgAudit) => o.missing.length > 0 || o.empty.length > 0 || invalidDatasets(o) > 0 || !o.onPortal || (!r.withRegister && o.datasets === 0);
  const out = [
    `${label('title', lang)}: ${plain(r.portal)} (${r.generatedAt})`,
    '',
    paint(line(head), 1),
    ...r.organizations.map((o, i) => (bad(o) ? paint(line(at(body, i)), 31) : o.stale.length > 0 ? paint(line(at(body, i)), 33) : line(at(body, i)))),
    paint(line(totals(r, lang)), 1),
    '',
    summaryLine(r, lang),
  ];
  if (!r.withRegister) out.push(label('noRegister', lang));
  const details = r.organizations.map((o) => ({ o, lines: findingLines(o, lang) })).filter((x) => x.lines.length > 0);
  if (details.length > 0) {
    out.push('');
    for (const { o, lines } of details) {
      out.push(`${plain(o.title)} [${plain(o.name)}]`);
      for (const l of lines) out.push(`  - ${l}`);
    }
  }
  const empty = emptyOrgs(r);
  if (empty.length > 0) out.push('', `${label('withoutDatasets', lang)} (${empty.length}): ${empty.map(plain).join(', ')}`);
  return out.join('\n') + '\n';
}

/** A Markdown table cell: our own words and numbers are plain; portal text is escaped. */
const mdCell = (s: string) => mdText(s);

export function renderMarkdown(r: AuditResult, lang: Lang): string {
  const { head, row } = columns(r, lang);
  const out = [
    `# ${label('title', lang)}`,
    '',
    `- ${label('portal', lang)}: ${mdText(r.portal)}`,
    `- ${label('generatedAt', lang)}: ${r.generatedAt}`,
    `- ${summaryLine(r, lang)}`,
    '',
    `| ${head.map(mdCell).join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...r.organizations.map((o) => `| ${row(o).map(mdCell).join(' | ')} |`),
    `| ${totals(r, lang).map((c) => `**${mdCell(c)}**`.replace('****', '')).join(' | ')} |`,
  ];
  if (!r.withRegister) out.push('', `_${label('noRegister', lang)}_`);
  const details = r.organizations.map((o) => ({ o, lines: findingLines(o, lang) })).filter((x) => x.lines.length > 0);
  if (details.length > 0) {
    out.push('', `## ${label('findings', lang)}`);
    for (const { o, lines } of details) {
      out.push('', `### ${mdText(o.title)} (${mdName(o.name)})`, '', ...lines.map((l) => `- ${mdText(l)}`));
    }
  }
  const empty = emptyOrgs(r);
  if (empty.length > 0) out.push('', `## ${label('withoutDatasets', lang)} (${empty.length})`, '', empty.map(mdName).join(', '));
  return out.join('\n') + '\n';
}

/** One row per organization, with the dataset names joined, for spreadsheets. Header in English (stable for formulas). */
export function renderCsv(r: AuditResult): string {
  const q = r.checkedData;
  const rows = r.organizations.map((o) =>
    [
      o.name,
      o.title,
      o.onPortal,
      o.datasets,
      o.expected,
      o.present,
      o.empty.length,
      o.missing.length,
      o.missing.filter((m) => m.deleted).length,
      o.stale.length,
      ...(q ? [invalidDatasets(o), o.quality?.unchecked.length ?? 0] : []),
      o.unexpected.length,
      o.lastUpdate ?? '',
      o.empty.map((e) => e.name).join(' '),
      o.missing.map((m) => m.name).join(' '),
      o.missing.filter((m) => m.deleted).map((m) => m.name).join(' '),
      o.stale.map((s) => s.name).join(' '),
      ...(q ? [[...new Set(o.quality?.invalid.map((i) => i.name))].join(' ')] : []),
      o.unexpected.join(' '),
    ].map((c) => (typeof c === 'string' ? csvCell(c) : c)),
  );
  const head = [
    'organization',
    'title',
    'on_portal',
    'datasets',
    'expected',
    'present',
    'empty',
    'missing',
    'deleted',
    'stale',
    ...(q ? ['invalid', 'unchecked'] : []),
    'unexpected',
    'last_update',
    'empty_datasets',
    'missing_datasets',
    'deleted_datasets',
    'stale_datasets',
    ...(q ? ['invalid_datasets'] : []),
    'unexpected_datasets',
  ];
  return stringify([head, ...rows], { cast: { boolean: (b) => (b ? 'true' : 'false') } });
}
