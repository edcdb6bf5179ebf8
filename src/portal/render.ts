/** Human-readable push output (plan for --dry-run, summary after a push), id/en. Pure. */
import { fmt, type Lang } from '../i18n.js';
import type { FieldDiff, PushPlan } from './plan.js';
import type { PushResult } from './push.js';

const WORD: Record<string, { id: string; en: string }> = {
  created: { id: 'dibuat', en: 'created' },
  updated: { id: 'diperbarui', en: 'updated' },
  restored: { id: 'dipulihkan', en: 'restored' },
  unchanged: { id: 'tidak berubah', en: 'unchanged' },
  kept: { id: 'dibiarkan (hanya ada di portal)', en: 'kept (only on the portal)' },
  deleted: { id: 'dihapus', en: 'deleted' },
};

const WOULD: Record<string, { id: string; en: string }> = {
  created: { id: 'akan dibuat', en: 'would be created' },
  updated: { id: 'akan diperbarui', en: 'would be updated' },
  restored: { id: 'akan dipulihkan', en: 'would be restored' },
  unchanged: { id: 'tidak berubah', en: 'unchanged' },
  kept: { id: 'dibiarkan (hanya ada di portal; --prune untuk menghapus)', en: 'kept (only on the portal; --prune deletes it)' },
  deleted: { id: 'akan dihapus (--prune)', en: 'would be deleted (--prune)' },
};

/** The word for an action in the user's language (progress lines, summary). */
export function actionWord(action: string, lang: Lang): string {
  return WORD[action]?.[lang] ?? action;
}

export function humanBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

const cut = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}...` : s);

function diffLines(diff: FieldDiff[], indent: string): string[] {
  return diff.map((d) => `${indent}~ ${d.field}: ${d.from ? JSON.stringify(cut(d.from)) : '∅'} → ${d.to ? JSON.stringify(cut(d.to)) : '∅'}`);
}

export function renderPlan(plan: PushPlan, result: PushResult, lang: Lang): string {
  const lines: string[] = [];
  lines.push(lang === 'en' ? `Plan (dry run, nothing is written) for ${result.portal}:` : `Rencana (uji coba, tidak ada yang ditulis) untuk ${result.portal}:`);
  lines.push(`  dataset ${result.dataset.name}: ${WOULD[plan.dataset.action][lang]}`);
  lines.push(...diffLines(plan.dataset.diff, '      '));
  for (const r of plan.resources) {
    const upload = r.upload ? (lang === 'en' ? `, upload ${humanBytes(r.local?.bytes)}` : `, unggah ${humanBytes(r.local?.bytes)}`) : '';
    const what = r.duplicate ? (lang === 'en' ? 'second copy (from pushes that raced) would be deleted' : 'salinan kedua (dari push yang bersamaan) akan dihapus') : WOULD[r.action][lang];
    lines.push(`  resource ${r.name}: ${what}${upload}`);
    lines.push(...diffLines(r.diff, '      '));
  }
  return lines.join('\n') + '\n';
}

export function renderSummary(result: PushResult, lang: Lang): string {
  const lines: string[] = [];
  const d = result.dataset;
  lines.push(fmt(lang === 'en' ? 'Dataset {name}: {action}' : 'Dataset {name}: {action}', { name: d.name, action: WORD[d.action][lang] }));
  lines.push(`  ${d.url}`);
  for (const r of result.resources) {
    lines.push(`  - ${r.name}: ${WORD[r.action][lang]} (${humanBytes(r.bytes)})`);
    if (r.drift) lines.push(lang === 'en' ? `      the portal copy had been changed by another route (${r.drift}); uploaded again` : `      salinan di portal telah diubah lewat jalur lain (${r.drift}); diunggah ulang`);
  }
  const nothing = d.action === 'unchanged' && result.resources.every((r) => r.action === 'unchanged' || r.action === 'kept');
  if (nothing) lines.push(lang === 'en' ? 'Nothing to do: the portal is up to date.' : 'Tidak ada yang perlu dikirim: portal sudah mutakhir.');
  return lines.join('\n') + '\n';
}
