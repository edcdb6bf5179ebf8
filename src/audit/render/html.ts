/**
 * The walidata's dashboard: one self-contained HTML page (inline CSS, no script, font, image or any
 * other external resource), so it can be mailed, opened offline or served as a static file. Readable
 * on a phone: one column, a viewport meta, bars that scale with the width.
 */
import { fmt, type Lang } from '../../i18n.js';
import { compareActivity } from '../audit.js';
import { frequencyLabel } from '../frequency.js';
import type { AuditResult, OrgAudit } from '../types.js';
import { html as esc } from './escape.js';
import { label } from './labels.js';
import { day, invalidDatasets, reasonLabel, summaryLine } from './text.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1d2430;background:#f4f6f9;line-height:1.4}
main{max-width:960px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:0 0 4px}
h2{font-size:1.15rem;margin:28px 0 10px}
.meta{color:#56606f;font-size:.9rem;margin:0 0 12px;overflow-wrap:anywhere}
.totals{display:grid;grid-template-columns:repeat(auto-fit,minmax(110px,1fr));gap:8px}
.total{background:#fff;border-radius:8px;padding:10px;border:1px solid #dde2ea}
.total b{display:block;font-size:1.6rem}
.total.bad b{color:#b3261e}.total.warn b{color:#a15c00}.total.good b{color:#1e7b34}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:10px}
.card{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:12px}
.card h3{font-size:1rem;margin:0 0 2px}
.card .slug{color:#56606f;font-size:.8rem;word-break:break-all}
.bar{display:flex;height:14px;border-radius:7px;overflow:hidden;background:#e6e9ef;margin:8px 0 6px}
.bar span{display:block;height:100%}
.ok{background:#2e9e4f}.st{background:#f0a020}.mi{background:#d9473b}.em{background:#8a6fb0}.iv{background:#7a1f1f}
table.grid{width:100%;border-collapse:collapse;background:#fff;border:1px solid #dde2ea;border-radius:8px;font-size:.85rem}
table.grid th,table.grid td{padding:4px 6px;border-bottom:1px solid #eef0f4;text-align:right}
table.grid th:first-child,table.grid td:first-child{text-align:left;word-break:break-word}
.scroll{overflow-x:auto}
.errs{margin:2px 0 0;padding-left:18px;color:#56606f;font-size:.85rem}
.nums{font-size:.85rem;color:#333c4a}
.flag{display:inline-block;font-size:.75rem;padding:1px 6px;border-radius:4px;background:#fde2df;color:#8c1d15;margin-top:4px}
ol.rank{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:10px 10px 10px 36px;margin:0}
ol.rank li{padding:3px 0}
.finding{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:10px 12px;margin-bottom:8px}
.finding h3{font-size:1rem;margin:0 0 6px}
.finding ul{margin:0;padding-left:18px}
.finding li{margin:4px 0}
.tag{font-weight:600}.tag.mi{color:#b3261e;background:none}.tag.st{color:#a15c00;background:none}.tag.em{color:#5d3f8a;background:none}.tag.iv{color:#7a1f1f;background:none}
.due{color:#56606f;font-size:.85rem}
footer{color:#56606f;font-size:.8rem;margin-top:24px}
`;

function bar(o: OrgAudit, withRegister: boolean): string {
  const whole = withRegister ? o.expected : o.datasets;
  if (whole === 0) return '<div class="bar" role="img" aria-label="0"></div>';
  const present = withRegister ? o.present : o.datasets - o.empty.length;
  const ok = Math.max(0, present - o.stale.length);
  const miss = withRegister ? o.missing.length : 0;
  const pct = (n: number) => ((100 * n) / whole).toFixed(2);
  const seg = (cls: string, n: number) => (n > 0 ? `<span class="${cls}" style="width:${pct(n)}%"></span>` : '');
  return `<div class="bar" role="img" aria-label="${ok}/${o.stale.length}/${o.empty.length}/${miss}">${seg('ok', ok)}${seg('st', o.stale.length)}${seg('em', o.empty.length)}${seg('mi', miss)}</div>`;
}

/** Quality of the published data (`--check-data`): checked, invalid, no schema, not checked. */
function qualityText(o: OrgAudit, lang: Lang): string {
  const q = o.quality;
  if (!q) return '';
  return `${label('quality', lang)}: ${q.checked} ${label('checkedNote', lang)} · ${invalidDatasets(o)} ${label('invalid', lang).toLowerCase()} · ${q.noSchema} ${label('noSchema', lang)} · ${q.unchecked.length} ${label('unchecked', lang).toLowerCase()}`;
}

function card(o: OrgAudit, r: AuditResult, lang: Lang): string {
  const nums = r.withRegister
    ? `${label('expected', lang)} ${o.expected} · ${label('present', lang)} ${o.present} · ${label('empty', lang)} ${o.empty.length} · ${label('missing', lang)} ${o.missing.length} · ${label('stale', lang)} ${o.stale.length}`
    : `${label('datasets', lang)} ${o.datasets} · ${label('empty', lang)} ${o.empty.length} · ${label('stale', lang)} ${o.stale.length}`;
  const quality = o.quality ? `<div class="nums">${esc(qualityText(o, lang))}</div>` : '';
  const flags = [
    o.onPortal ? '' : `<span class="flag">${esc(label('notOnPortal', lang))}</span>`,
    o.onPortal && o.datasets === 0 ? `<span class="flag">${esc(label('noDatasets', lang))}</span>` : '',
  ].join('');
  return `<section class="card"><h3>${esc(o.title)}</h3><div class="slug">${esc(o.name)}</div>${bar(o, r.withRegister)}<div class="nums">${esc(nums)}</div>${quality}<div class="nums">${esc(label('lastUpdate', lang))}: ${esc(day(o.lastUpdate, lang))}</div>${flags}</section>`;
}

function findings(o: OrgAudit, lang: Lang): string {
  const items = [
    ...o.missing.map((m) =>
      m.deleted
        ? `<li><span class="tag mi">${esc(label('deleted', lang))}</span> ${esc(m.title)} <span class="due">(${esc(m.name)}, ${esc(frequencyLabel(m.frequency, lang))}; ${esc(label('deletedNote', lang))} ${esc(day(m.lastUpdate, lang))})</span></li>`
        : `<li><span class="tag mi">${esc(label('missing', lang))}</span> ${esc(m.title)} <span class="due">(${esc(m.name)}, ${esc(frequencyLabel(m.frequency, lang))}; ${esc(label('overdueNever', lang))})</span></li>`,
    ),
    ...o.empty.map((e) => `<li><span class="tag em">${esc(label('empty', lang))}</span> ${esc(e.title)} <span class="due">(${esc(e.name)}; ${esc(label('emptyNote', lang))})</span></li>`),
    ...o.stale.map(
      (s) =>
        `<li><span class="tag st">${esc(label('stale', lang))}</span> ${esc(s.title)} <span class="due">(${esc(s.name)}, ${esc(frequencyLabel(s.frequency, lang))}; ${esc(label('updated', lang))} ${esc(day(s.lastUpdate, lang))}; ${esc(label('dueAt', lang))} ${esc(day(s.dueAt, lang))})</span></li>`,
    ),
    ...(o.quality?.invalid ?? []).map(
      (i) =>
        `<li><span class="tag iv">${esc(label('invalid', lang))}</span> ${esc(i.title)} <span class="due">(${esc(i.name)} / ${esc(i.resource)}; ${i.errors} ${esc(label('errorsWord', lang))}${i.noSchema ? `; ${esc(label('noSchemaNote', lang))}` : ''})</span><ul class="errs">${i.firstErrors.map((e) => `<li>${esc(e)}</li>`).join('')}</ul></li>`,
    ),
    ...(o.quality?.unchecked ?? []).map((u) => `<li><span class="tag">${esc(label('unchecked', lang))}</span> ${esc(u.name)} / ${esc(u.resource)} <span class="due">(${esc(reasonLabel(u, lang))})</span></li>`),
    ...(o.unexpected.length > 0 ? [`<li><span class="tag">${esc(label('unexpected', lang))} (${o.unexpected.length})</span> <span class="due">${o.unexpected.map(esc).join(', ')}</span></li>`] : []),
  ];
  if (items.length === 0) return '';
  return `<div class="finding"><h3>${esc(o.title)} <span class="due">${esc(o.name)}</span></h3><ul>${items.join('')}</ul></div>`;
}

/** The per-agency table: present / empty / missing / stale (/ invalid) side by side. */
function grid(r: AuditResult, lang: Lang): string {
  const q = r.checkedData;
  const head = [label('organization', lang), ...(r.withRegister ? [label('expected', lang), label('present', lang)] : [label('datasets', lang)]), label('empty', lang), ...(r.withRegister ? [label('missing', lang)] : []), label('stale', lang), ...(q ? [label('invalid', lang), label('unchecked', lang)] : [])];
  const row = (o: OrgAudit) => [
    ...(r.withRegister ? [o.expected, o.present] : [o.datasets]),
    o.empty.length,
    ...(r.withRegister ? [o.missing.length] : []),
    o.stale.length,
    ...(q ? [invalidDatasets(o), o.quality?.unchecked.length ?? 0] : []),
  ];
  const rows = r.organizations.map((o) => `<tr><td>${esc(o.title)}</td>${row(o).map((n) => `<td>${n}</td>`).join('')}</tr>`);
  return `<div class="scroll"><table class="grid"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

export function renderHtml(r: AuditResult, lang: Lang): string {
  const s = r.summary;
  const total = (cls: string, key: Parameters<typeof label>[0], n: number) => `<div class="total ${cls}"><b>${n}</b>${esc(label(key, lang))}</div>`;
  const totals = r.withRegister
    ? [total('', 'organization', s.organizations), total('', 'expected', s.expected), total('good', 'present', s.present), total('bad', 'empty', s.empty), total('bad', 'missing', s.missing), total('warn', 'stale', s.stale)]
    : [total('', 'organization', s.organizations), total('', 'datasets', s.datasets), total('bad', 'empty', s.empty), total('warn', 'stale', s.stale)];
  if (r.checkedData) totals.push(total('bad', 'invalid', s.invalid ?? 0), total('', 'unchecked', s.unchecked ?? 0));
  const ranking = [...r.organizations].sort(compareActivity);
  const found = r.organizations.map((o) => findings(o, lang)).filter(Boolean);
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(label('title', lang))} · ${esc(r.generatedAt.slice(0, 10))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>${esc(label('title', lang))}</h1>
<p class="meta">${esc(label('portal', lang))}: ${esc(r.portal)} · ${esc(label('generatedAt', lang))}: ${esc(r.generatedAt)}</p>
<div class="totals">${totals.join('')}</div>
<p class="meta">${esc(summaryLine(r, lang))}${r.withRegister ? '' : `<br>${esc(label('noRegister', lang))}`}</p>
<h2>${esc(label('scorecards', lang))}</h2>
<div class="cards">${r.organizations.map((o) => card(o, r, lang)).join('\n')}</div>
<h2>${esc(label('perOrgTable', lang))}</h2>
${grid(r, lang)}
<h2>${esc(label('ranking', lang))}</h2>
<p class="meta">${esc(label('rankingNote', lang))}</p>
<ol class="rank">${ranking.map((o) => `<li>${esc(o.title)}: <b>${o.recentUpdates}</b> / ${o.datasets} (${esc(label('lastUpdate', lang))}: ${esc(day(o.lastUpdate, lang))})</li>`).join('')}</ol>
<h2>${esc(label('findings', lang))}</h2>
${found.length > 0 ? found.join('\n') : `<p>${esc(label('nothingToDo', lang))}</p>`}
<footer>${esc(fmt('satudata status · {at}', { at: r.generatedAt }))}</footer>
</main>
</body>
</html>
`;
}
