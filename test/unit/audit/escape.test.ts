import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { audit } from '../../../src/audit/audit.js';
import { csvCell, html, mdName, mdText, plain } from '../../../src/audit/render/escape.js';
import { renderHtml } from '../../../src/audit/render/html.js';
import { renderCsv, renderMarkdown, renderTable } from '../../../src/audit/render/text.js';
import type { PortalDataset, PortalSnapshot } from '../../../src/audit/types.js';

describe('csvCell: no spreadsheet formula from portal text (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil","klik")', `'=HYPERLINK("http://evil","klik")`],
    ['+cmd|" /C calc"!A0', `'+cmd|" /C calc"!A0`],
    ['-2+3+cmd|" /C calc"!A0', `'-2+3+cmd|" /C calc"!A0`],
    ['@SUM(1+1)*cmd|" /C calc"!A0', `'@SUM(1+1)*cmd|" /C calc"!A0`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
    ['  =1+1', `'  =1+1`],
    ['Dinas Kesehatan', 'Dinas Kesehatan'],
    ['jumlah-puskesmas', 'jumlah-puskesmas'],
    ['a = b', 'a = b'],
    ['', ''],
  ])('%j → %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
});

describe('plain: no terminal escape sequences from portal text', () => {
  it.each([
    ['\u001b[2J\u001b[31mmerah\u001b[0m', 'merah'],
    ['\u001b]8;;http://evil\u0007klik\u001b]8;;\u0007', 'klik'],
    ['\u001b]0;judul jendela\u001b\\teks', 'teks'],
    ['baris\nbaru\rdan\ttab', 'baris baru dan tab'],
    ['bel\u0007 del\u007f c1\u009b', 'bel del c1'],
    ['\u202eslx.exe', 'slx.exe'],
    ['Dinas Kesehatan — Kota Makassar', 'Dinas Kesehatan — Kota Makassar'],
  ])('%j → %j', (input, out) => {
    expect(plain(input)).toBe(out);
  });
});

describe('Markdown and HTML escaping', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['`kode` dan **tebal**', '\\`kode\\` dan \\*\\*tebal\\*\\*'],
    ['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)&gt;'],
    ['[klik](http://evil)', '\\[klik\\](http://evil)'],
    ['# judul', '\\# judul'],
  ])('mdText %j → %j', (input, out) => {
    expect(mdText(input)).toBe(out);
  });
  it('mdName keeps a slug as code and escapes anything else', () => {
    expect(mdName('dinas-kesehatan')).toBe('`dinas-kesehatan`');
    expect(mdName('x`</h3><script>')).toBe('x\\`&lt;/h3&gt;&lt;script&gt;');
  });
  it('html escapes markup and drops controls', () => {
    expect(html(`<script>alert("x")</script>'\u001b[31m`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;');
  });
});

/** A portal whose organization and dataset texts attack each report format. */
const EVIL_TITLE = '=HYPERLINK("http://evil","klik") | `x` <b>tebal</b> \u001b]8;;http://evil\u0007\u001b[31mmerah';
const EVIL_NAME = '-evil|`name`';
function hostile() {
  const d = (name: string, title: string): PortalDataset => ({ name, title, org: 'org-jahat', private: false, metadataModified: '2020-01-01T00:00:00', resources: [{}] });
  const snap: PortalSnapshot = {
    portal: 'https://p.example',
    organizations: [{ name: 'org-jahat', title: EVIL_TITLE }],
    datasets: [d(EVIL_NAME, EVIL_TITLE), d('@SUM(1)', 'x')],
    via: 'search',
    warnings: [],
  };
  return audit(snap, [{ org: 'org-jahat', dataset: 'yang-hilang', title: EVIL_TITLE, frequency: 'tahunan', rowNumber: 2 }], { now: new Date('2025-07-01T00:00:00Z') });
}

describe('every report format is safe with hostile portal text', () => {
  const r = hostile();
  it('CSV: no cell starts a formula', () => {
    const rows = parse(renderCsv(r)) as string[][];
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows[1]![1]).toMatch(/^'=HYPERLINK/);
    expect(rows[1]!.at(-1)).toBe(`'${EVIL_NAME} @SUM(1)`);
  });
  it('table: no escape character reaches the terminal', () => {
    const out = renderTable(r, 'id');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(out).toContain('merah');
    expect(out).toContain(`- Di luar daftar (2): ${EVIL_NAME}, @SUM(1)`);
  });
  it('Markdown: no raw HTML, no broken table or heading, no code span break-out', () => {
    const md = renderMarkdown(r, 'id');
    expect(md).not.toMatch(/<b>|<\/h3>|\u001b/);
    const heading = md.split('\n').find((l) => l.startsWith('### '))!;
    expect(heading).toBe('### =HYPERLINK("http://evil","klik") \\| \\`x\\` &lt;b&gt;tebal&lt;/b&gt; merah (`org-jahat`)');
    expect(md).toContain('-evil\\|\\`name\\`');
  });
  it('HTML: markup is text', () => {
    const page = renderHtml(r, 'id');
    expect(page).not.toContain('<b>tebal</b>');
    expect(page).toContain('&lt;b&gt;tebal&lt;/b&gt;');
    expect(page).not.toMatch(/\u001b/);
  });
});
