/**
 * The sheet parser reads the common cell (`<c r="B7" s="1" t="s"><v>3</v></c>`) by a fast path and
 * everything else by the general path. Differential test: on generated sheets full of variants (namespace
 * prefixes, attribute order and quoting, entities, extra attributes, odd whitespace, empty values, signed
 * and decimal numbers, dates, inline strings, formulas, bad references), cut into chunks at random
 * places, both paths must give the same rows, merges and errors.
 */
import { describe, expect, it } from 'vitest';
import { SheetParser } from '../../../src/table/xlsx-sheet.js';
import type { Row } from '../../../src/table/types.js';

let seed = 20261206;
const rnd = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;

const sharedStrings = ['nama', 'Makassar', 'Jl. Ratulangi & Co', '', 'kebakaran', ...Array.from({ length: 195 }, (_, i) => `teks ${i}`)];
const dateStyles = [false, true, false, true];

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** One cell's XML in row `r`, column `c` (0-based), with prefix `p`. */
function cellXml(p: string, r: number, c: number): string {
  const q = pick(['"', '"', '"', "'"]);
  const ref =
    rnd(80) === 0
      ? pick([`${colName(c)}${r}x`, 'XFE1', 'A0', 'A99999999', 'XFD1']) // refused, or at the last column
      : pick([`${colName(c)}${r}`, `${colName(c)}${r}`, `${colName(c).toLowerCase()}${r}`, colName(c), '', `${r}`, `${colName(c)}&#${49 + (r % 9)};`, `${colName(c)}00${r}`]);
  const attrs: string[] = [];
  if (rnd(8)) attrs.push(`r=${q}${ref}${q}`);
  const kind = rnd(100) === 0 ? 'bad-s' : pick(['n', 'n', 'n', 's', 's', 'date', 'b', 'str', 'e', 'inline', 'formula', 'empty', 'self', 'tn']);
  let value = '';
  const v = (x: string): string => `<${p}v>${x}</${p}v>`;
  switch (kind) {
    case 'n':
    case 'tn':
      if (kind === 'tn') attrs.push(`t=${q}n${q}`);
      value = v(pick(['0', '7', '-3', '12.5', '-0.25', '.5', '5.', '1e3', '-1.5E-2', '123456789012345', '1234567890123456789', ' 42 ', '0x1A', 'abc', '&#49;2', '3181.56', '00.10', '-', '']));
      break;
    case 'date':
      attrs.push(`s=${q}${pick(['1', '3', '0', '2', '01', '', 's'])}${q}`);
      value = v(pick(['45292', '45292.5', '1', '60', '-1', 'x']));
      break;
    case 's':
      attrs.push(`t=${q}s${q}`);
      value = v(rnd(40) === 0 ? '&#50;' : pick(['0', '1', '2', '3', '4', '04', '', '9', '1.0', '199']));
      break;
    case 'bad-s':
      attrs.push(`t=${q}s${q}`);
      value = v('777');
      break;
    case 'b':
      attrs.push(`t=${q}b${q}`);
      value = v(pick(['1', '0', 'true']));
      break;
    case 'str':
      attrs.push(`t=${q}str${q}`);
      value = `<${p}f>A1&amp;"x"</${p}f>` + v(pick(['teks', 'a &lt; b', '']));
      break;
    case 'e':
      attrs.push(`t=${q}e${q}`);
      value = v('#N/A');
      break;
    case 'inline':
      attrs.push(`t=${q}inlineStr${q}`);
      value = `<${p}is><${p}t>sebaris &amp; lagi</${p}t></${p}is>`;
      break;
    case 'formula':
      value = `<${p}f>SUM(A1:A3)</${p}f>`;
      break;
    case 'empty':
      value = '';
      break;
  }
  if (rnd(10) === 0) attrs.push(pick([`s=${q}2${q}`, `cm=${q}1${q}`, `x14:foo=${q}a${q}`, `ph=${q}1${q}`, `vm=${q}a=b${q}`, q === '"' ? `x=" t='e'"` : `x=' t="e"'`, q === '"' ? `x=" r='Z9'"` : `x=' r="Z9"'`, `t=${q}s${q}`, `r=${q}Z9${q}`, `s=${q}&#49;${q}`, `t=${q}&#115;${q}`]));
  for (let i = attrs.length - 1; i > 0; i--) {
    const j = rnd(i + 1);
    [attrs[i], attrs[j]] = [attrs[j]!, attrs[i]!];
  }
  const sep = () => pick([' ', ' ', ' ', '  ', '\t', '\n', ' \r\n ']);
  let open = `<${p}c` + attrs.map((a) => sep() + (rnd(12) === 0 ? a.replace('=', ' = ') : a)).join('');
  if (rnd(10) === 0) open += sep();
  if (kind === 'self' || (kind === 'empty' && rnd(2))) return open + '/>';
  return `${open}>${value}</${p}c>` + (rnd(15) === 0 ? `<${p}v>9</${p}v>` : '');
}

