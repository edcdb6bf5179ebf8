import { LIMITS } from './table/limits.js';
import { msg } from './i18n.js';
/**
 * A cap on the nesting of JSON descriptors (datapackage.json, schemas, dialects, credentials): a file
 * nested thousands deep would overflow the stack of every recursive walk (checks, copies, writers).
 * Real descriptors stay far below (package → resources → schema → fields → constraints → jsonSchema).
 *
 * JSON text is checked before parsing by `jsonTooDeep` (src/table/limits.ts); this walk is for values
 * that arrive parsed (YAML configs, credentials).
 */
export const MAX_JSON_DEPTH = LIMITS.jsonDepth;

/** The nesting depth of a parsed JSON value, counted without recursion; stops once above `limit`. */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 0]];
  // YAML aliases share (or even cycle through) one object: visit each once, so 9 aliases of 9 aliases
  // of ... cost their number of objects, not their exponential expansion.
  const seen = new Set<object>();
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [v, d] = top;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (d + 1 > max) max = d + 1;
    if (max > limit) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

export function tooDeep(value: unknown, limit = MAX_JSON_DEPTH): boolean {
  return jsonDepth(value, limit) > limit;
}

export const tooDeepMessage = (file: string, lang: 'id' | 'en') =>
  msg(lang, 'json-depth.too_deep', { file, MAX_JSON_DEPTH });
