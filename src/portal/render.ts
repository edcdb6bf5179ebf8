/** Human-readable push output (plan for --dry-run, summary after a push), id/en. Pure. */
import { fmt, type Lang } from '../i18n.js';
import type { FieldDiff, PushPlan } from './plan.js';
import type { PushResult } from './push.js';
import { packageFieldOf } from '../metadata/mapping.js';

/** The datapackage field CKAN's `private` flag comes from (diffs of it are shown as visibility). */
const VISIBILITY_FIELD = packageFieldOf('private');

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

/** A size in decimal units, as the unit says (1 kB = 1,000 B; 5,574,299 B is 5.6 MB). */
export function humanBytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '-';
  if (n < 1000) return `${n} B`;
  if (n < 1000 * 1000) return `${(n / 1000).toFixed(1)} kB`;
  if (n < 1000 * 1000 * 1000) return `${(n / 1000 / 1000).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

const cut = (s: string) => (s.length > 70 ? `${s.slice(0, 67)}...` : s);

const VISIBILITY = { true: { id: 'privat', en: 'private' }, false: { id: 'publik', en: 'public' } } as const;

/** One change as an officer reads it: a file that changed, the dataset's visibility, or a field's old and new value. */
function diffLine(d: FieldDiff, lang: Lang): string {
  const en = lang === 'en';
  if (d.file) {
    if (d.file.drift) return en ? `file changed on the portal by another route (${d.file.drift}): upload again` : `berkas di portal diubah lewat jalur lain (${d.file.drift}): unggah ulang`;
    const sizes = d.file.fromBytes !== undefined && d.file.toBytes !== undefined ? ` (${humanBytes(d.file.fromBytes)} → ${humanBytes(d.file.toBytes)})` : d.file.toBytes !== undefined ? ` (${humanBytes(d.file.toBytes)})` : '';
    return en ? `file changed${sizes}` : `berkas berubah${sizes}`;
  }
  if (d.field === VISIBILITY_FIELD && (d.from === 'true' || d.from === 'false') && (d.to === 'true' || d.to === 'false')) {
    return `${en ? 'visibility' : 'visibilitas'}: ${VISIBILITY[d.from][lang]} → ${VISIBILITY[d.to][lang]}`;
  }
  return `${d.field}: ${d.from ? JSON.stringify(cut(d.from)) : '∅'} → ${d.to ? JSON.stringify(cut(d.to)) : '∅'}`;
}

function diffLines(diff: FieldDiff[], indent: string, lang: Lang): string[] {
  return diff.map((d) => `${indent}~ ${diffLine(d, lang)}`);
}

export function renderPlan(plan: PushPlan, result: PushResult, lang: Lang): string {
  const lines: string[] = [];
  lines.push(lang === 'en' ? `Plan (dry run, nothing is written) for ${result.portal}:` : `Rencana (uji coba, tidak ada yang ditulis) untuk ${result.portal}:`);
  lines.push(`  dataset ${result.dataset.name}: ${WOULD[plan.dataset.action][lang]}`);
  lines.push(...diffLines(plan.dataset.diff, '      ', lang));
  for (const r of plan.resources) {
    const upload = r.upload ? (lang === 'en' ? `, upload ${humanBytes(r.local?.bytes)}` : `, unggah ${humanBytes(r.local?.bytes)}`) : '';
    const what = r.duplicate ? (lang === 'en' ? 'second copy (from pushes that raced) would be deleted' : 'salinan kedua (dari push yang bersamaan) akan dihapus') : WOULD[r.action][lang];
    lines.push(`  resource ${r.name}: ${what}${upload}`);
    lines.push(...diffLines(r.diff, '      ', lang));
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