function sheetXml(p: string): string {
  const ns = p ? ` xmlns:${p.slice(0, -1)}="http://schemas.openxmlformats.org/spreadsheetml/2006/main"` : ' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  let xml = `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet${ns}><${p}sheetData>`;
  const rows = 5 + rnd(20);
  for (let r = 1; r <= rows; r++) {
    if (rnd(10) === 0) continue; // a missing row
    if (rnd(12) === 0) {
      xml += pick([`<${p}row r="${r}"/>`, `<${p}row r="${r}" />`]);
      continue;
    }
    // Row tags: the plain form (read in place) and forms the general path reads (also bad numbers).
    const rowTag = rnd(300) === 0 ? pick(['r="0"', 'r="x"', 'r=""', 'r="99999999"', `r="${r}.5"`]) : pick([`r="${r}" spans="1:5"`, `r="${r}"`, `r="00${r}"`, `r='${r}'`, ` r="${r}"`, `r="${r}"\t`, `spans="1:5" r="${r}"`, `r = "${r}"`, `x:r="${r}"`, '']);
    xml += `<${p}row${rowTag ? ' ' + rowTag : ''}>`;
    const width = 1 + rnd(6);
    for (let c = 0; c < width; c++) {
      if (rnd(6) === 0) c++; // a gap
      xml += cellXml(p, r, c);
      if (rnd(20) === 0) xml += '<!-- komentar <c r="A1"><v>1</v></c> -->';
    }
    xml += `</${p}row>`;
  }
  xml += `</${p}sheetData><${p}mergeCells><${p}mergeCell ref="A1:B1"/></${p}mergeCells></${p}worksheet>`;
  return xml;
}

function parse(xml: string, generalOnly: boolean, cuts: number[]): { rows: Row[]; merges: string[] } | { error: string } {
  const parser = new SheetParser({ label: 'acak.xlsx', sheet: 'Data', sharedStrings, dateStyles, date1904: false, maxCellChars: 1000, generalOnly });
  const rows: Row[] = [];
  try {
    let from = 0;
    for (const at of [...cuts, xml.length]) {
      let more = parser.push(xml.slice(from, at), rows);
      while (more) more = parser.push('', rows, true);
      from = at;
    }
    parser.finish(rows);
  } catch (e) {
    return { error: (e as Error).message };
  }
  return { rows, merges: parser.merges };
}

describe('sheet parser: the fast path of common cells agrees with the general path', () => {
  it('on 600 generated sheets (with and without a namespace prefix), cut into chunks at random places', () => {
    let fastCells = 0;
    let errors = 0;
    for (let n = 0; n < 600; n++) {
      const p = n % 3 === 0 ? 'x:' : '';
      const xml = sheetXml(p);
      const cuts = Array.from({ length: rnd(4) }, () => rnd(xml.length)).sort((a, b) => a - b);
      const general = parse(xml, true, []);
      const fast = parse(xml, false, cuts);
      expect(fast).toEqual(general);
      if ('error' in general) errors++;
      else fastCells += general.rows.reduce((k, r) => k + r.cells.length, 0);
    }
    // The generator reaches both outcomes: sheets read to the end, and sheets refused.
    expect(fastCells).toBeGreaterThan(3000);
    expect(errors).toBeGreaterThan(20);
    expect(errors).toBeLessThan(400);
  });

  it('reads a plain sheet by the fast path with the values the general path gives', () => {
    const xml = sheetXml('').replace(/<sheetData>[^]*<\/sheetData>/, '<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>-12.5</v></c><c r="C1" s="1"><v>45292</v></c><c r="E1"><v>7</v></c></row></sheetData>');
    const fast = parse(xml, false, []);
    expect(fast).toEqual(parse(xml, true, []));
    expect('rows' in fast && fast.rows[0]!.cells).toEqual(['Makassar', -12.5, new Date(Date.UTC(2024, 0, 1)), null, 7]);
  });
});
