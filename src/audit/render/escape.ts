/**
 * Portal text is untrusted: a dataset title can hold terminal escape sequences, spreadsheet formulas,
 * Markdown or HTML. Every renderer passes portal text through one of these before it reaches a reader.
 */

// CSI (ESC [ … final) and OSC (ESC ] … BEL or ST) sequences are removed whole, so no "[31m" debris stays.
const CSI = /\u001b\[[0-?]*[ -/]*[@-~]/g;
const OSC = /\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g;
// C0 and C1 controls, DEL, and the bidirectional overrides/isolates that reorder what a reader sees.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe for a terminal or a plain-text file: escape sequences dropped, other controls become spaces. */
export function plain(s: string): string {
  return s.replace(CSI, '').replace(OSC, '').replace(CONTROL, (c) => (c === '\t' || c === '\n' || c === '\r' ? ' ' : ''));
}

/**
 * A spreadsheet cell that cannot run as a formula (OWASP "CSV injection"): a cell starting with
 * `=`, `+`, `-`, `@`, tab or CR, possibly after spaces, is prefixed with `'`, which spreadsheets show
 * as text. Controls are removed first (CR/LF inside a cell would still be quoted by the CSV writer).
 */
export function csvCell(s: string): string {
  const text = s.replace(CSI, '').replace(OSC, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
  return /^[\s]*[=+\-@\t\r]/.test(text) || /^[\t\r]/.test(s) ? `'${text}` : text;
}

/** Markdown inline text: no HTML, no emphasis, links, code spans or table breaks from portal text. */
export function mdText(s: string): string {
  return plain(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|~#])/g, '\\$1');
}

/** A CKAN name as a code span when it is a plain slug; anything else is escaped text. */
export function mdName(s: string): string {
  return /^[a-z0-9_.-]+$/i.test(s) ? `\`${s}\`` : mdText(s);
}

/** HTML text and attribute values. */
export function html(s: string | number): string {
  return plain(String(s)).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
