import { at } from '../invariant.js';
/**
 * Reading numbers the way Indonesian files write them. Two conventions compete:
 *   - `dot`:   decimal `.`, thousands `,`  (1,234,567.89; what pandas/English Excel write)
 *   - `comma`: decimal `,`, thousands `.`  (1.234.567,89; what id-ID Excel and officers write)
 * Every value is read under both; a column keeps the conventions that read all of its values.
 */

export type Convention = 'dot' | 'comma';

/** How one value reads under one convention (undefined: it does not read). */
export interface NumberReading {
  /** Thousands separators were used. */
  grouped: boolean;
  /** A fractional part was written. */
  fraction: boolean;
  /** The written fraction is all zeros (`2014.0`, `1.500.000,00`). */
  zeroFraction: boolean;
}

export interface NumberShape {
  dot?: NumberReading;
  comma?: NumberReading;
  /** `Rp`, `%` or similar text around the number: needs `bareNumber: false`. */
  affix: boolean;
  /** The value is only digits (with an optional sign): reads the same under both conventions. */
  plain: boolean;
  /** Leading zero on a whole number (`007`): a code, not a quantity. */
  leadingZero: boolean;
}

// Built once: the lexical forms of each convention. A grouped number starts with 1-9 so that
// `0.123` is never read as thousands.
const CORE: Record<Convention, RegExp> = {
  // `.241` (no leading zero, as some exports write fractions) reads as 0.241 under the dot convention.
  dot: /^[+-]?(?:(\d+)|([1-9]\d{0,2}(?:,\d{3})+)|(?=\.\d))(?:\.(\d+))?$/,
  comma: /^[+-]?(?:(\d+)|([1-9]\d{0,2}(?:\.\d{3})+))(?:,(\d+))?$/,
};

/** `Rp`, `Rp.`, `IDR` before; `%` after. Spaces between allowed. */
const AFFIX = /^(?:(?:Rp\.?|IDR)\s*)?(.*?)(?:\s*%)?$/i;

function readAs(core: string, conv: Convention): NumberReading | undefined {
  const m = CORE[conv].exec(core);
  if (!m) return undefined;
  const fractionText = m[3];
  return {
    grouped: m[2] !== undefined,
    fraction: fractionText !== undefined,
    zeroFraction: fractionText !== undefined && /^0+$/.test(fractionText),
  };
}

/** Shape of a text value as a number, or undefined when it is not a number in any convention. */
export function numberShape(text: string): NumberShape | undefined {
  const trimmed = text.trim();
  if (trimmed === '' || !/\d/.test(trimmed)) return undefined;
  const am = AFFIX.exec(trimmed);
  const core = am ? at(am, 1) : trimmed;
  const affix = core !== trimmed;
  const dot = readAs(core, 'dot');
  const comma = readAs(core, 'comma');
  if (!dot && !comma) return undefined;
  const plain = /^[+-]?\d+$/.test(core);
  return { dot, comma, affix, plain, leadingZero: plain && /^[+-]?0\d/.test(core) };
}

/** Per-convention tally over a column. */
export interface ConventionTally {
  /** Values this convention reads. */
  ok: number;
  /** Values it does not read, with their first rows. */
  failed: number;
  failedRows: number[];
  grouped: boolean;
  fraction: boolean;
  /** Every written fraction is zero. */
  allZeroFraction: boolean;
}

export function newConventionTally(): ConventionTally {
  return { ok: 0, failed: 0, failedRows: [], grouped: false, fraction: false, allZeroFraction: true };
}

export function addReading(t: ConventionTally, r: NumberReading | undefined, rowNumber: number): void {
  if (!r) {
    t.failed++;
    if (t.failedRows.length < 10) t.failedRows.push(rowNumber);
    return;
  }
  t.ok++;
  if (r.grouped) t.grouped = true;
  if (r.fraction) {
    t.fraction = true;
    if (!r.zeroFraction) t.allZeroFraction = false;
  }
}
