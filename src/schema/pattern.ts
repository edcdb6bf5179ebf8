/** Compiling a Table Schema `pattern`: whole-value match, `u` flag, ReDoS refusal. */
import { isCatastrophic } from './redos.js';

export type PatternResult = { ok: true; regex: RegExp } | { ok: false; note: string };

/**
 * `^(?:p)$` so an alternation is anchored as a whole (fl-py's `^p$` half-anchors `a|bc`).
 * The `u` flag is tried first; XML-Schema style escapes such as `\-` outside a class are
 * syntax errors under `u`, so a pattern valid without it is accepted that way.
 */
export function compilePattern(pattern: string): PatternResult {
  let regex: RegExp | undefined;
  let flags = 'u';
  for (const f of ['u', '']) {
    try {
      regex = new RegExp(`^(?:${pattern})$`, f);
      flags = f;
      break;
    } catch { /* try the next flag set */ }
  }
  if (regex === undefined) return { ok: false, note: `pattern "${pattern}" is not a valid regular expression` };
  if (isCatastrophic(pattern, flags)) return { ok: false, note: `pattern "${pattern}" may take exponential time; simplify it` };
  return { ok: true, regex };
}
