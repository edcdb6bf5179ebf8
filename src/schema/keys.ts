/**
 * Canonical keys: equal logical values give equal keys, across fields of different declared
 * types, so the engine can use plain Sets/Maps for unique, primary, unique and foreign keys.
 * Strings are their own key (the hot path allocates nothing); every other kind carries a
 * `\u0001`+letter prefix so that the string "3" and the number 3 stay different, as in fl-py.
 */

/** Stable JSON (sorted object keys): Python dicts compare equal regardless of key order. */
export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(stableJson).join(',') + ']';
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + stableJson(o[k])).join(',') + '}';
  }
  if (v instanceof Date) return JSON.stringify(dateText(v));
  return JSON.stringify(v) ?? 'null';
}

/** A workbook Date as ISO text: a date at midnight, otherwise a naive datetime (as the date/datetime readers give). */
function dateText(d: Date): string {
  const iso = d.toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23) + '000';
}

export const NUMBER_PREFIX = '\u0001n';
export const TEMPORAL_PREFIX = '\u0001t';
export const DURATION_PREFIX = '\u0001p';

/** Key of a value of unknown kind (used by `any` fields and as the fallback). */
export function keyOf(v: unknown): string {
  switch (typeof v) {
    case 'string': return v;
    case 'number': return NUMBER_PREFIX + (Number.isNaN(v) ? 'NaN' : String(v));
    case 'bigint': return NUMBER_PREFIX + String(v);
    case 'boolean': return v ? '\u0001b1' : '\u0001b0';
    default:
      if (v === null || v === undefined) return '\u0001z';
      if (v instanceof Date) return TEMPORAL_PREFIX + dateText(v);
      return '\u0001j' + stableJson(v);
  }
}

/** The key function for a field type: temporal and duration values are canonical strings. */
export function keyFunction(type: string): (v: unknown) => string {
  switch (type) {
    case 'date': case 'time': case 'datetime': case 'yearmonth':
      return (v) => (typeof v === 'string' ? TEMPORAL_PREFIX + v : keyOf(v));
    case 'duration':
      return (v) => (typeof v === 'string' ? DURATION_PREFIX + v : keyOf(v));
    default:
      return keyOf;
  }
}
