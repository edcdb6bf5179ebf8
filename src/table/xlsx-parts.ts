/**
 * The small parts of an .xlsx read before the sheet: the workbook (sheet names, order, date
 * system), the relationships that map sheets to their XML parts, the styles (which cell formats
 * are dates), and the shared strings table.
 */
import { posix } from 'node:path';
import { LIMITS } from './limits.js';
import { TableSourceError } from './types.js';
import { isBuiltinDateId, isDateFormatCode } from './xlsx-dates.js';
import { attr, decodeOoxmlEscapes, decodeXml, refuseDtd, rootPrefix, tagsNamed, Utf8Chunks } from './xlsx-xml.js';
import type { ZipReader } from './zip.js';
import { mf, notes, type Msg } from '../i18n.js';

export interface SheetInfo {
  name: string;
  /** Zip entry of the sheet part, e.g. `xl/worksheets/sheet1.xml`. */
  part: string | undefined;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  /** Zip entry of the workbook part (usually `xl/workbook.xml`). */
  part: string;
  relsOf: Map<string, string>;
}

async function readXml(zip: ZipReader, part: string, label: string): Promise<string> {
  const text = (await zip.readAll(part, LIMITS.xmlPartBytes)).toString('utf8');
  refuseDtd(text, label, part);
  return text;
}

/** Targets of a part's relationships by Id, resolved to zip entry names. */
async function readRels(zip: ZipReader, part: string, label: string): Promise<Map<string, { type: string; target: string }>> {
  const dir = posix.dirname(part);
  const relsPart = posix.join(dir, '_rels', `${posix.basename(part)}.rels`);
  const out = new Map<string, { type: string; target: string }>();
  if (!zip.has(relsPart)) return out;
  const xml = await readXml(zip, relsPart, label);
  for (const tag of tagsNamed(xml, 'Relationship')) {
    const id = attr(tag, 'Id');
    const target = attr(tag, 'Target');
    if (!id || !target || attr(tag, 'TargetMode') === 'External') continue;
    const resolved = target.startsWith('/') ? target.slice(1) : posix.normalize(posix.join(dir, target));
    out.set(id, { type: attr(tag, 'Type') ?? '', target: resolved });
  }
  return out;
}

export async function readWorkbook(zip: ZipReader, label: string): Promise<WorkbookInfo> {
  const rootRels = await readRels(zip, '', label);
  let part = 'xl/workbook.xml';
  for (const r of rootRels.values()) if (r.type.endsWith('/officeDocument')) part = r.target;
  if (!zip.has(part)) {
    throw new TableSourceError('format-error', ...notes('source.xlsx.not_a_workbook', { label, part }));
  }
  const xml = await readXml(zip, part, label);
  const rels = await readRels(zip, part, label);
  const pr = tagsNamed(xml, 'workbookPr')[0];
  const d1904 = pr ? attr(pr, 'date1904') : undefined;
  const sheets: SheetInfo[] = tagsNamed(xml, 'sheet').map((tag) => {
    const rid = attr(tag, 'r:id') ?? attr(tag, 'id');
    const rel = rid ? rels.get(rid) : undefined;
    const state = attr(tag, 'state');
    return {
      name: attr(tag, 'name') ?? '',
      part: rel && rel.type.endsWith('/worksheet') ? rel.target : undefined,
      hidden: state === 'hidden' || state === 'veryHidden',
    };
  });
  const relsOf = new Map<string, string>();
  for (const r of rels.values()) relsOf.set(r.type.slice(r.type.lastIndexOf('/') + 1), r.target);
  return { sheets, date1904: d1904 === '1' || d1904 === 'true', part, relsOf };
}

/** For each cell style index (`s` attribute), whether its number format is a date. */
export async function readDateStyles(zip: ZipReader, wb: WorkbookInfo, label: string): Promise<boolean[]> {
  const part = wb.relsOf.get('styles') ?? 'xl/styles.xml';
  if (!zip.has(part)) return [];
  const xml = await readXml(zip, part, label);
  const custom = new Map<number, boolean>();
  for (const tag of tagsNamed(xml, 'numFmt')) {
    const id = Number(attr(tag, 'numFmtId'));
    custom.set(id, isDateFormatCode(attr(tag, 'formatCode') ?? ''));
  }
  const start = xml.search(/<(?:\w+:)?cellXfs[\s>]/);
  const end = xml.search(/<\/(?:\w+:)?cellXfs>/);
  if (start < 0 || end < 0) return [];
  return tagsNamed(xml.slice(start, end), 'xf').map((tag) => {
    const id = Number(attr(tag, 'numFmtId') ?? 0);
    return custom.get(id) ?? isBuiltinDateId(id);
  });
}

/**
 * Characters of XML one cell or string item may take: twice its text limit (escapes, rich-text runs),
 * plus 1 MiB. Excel itself never writes a cell of more than 32,767 characters.
 */
export function maxItemXmlChars(maxCellChars: number): number {
  return Math.min(maxCellChars * 2 + (1 << 20), Number.MAX_SAFE_INTEGER);
}

/** A pending item shorter than this is re-scanned with every chunk (cheap); a longer one waits for more. */
export const HOLD_FROM = 1 << 16;

