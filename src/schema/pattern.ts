/**
 * Compiling a Table Schema `pattern` (an XML Schema regular expression, implicitly anchored) on
 * satudata's linear-time engine (./regex): no pattern can hang the validator, and what the engine
 * cannot run is refused with a note that names the construct.
 */
import { mf, notes } from '../i18n.js';
import { compileRegex, PatternRefusal, type Flavor, type SafeRegex } from './regex/index.js';

export type PatternResult = { ok: true; regex: SafeRegex } | { ok: false; note: string; refusal: PatternRefusal };

const cache = new Map<string, PatternResult>();

const indonesian = new Map<string, string>();

/**
 * The note for a refused pattern, in English (the report's `note`, like every descriptor note);
 * the Bahasa Indonesia text is kept for `patternNoteId`.
 */
export function refusalNote(pattern: string, e: PatternRefusal, flavor: Flavor = 'xsd', field?: string): string {
  const subject = field === undefined ? mf('pattern.subject', { pattern }) : mf('pattern.subject_of_field', { pattern, field });
  const code = e.kind === 'syntax' ? 'pattern.syntax' : e.kind === 'too-large' ? 'pattern.too_large' : flavor === 'xsd' ? 'pattern.unsupported.xsd' : 'pattern.unsupported.ecma';
  const [note, noteId] = notes(code, { subject, detail: { en: e.detail, id: e.detailId } });
  if (indonesian.size > 1000) indonesian.clear();
  indonesian.set(note, noteId);
  return note;
}

/** Bahasa Indonesia for a note made by `refusalNote` (undefined for any other note). */
export function patternNoteId(note: string): string | undefined {
  return indonesian.get(note);
}

/**
 * `pattern` must match the whole value, and an alternation is anchored as a whole (fl-py's
 * `^p$` half-anchors `a|bc`). Results are cached: the descriptor check and the cell check compile
 * the same patterns.
 */
export function compilePattern(pattern: string): PatternResult {
  let r = cache.get(pattern);
  if (r) return r;
  try {
    r = { ok: true, regex: compileRegex(pattern, 'xsd') };
  } catch (e) {
    if (!(e instanceof PatternRefusal)) throw e;
    r = { ok: false, note: refusalNote(pattern, e), refusal: e };
  }
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, r);
  return r;
}

/** Thrown by `safeRegExp` (inside ajv's compile) for a refused JSON Schema pattern. */
export class RefusedPatternError extends Error {
  constructor(readonly pattern: string, readonly refusal: PatternRefusal) { super(refusalNote(pattern, refusal, 'ecma')); }
}

/**
 * ajv's `code.regExp` engine: JSON Schema `pattern` and `patternProperties` (ECMAScript syntax, a
 * match anywhere, as RegExp#test) run on the same linear-time engine.
 */
export const safeRegExp = Object.assign((pattern: string): SafeRegex => {
  try {
    return compileRegex(pattern, 'ecma');
  } catch (e) {
    if (e instanceof PatternRefusal) throw new RefusedPatternError(pattern, e);
    throw e;
  }
}, { code: 'satudataSafeRegExp' });
