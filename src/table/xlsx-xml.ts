/**
 * Small helpers for scanning the XML parts of an .xlsx without a DOM: entity decoding (only the five
 * predefined entities and character references; DTDs are refused so no entity can expand), attribute
 * lookup, and UTF-8 decoding of streamed chunks.
 */
import { utf8CompleteLength } from './encoding.js';
import { TableSourceError } from './types.js';
import { notes } from '../i18n.js';

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode `&lt;`, `&#10;`, `&#x41;` ... in text or attribute values. */
export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, ref: string) => {
    if (ref[0] === '#') {
      const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return NAMED[ref] ?? m;
  });
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (e.g. `_x000D_` for CR) in strings. */
export function decodeOoxmlEscapes(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The value of attribute `name` inside one tag's text (`<c r="A1" t="s">`), decoded. */
export function attr(tag: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const k = tag.indexOf(name, from);
    if (k < 0) return undefined;
    from = k + name.length;
    const before = tag.charCodeAt(k - 1);
    // Must be a whole attribute name: preceded by whitespace (or a prefix colon), followed by `=`.
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13 && before !== 58) continue;
    let p = from;
    while (tag.charCodeAt(p) === 32) p++;
    if (tag.charCodeAt(p) !== 61) continue; // '='
    p++;
    while (tag.charCodeAt(p) === 32) p++;
    const quote = tag[p];
    if (quote !== '"' && quote !== "'") continue;
    const end = tag.indexOf(quote, p + 1);
    if (end < 0) return undefined;
    return decodeXml(tag.slice(p + 1, end));
  }
}

/** All start/empty tags named `local` (any namespace prefix), as their raw text. */
export function tagsNamed(xml: string, local: string): string[] {
  const re = new RegExp(`<(?:[A-Za-z_][\\w.-]*:)?${local}(?=[\\s/>])[^>]*>`, 'g');
  return xml.match(re) ?? [];
}

/** Refuse DTDs: no DOCTYPE, no ENTITY, so "billion laughs" expansion cannot happen. */
export function refuseDtd(text: string, label: string, part: string): void {
  const k = text.indexOf('<!');
  if (k < 0) return;
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) {
    throw new TableSourceError('format-error', ...notes('source.xlsx.part_doctype', { label, part }));
  }
}

/**
 * The namespace prefix (`x:` or '') used by a part's root element, e.g. `<x:worksheet`;
 * undefined while the root tag has not arrived yet.
 */
export function rootPrefix(text: string, rootLocal: string): string | undefined {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${rootLocal}[\\s>]`).exec(text);
  return m ? (m[1] ?? '') : undefined;
}

/** Decodes streamed UTF-8 chunks, keeping a cut-off character for the next chunk. */
export class Utf8Chunks {
  private carry: Buffer | undefined;
  decode(chunk: Buffer): string {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const end = utf8CompleteLength(data);
    this.carry = end < data.length ? Buffer.from(data.subarray(end)) : undefined;
    return data.toString('utf8', 0, end);
  }
}

/** Throws when `s[from, to)` holds a DTD (`<!DOCTYPE`, `<!ENTITY`): no entity of a sheet may expand. */
export function refuseDtdIn(s: string, from: number, to: number, where: { label: string; sheet: string }): void {
  const k = s.indexOf('<!', from);
  if (k < 0 || k >= to) return;
  const word = s.slice(k + 2, k + 9).toUpperCase();
  if (word.startsWith('DOCTYPE') || word.startsWith('ENTITY')) {
    throw new TableSourceError('format-error', ...notes('source.xlsx.sheet_doctype', { label: where.label, sheet: where.sheet }));
  }
}
