/**
 * Indonesian month names, full and abbreviated. strptime's `%B`/`%b` only know English names, so a
 * standard validator cannot parse `31 Desember 2023`; describe turns such columns into strings with a
 * `pattern` (see dates.ts) and says why.
 */
export const MONTHS_ID: readonly string[] = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
];

/** Abbreviations seen in practice (several per month: `Agu`/`Agt`/`Ags`, `Sep`/`Sept`). */
export const MONTH_ABBREV_ID: ReadonlyArray<readonly string[]> = [
  ['Jan'], ['Feb', 'Peb'], ['Mar'], ['Apr'], ['Mei'], ['Jun'], ['Jul'], ['Agu', 'Agt', 'Ags', 'Agus'], ['Sep', 'Sept'], ['Okt'], ['Nov', 'Nop'], ['Des'],
];

const LOOKUP = new Map<string, number>();
MONTHS_ID.forEach((m, i) => LOOKUP.set(m.toLowerCase(), i + 1));
MONTH_ABBREV_ID.forEach((list, i) => list.forEach((a) => LOOKUP.set(a.toLowerCase(), i + 1)));
// Also accept `Des.` style abbreviations with a dot: handled by the caller stripping one trailing dot.

/** 1-12 for an Indonesian month name or abbreviation (any case, optional trailing dot), else undefined. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return LOOKUP.get(w);
}

/** Every spelling we accept, in title case, upper case and lower case, for a `pattern` constraint. */
export function monthAlternation(): string {
  const words = new Set<string>();
  const all = [...MONTHS_ID, ...MONTH_ABBREV_ID.flat()];
  // Longest first so that an alternation never stops at a prefix (`Agus` before `Agu`).
  for (const w of all.sort((a, b) => b.length - a.length)) {
    words.add(w);
    words.add(w.toUpperCase());
    words.add(w.toLowerCase());
  }
  return [...words].join('|');
}
