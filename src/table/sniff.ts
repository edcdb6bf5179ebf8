import { at } from '../invariant.js';
/**
 * Delimiter detection for CSV files whose dialect declares none. Like Python's csv.Sniffer (which
 * frictionless uses) it looks at the first lines, but it is simpler and deterministic: for each
 * candidate it counts occurrences outside quotes per record and picks the candidate whose count is
 * the same (and > 0) on the most records. Ragged files still get their delimiter as long as most
 * rows agree, which is kinder than frictionless' fallback to a one-column comma file.
 */

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * @param text the start of the decoded file (may end mid-record unless `complete`)
 * @param maxRecords how many records to look at (frictionless: 100 lines)
 * @returns the chosen delimiter, or undefined when no candidate splits the records consistently
 */
export function sniffDelimiter(
  text: string,
  quoteChar = '"',
  maxRecords = 100,
  complete = false,
  candidates: readonly string[] = DELIMITER_CANDIDATES,
): string | undefined {
  const counts = recordCounts(text, quoteChar, maxRecords, complete, candidates);
  if (counts.length === 0) return undefined;
  let best: string | undefined;
  let bestScore = 0;
  let bestMode = 0;
  candidates.forEach((cand, ci) => {
    const { mode, agree } = modeOf(counts.map((r) => at(r, ci)));
    if (mode === 0) return;
    // Agreement dominates; among equals prefer more columns, then the earlier candidate.
    const score = agree / counts.length;
    if (score > bestScore + 1e-9 || (Math.abs(score - bestScore) < 1e-9 && mode > bestMode)) {
      best = cand;
      bestScore = score;
      bestMode = mode;
    }
  });
  // A first record that splits into 3+ columns on one candidate and holds none of the winner is the
  // header: its delimiter wins when it splits at least half the records (a ";" inside values of a comma
  // table must not re-cut every row; a one-comma title row above a ";" table does not count).
  const head = at(counts, 0);
  const bi = best === undefined ? -1 : candidates.indexOf(best);
  if (bi >= 0 && head[bi] === 0) {
    const hi = head.findIndex((c, ci) => c >= 2 && modeOf(counts.map((r) => at(r, ci))).agree / counts.length >= 0.5);
    if (hi >= 0) return candidates[hi];
  }
  // A delimiter seen on only a few lines (e.g. a comma inside a title row) is not a table.
  return bestScore >= 0.5 ? best : undefined;
}

/** Per non-empty record, the count of each candidate outside quotes. */
function recordCounts(
  text: string,
  quoteChar: string,
  maxRecords: number,
  complete: boolean,
  candidates: readonly string[],
): number[][] {
  const qc = quoteChar ? quoteChar.charCodeAt(0) : -1;
  const codes = candidates.map((c) => c.charCodeAt(0));
  const out: number[][] = [];
  let cur = codes.map(() => 0);
  let inQuote = false;
  let nonEmpty = false;
  const n = text.length;
  for (let i = 0; i < n && out.length < maxRecords; i++) {
    const c = text.charCodeAt(i);
    if (c === qc) {
      inQuote = !inQuote; // a doubled quote toggles twice: no net change
      nonEmpty = true;
      continue;
    }
    if (inQuote) continue;
    if (c === 10 || c === 13) {
      if (nonEmpty) out.push(cur);
      cur = codes.map(() => 0);
      nonEmpty = false;
      continue;
    }
    nonEmpty = true;
    const k = codes.indexOf(c);
    if (k >= 0) cur[k] = at(cur, k) + 1;
  }
  // The last record is cut by the sample's end unless the sample is the whole file.
  if (complete && nonEmpty && !inQuote && out.length < maxRecords) out.push(cur);
  return out;
}

function modeOf(values: number[]): { mode: number; agree: number } {
  const freq = new Map<number, number>();
  for (const v of values) freq.set(v, (freq.get(v) ?? 0) + 1);
  let mode = 0;
  let agree = 0;
  for (const [v, f] of freq) {
    if (v > 0 && (f > agree || (f === agree && v > mode))) {
      mode = v;
      agree = f;
    }
  }
  return { mode, agree };
}
