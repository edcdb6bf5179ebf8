/** Human-readable push output (plan for --dry-run, summary after a push), id/en. Pure. */
import { fmt, type Lang, msg, m } from '../i18n.js';
import type { FieldDiff, PushPlan } from './plan.js';
import type { PushResult } from './push.js';
import { packageFieldOf } from '../ckan/mapping.js';

/** The datapackage field CKAN's `private` flag comes from (diffs of it are shown as visibility). */
const VISIBILITY_FIELD = packageFieldOf('private');

const WORD: Record<string, { id: string; en: string }> = {
  created: m('portal.render.word.created'),
  updated: m('portal.render.word.updated'),
  restored: m('portal.render.word.restored'),
  unchanged: m('portal.render.word.unchanged'),
  kept: m('portal.render.word.kept'),
  deleted: m('portal.render.word.deleted'),
};

const WOULD: Record<string, { id: string; en: string }> = {
  created: m('portal.render.would.created'),
  updated: m('portal.render.would.updated'),
  restored: m('portal.render.would.restored'),
  unchanged: m('portal.render.would.unchanged'),
  kept: m('portal.render.would.kept'),
  deleted: m('portal.render.would.deleted'),
};

/** The word for an action in the user's language (progress lines, summary). */
export function actionWord(action: string, lang: Lang): string {
  return WORD[action]?.[lang] ?? action;
}

/** A size in decimal units, as the unit says (1 kB = 1,000 B; 5,574,299 B is 5.6 MB). */
export function humanBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  if (n < 1000) return `${n} B`;
  if (n < 1000 * 1000) return `${(n / 1000).toFixed(1)} kB`;
  if (n < 1000 * 1000 * 1000) return `${(n / 1000 / 1000).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

const cut = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}...` : s);

const VISIBILITY = { true: m('portal.render.visibility.true'), false: m('portal.render.visibility.false') } as const;

/** One change as an officer reads it: a file that changed, the dataset's visibility, or a field's old and new value. */
function diffLine(d: FieldDiff, lang: Lang): string {
  if (d.file) {
    if (d.file.drift) return msg(lang, 'portal.render.file_changed_on_the', { drift: d.file.drift });
    const sizes = d.file.fromBytes !== undefined && d.file.toBytes !== undefined ? ` (${humanBytes(d.file.fromBytes)} → ${humanBytes(d.file.toBytes)})` : d.file.toBytes !== undefined ? ` (${humanBytes(d.file.toBytes)})` : '';
    return msg(lang, 'portal.render.file_changed', { sizes });
  }
  if (d.field === VISIBILITY_FIELD && (d.from === 'true' || d.from === 'false') && (d.to === 'true' || d.to === 'false')) {
    return `${msg(lang, 'portal.render.visibility')}: ${VISIBILITY[d.from][lang]} → ${VISIBILITY[d.to][lang]}`;
  }
  return `${d.field}: ${d.from ? JSON.stringify(cut(d.from)) : '∅'} → ${d.to ? JSON.stringify(cut(d.to)) : '∅'}`;
}

function diffLines(diff: FieldDiff[], indent: string, lang: Lang): string[] {
  return diff.map((d) => `${indent}~ ${diffLine(d, lang)}`);
}

export function renderPlan(plan: PushPlan, result: PushResult, lang: Lang): string {
  const lines: string[] = [];
  lines.push(msg(lang, 'portal.render.plan_dry_run_nothing', { portal: result.portal }));
  lines.push(`  dataset ${result.dataset.name}: ${WOULD[plan.dataset.action][lang]}`);
  lines.push(...diffLines(plan.dataset.diff, '      ', lang));
  for (const r of plan.resources) {
    const upload = r.upload ? (msg(lang, 'portal.render.upload', { value: humanBytes(r.local?.bytes) })) : '';
    const what = r.duplicate ? (msg(lang, 'portal.render.second_copy_from_pushes')) : WOULD[r.action][lang];
    lines.push(`  resource ${r.name}: ${what}${upload}`);
    lines.push(...diffLines(r.diff, '      ', lang));
  }
  return lines.join('\n') + '\n';
}

export function renderSummary(result: PushResult, lang: Lang): string {
  const lines: string[] = [];
  const d = result.dataset;
  lines.push(fmt(msg(lang, 'portal.render.dataset'), { name: d.name, action: WORD[d.action][lang] }));
  lines.push(`  ${d.url}`);
  for (const r of result.resources) {
    lines.push(`  - ${r.name}: ${WORD[r.action][lang]} (${humanBytes(r.bytes)})`);
    if (r.drift) lines.push(msg(lang, 'portal.render.the_portal_copy_had', { drift: r.drift }));
  }
  const nothing = d.action === 'unchanged' && result.resources.every((r) => r.action === 'unchanged' || r.action === 'kept');
  if (nothing) lines.push(msg(lang, 'portal.render.nothing_to_do_the'));
  return lines.join('\n') + '\n';
}
