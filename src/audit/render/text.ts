/**
 * Renderers for people: the terminal table, Markdown for posting, CSV for spreadsheets, JSON.
 * All take the same AuditResult; none does I/O.
 */
import { stringify } from 'csv-stringify/sync';
import { fmt, type Lang } from '../../i18n.js';
import { toJsonDocument } from '../audit.js';
import { frequencyLabel } from '../frequency.js';
import { parseUtc, witaDate } from '../time.js';
import type { AuditResult, OrgAudit } from '../types.js';
import { label } from './labels.js';

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
  if (r.withRegister) return fmt(label('summaryLine', lang), r.summary);
  const empty = r.organizations.filter((o) => o.datasets === 0).length;
  return fmt(label('summaryLineNoRegister', lang), { ...r.summary, empty });
}

function columns(r: AuditResult, lang: Lang): { head: string[]; row: (o: OrgAudit) => string[] } {
  const name = (o: OrgAudit) => (o.onPortal ? o.name : `${o.name} (${label('notOnPortal', lang)})`);
  if (r.withRegister) {
    return {
      head: [label('organization', lang), label('datasets', lang), label('expected', lang), label('present', lang), label('missing', lang), label('stale', lang), label('lastUpdate', lang)],
      row: (o) => [name(o), String(o.datasets), String(o.expected), String(o.present), String(o.missing.length), String(o.stale.length), day(o.lastUpdate, lang)],
    };
  }
  return {
    head: [label('organization', lang), label('datasets', lang), label('stale', lang), label('recent', lang), label('lastUpdate', lang)],
    row: (o) => [name(o), String(o.datasets), String(o.stale.length), String(o.recentUpdates), day(o.lastUpdate, lang)],
  };
}

function totals(r: AuditResult, lang: Lang): string[] {
  const s = r.summary;
  const recent = r.organizations.reduce((n, o) => n + o.recentUpdates, 0);
  return r.withRegister
    ? [label('total', lang), String(s.datasets), String(s.expected), String(s.present), String(s.missing), String(s.stale), '']
    : [label('total', lang), String(s.datasets), String(s.stale), String(recent), ''];
}

/** The findings of one organization as lines (shared by the table and Markdown renderers). */
function findingLines(o: OrgAudit, lang: Lang): string[] {
  const lines: string[] = [];
  for (const m of o.missing) lines.push(`${label('missing', lang)}: ${m.name} (${frequencyLabel(m.frequency, lang)}): ${m.title}`);
  for (const s of o.stale) {
    lines.push(`${label('stale', lang)}: ${s.name} (${frequencyLabel(s.frequency, lang)}), ${label('updated', lang)} ${day(s.lastUpdate, lang)}, ${label('dueAt', lang)} ${day(s.dueAt, lang)}`);
  }
  return lines;
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
  const widths = head.map((_, i) => Math.max(...all.map((cells) => cells[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const paint = (s: string, code: number) => (style.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const bad = (o: OrgAudit) => o.missing.length > 0 || !o.onPortal || (!r.withRegister && o.datasets === 0);
  const out = [
    `${label('title', lang)}: ${r.portal} (${r.generatedAt})`,
    '',
    paint(line(head), 1),
    ...r.organizations.map((o, i) => (bad(o) ? paint(line(body[i]!), 31) : o.stale.length > 0 ? paint(line(body[i]!), 33) : line(body[i]!))),
    paint(line(totals(r, lang)), 1),
    '',
    summaryLine(r, lang),
  ];
  if (!r.withRegister) out.push(label('noRegister', lang));
  const details = r.organizations.map((o) => ({ o, lines: findingLines(o, lang) })).filter((x) => x.lines.length > 0);
  if (details.length > 0) {
    out.push('');
    for (const { o, lines } of details) {
      out.push(`${o.title} [${o.name}]`);
      for (const l of lines) out.push(`  - ${l}`);
    }
  }
  const empty = emptyOrgs(r);
  if (empty.length > 0) out.push('', `${label('withoutDatasets', lang)} (${empty.length}): ${empty.join(', ')}`);
  return out.join('\n') + '\n';
}

const mdCell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: AuditResult, lang: Lang): string {
  const { head, row } = columns(r, lang);
  const out = [
    `# ${label('title', lang)}`,
    '',
    `- ${label('portal', lang)}: ${r.portal}`,
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
      out.push('', `### ${mdCell(o.title)} (\`${o.name}\`)`, '', ...lines.map((l) => `- ${mdCell(l)}`));
    }
  }
  const empty = emptyOrgs(r);
  if (empty.length > 0) out.push('', `## ${label('withoutDatasets', lang)} (${empty.length})`, '', empty.map((n) => `\`${n}\``).join(', '));
  return out.join('\n') + '\n';
}

/** One row per organization, with the missing/stale names joined, for spreadsheets. Header in English (stable for formulas). */
export function renderCsv(r: AuditResult): string {
  const rows = r.organizations.map((o) => [
    o.name,
    o.title,
    o.onPortal,
    o.datasets,
    o.expected,
    o.present,
    o.missing.length,
    o.stale.length,
    o.unexpected.length,
    o.lastUpdate ?? '',
    o.missing.map((m) => m.name).join(' '),
    o.stale.map((s) => s.name).join(' '),
    o.unexpected.join(' '),
  ]);
  return stringify(
    [['organization', 'title', 'on_portal', 'datasets', 'expected', 'present', 'missing', 'stale', 'unexpected', 'last_update', 'missing_datasets', 'stale_datasets', 'unexpected_datasets'], ...rows],
    { cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
}