/**
 * The shared strings table, streamed item by item (rich text runs joined, phonetic runs dropped).
 * Bounded by LIMITS: strings, characters of text, characters of XML, and one item's size; a long item is
 * re-scanned only when the text after it has doubled (a 400 MB string took 44 s to refuse).
 */
export async function readSharedStrings(zip: ZipReader, wb: WorkbookInfo, label: string, maxCellChars: number): Promise<string[]> {
  const part = wb.relsOf.get('sharedStrings') ?? 'xl/sharedStrings.xml';
  if (!zip.has(part)) return [];
  const out: string[] = [];
  const dec = new Utf8Chunks();
  const maxItemXml = maxItemXmlChars(maxCellChars);
  const maxXml = LIMITS.sharedStringChars * 2;
  let buf = '';
  let held: string[] = [];
  let heldChars = 0;
  let xmlChars = 0;
  let textChars = 0;
  let prefix: string | undefined;
  let first = true;
  for await (const chunk of zip.stream(part)) {
    const piece = dec.decode(chunk);
    xmlChars += piece.length;
    if (xmlChars > maxXml) throw sstLimit(label, mf('source.xlsx.sst.xml_chars', { max: maxXml }));
    if (buf.length >= HOLD_FROM) {
      held.push(piece);
      heldChars += piece.length;
      if (heldChars < buf.length && buf.length + heldChars <= maxItemXml) continue;
      buf += held.join('');
      held = [];
      heldChars = 0;
    } else buf += piece;
    if (first) {
      refuseDtd(buf, label, part);
      first = false;
    }
    prefix ??= rootPrefix(buf, 'sst');
    if (prefix === undefined) {
      if (buf.length > 1 << 20) {
        throw new TableSourceError('format-error', ...notes('source.xlsx.not_shared_strings', { label, part }));
      }
      continue;
    }
    const open = `<${prefix}si`;
    const close = `</${prefix}si>`;
    let i = 0;
    for (;;) {
      const s = buf.indexOf(open, i);
      if (s < 0) break;
      const gt = buf.indexOf('>', s);
      if (gt < 0) break;
      let text = '';
      if (buf.charCodeAt(gt - 1) === 47) {
        i = gt + 1; // <si/>
      } else {
        const e = buf.indexOf(close, gt);
        if (e < 0) break;
        text = itemText(buf.slice(gt + 1, e), prefix);
        if (text.length > maxCellChars) throw tooLarge(label, out.length, maxCellChars);
        i = e + close.length;
      }
      if (out.length >= LIMITS.sharedStrings) {
        throw sstLimit(label, mf('source.xlsx.sst.strings', { max: LIMITS.sharedStrings }));
      }
      textChars += text.length;
      if (textChars > LIMITS.sharedStringChars) {
        throw sstLimit(label, mf('source.xlsx.sst.text_chars', { max: LIMITS.sharedStringChars }));
      }
      out.push(text);
    }
    buf = buf.slice(i); // at most one incomplete item
    if (buf.length > maxItemXml) throw tooLarge(label, out.length, maxCellChars);
  }
  return out;
}

/**
 * The item without its phonetic runs (`<rPh …>…</rPh>`), in one pass: a lazy regex would rescan the rest
 * of the item from every unclosed `<rPh>` (quadratic on a hostile shared string). An `<rPh>` that is
 * never closed runs to the end of the item.
 */
export function withoutPhonetic(s: string, prefix: string): string {
  const open = `<${prefix}rPh`;
  const close = `</${prefix}rPh>`;
  let out = '';
  let i = 0;
  for (;;) {
    const k = s.indexOf(open, i);
    if (k < 0) return out + s.slice(i);
    const next = s.charCodeAt(k + open.length);
    if (next !== 62 && next !== 32 && next !== 9 && next !== 10 && next !== 13) {
      out += s.slice(i, k + open.length); // another tag starting with rPh
      i = k + open.length;
      continue;
    }
    out += s.slice(i, k);
    const end = s.indexOf(close, k);
    if (end < 0) return out;
    i = end + close.length;
  }
}

/** Text of a string item: every `<t>` outside phonetic runs (`<rPh>`), joined. */
export function itemText(inner: string, prefix: string): string {
  let s = inner;
  if (s.indexOf('rPh') >= 0) s = withoutPhonetic(s, prefix);
  const open = `<${prefix}t`;
  const close = `</${prefix}t>`;
  let out = '';
  let i = 0;
  for (;;) {
    const k = s.indexOf(open, i);
    if (k < 0) break;
    const after = s.charCodeAt(k + open.length);
    const gt = s.indexOf('>', k);
    if (gt < 0) break;
    if (after !== 62 && after !== 32 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
      i = k + open.length; // another tag starting with t
      continue;
    }
    if (s.charCodeAt(gt - 1) === 47) {
      i = gt + 1; // <t/>
      continue;
    }
    const e = s.indexOf(close, gt);
    if (e < 0) break;
    out += s.slice(gt + 1, e);
    i = e + close.length;
  }
  return decodeOoxmlEscapes(decodeXml(out));
}

function tooLarge(label: string, index: number, max: number): TableSourceError {
  return new TableSourceError('format-error', ...notes('source.xlsx.shared_string_too_long', { label, index, max }));
}

function sstLimit(label: string, what: Msg): TableSourceError {
  return new TableSourceError('format-error', ...notes('source.xlsx.shared_strings_too_large', { label, what }));
}
