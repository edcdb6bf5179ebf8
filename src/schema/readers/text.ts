/** string (default, email, uri, uuid, binary), boolean and any readers, fl-py's rules. */
import { domainToASCII } from 'node:url';
import type { Field } from '../types.js';
import { INVALID, smallStringIndex, type Reader } from './common.js';

// validators.email: one `@`, a dot-atom or quoted local part (<= 64 chars), a hostname domain.
const EMAIL_LOCAL = /^(?:[\u00A0-\u024F0-9a-z!#$%&'*+/=?^_`{}|~-]+(?:\.[\u00A0-\u024F0-9a-z!#$%&'*+/=?^_`{}|~-]+)*|"(?:[\u00A0-\u024F\x01-\x08\x0B\x0C\x0E-\x1F!#-[\]-\x7F]|\\[\x09.])*")$/i;
// validators.domain (0.36): IDNA-encoded first (an internationalised domain is valid), no `_`, and a
// last label of letters, digits and hyphens ending in a letter.
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z]$/i;
// rfc3986 with `require_presence_of("scheme")`: the rest of the reference is not checked by fl-py
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:/;
const HEX32 = /^[0-9a-fA-F]{32}$/;
const B64_KEEP = /[^A-Za-z0-9+/=]/g;

export function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  if (at < 0 || at !== s.lastIndexOf('@')) return false;
  const local = s.slice(0, at), domain = s.slice(at + 1);
  if (local.length > 64 || domain.length > 253 || !EMAIL_LOCAL.test(local) || /\s|__/.test(domain)) return false;
  const ascii = /^[\x00-\x7f]*$/.test(domain) ? domain : domainToASCII(domain);
  return ascii !== '' && ascii.replace(/\.$/, '').length <= 253 && EMAIL_DOMAIN.test(ascii);
}

/** Python's `uuid.UUID(text)`: optional `urn:`/`uuid:` prefix and braces, dashes anywhere, 32 hex digits. */
export function isUuid(s: string): boolean {
  const hex = s.replace('urn:', '').replace('uuid:', '').replace(/^\{+|\}+$/g, '').replace(/-/g, '');
  return HEX32.test(hex);
}

/** Python's non-validating `base64.b64decode`: other ASCII characters are dropped, padding must suffice. */
export function isBase64(s: string): boolean {
  if (/[^\x00-\x7f]/.test(s)) return false; // b64decode refuses a str with non-ASCII characters
  const kept = s.replace(B64_KEEP, '');
  const firstPad = kept.indexOf('=');
  const data = firstPad < 0 ? kept : kept.slice(0, firstPad);
  const pads = firstPad < 0 ? 0 : kept.length - firstPad;
  const rem = data.length % 4;
  return rem === 0 || (rem === 2 && pads >= 2) || (rem === 3 && pads >= 1);
}

export function stringReader(format: string): Reader {
  const test = format === 'email' ? isEmail : format === 'uri' ? (s: string) => URI.test(s)
    : format === 'uuid' ? isUuid : format === 'binary' ? isBase64 : undefined;
  if (test === undefined) {
    return (cell) => {
      if (typeof cell === 'string') return cell;
      // Decision: fl-py gives a type error for a number in a string field, but Excel users store
      // codes (kode wilayah, NIP) as numbers; the text Excel shows for a finite number is accepted.
      // Booleans and dates stay type errors: Excel's auto-conversion of "1-2" to a date is a real bug.
      if (typeof cell === 'number' && Number.isFinite(cell)) return String(cell);
      return INVALID;
    };
  }
  return (cell) => (typeof cell === 'string' && test(cell) ? cell : INVALID);
}

export function booleanReader(field: Field): Reader {
  const map = new Map<string, boolean>();
  const trues = Array.isArray(field.trueValues) ? field.trueValues : ['true', 'True', 'TRUE', '1'];
  const falses = Array.isArray(field.falseValues) ? field.falseValues : ['false', 'False', 'FALSE', '0'];
  for (const v of trues) map.set(String(v), true);
  for (const v of falses) map.set(String(v), false);
  const texts = [...map.keys()];
  const results = [...map.values()];
  const index = texts.length <= 64 ? smallStringIndex(texts) : undefined;
  return (cell) => {
    if (typeof cell === 'boolean') return cell;
    if (typeof cell === 'string') {
      if (index === undefined) return map.get(cell) ?? INVALID;
      return results[index(cell)] ?? INVALID;
    }
    // Decision: Excel users type 1/0 as numbers; map them through the same lists as their text
    // (fl-py refuses numeric cells here).
    if (typeof cell === 'number') return map.get(String(cell)) ?? INVALID;
    return INVALID;
  };
}

export function anyReader(): Reader {
  return (cell) => cell;
}
