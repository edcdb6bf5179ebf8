/**
 * Missing-value markers. Validators compare the raw cell with the markers exactly (no trimming,
 * case-sensitive; README §2.3), so we only collect markers written exactly as listed here.
 */

/** Markers Indonesian government files use for "no data". `0` is never one unless the user says so. */
export const KNOWN_MISSING_MARKERS: readonly string[] = ['-', '--', '---', 'NA', 'N/A', 'n/a', 'na', '#N/A', 'null', 'NULL', 'tidak ada data', '…', '...'];

const KNOWN = new Set(KNOWN_MISSING_MARKERS);

/** True when `raw` is a known marker or one of the user's extra markers. */
export function isMissingMarker(raw: string, extra: ReadonlySet<string>): boolean {
  return KNOWN.has(raw) || extra.has(raw);
}

/**
 * The schema-level `missingValues` list: `""` first (the default), then the markers actually seen,
 * in a stable order (known markers first, in list order, then user markers).
 */
export function missingValuesList(seen: ReadonlySet<string>, extra: readonly string[]): string[] {
  const out = [''];
  for (const m of KNOWN_MISSING_MARKERS) if (seen.has(m)) out.push(m);
  // The user asked for these markers: keep them even if this file does not use them (yet).
  for (const m of extra) if (m !== '' && !out.includes(m)) out.push(m);
  return out;
}
