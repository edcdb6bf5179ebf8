/**
 * Field names that keep the header checked. A validator (satudata, frictionless-py) compares each
 * header label with its field's `name`; when they differ it reports `incorrect-label`. So a field's
 * name is the label exactly as validators read it (multi-row labels joined with a space, merged-cell
 * residue NOT filled, trimmed), and the readable label describe builds (residue filled) is its
 * `title`. Then next year's file with two columns swapped fails validation instead of passing.
 *
 * A multi-row header whose validator labels are blank or repeat (merged cells: `2016`, `2017` under
 * `Mangga` and again under `Durian`) cannot be checked by any validator: those names would be
 * duplicates. Nor can one with an empty cell in a column under or over a filled one: frictionless-py
 * joins the empty part too (`" Agustus"`, `"2005 "`) while satudata skips it, so no single name
 * satisfies both. Only then is the header read by position (`header: false`), and describe says so.
 */
import type { Row } from '../table/types.js';
import { cellText } from '../validate/build-error.js';
import { joinLabels as validatorLabels } from '../validate/header.js';
import { safeName, uniqueNames } from './names.js';
import { at } from '../invariant.js';

export interface HeaderNaming {
  names: string[];
  /** Readable titles (undefined where the title would equal the name). */
  titles: Array<string | undefined>;
  /** The header row(s) are kept as the dialect's checked header. */
  checked: boolean;
  /** Labels (1-based columns) that validate will report as blank-label / duplicate-label. */
  blank: number[];
  duplicate: number[];
  /** Labels beyond the table's columns (extra-label), and columns without a label cell (missing-label). */
  extraLabels: number;
  missingLabels: number;
}

/** What validators will read as labels from these header rows (one per column, '' when none). */
export function fileLabels(headerRows: Row[]): string[] {
  return validatorLabels(headerRows.map((r) => r.cells), ' ').map((l) => l.replace(/\r?\n/g, ' '));
}

/** frictionless-py's labels: each cell stripped, then joined with " " even when a part is empty. */
export function flPyLabels(headerRows: Row[]): string[] {
  const labels: string[] = [];
  const prev = new Map<number, string>();
  for (const r of headerRows) {
    r.cells.forEach((c, i) => {
      const t = cellText(c).trim();
      if (prev.get(i) === t) return;
      prev.set(i, t);
      if (labels.length <= i) {
        while (labels.length < i) labels.push('');
        labels.push(t);
      } else labels[i] = `${labels[i]} ${t}`;
    });
  }
  return labels;
}

export function nameFields(headerRows: Row[], readable: string[], width: number): HeaderNaming {
  const none = (names: string[], checked: boolean): HeaderNaming => ({
    names, titles: readable.map((t, j) => (t && t !== names[j] ? t : undefined)), checked, blank: [], duplicate: [], extraLabels: 0, missingLabels: 0,
  });
  const safe = () => uniqueNames(readable.map((l, j) => safeName(l, j + 1)));
  if (headerRows.length === 0) return none(safe(), false);

  const labels = fileLabels(headerRows);
  const blank: number[] = [];
  const duplicate: number[] = [];
  const seen = new Set<string>();
  for (let j = 0; j < Math.min(width, labels.length); j++) {
    const l = at(labels, j);
    if (l === '') blank.push(j + 1);
    else if (seen.has(l)) duplicate.push(j + 1);
    seen.add(l);
  }
  // Several header rows with blank or repeated labels: merged cells no validator fills in.
  if (headerRows.length > 1) {
    const fl = flPyLabels(headerRows);
    const agree = labels.every((l, j) => j >= width || fl[j] === l);
    if (blank.length > 0 || duplicate.length > 0 || labels.length < width || !agree) return none(safe(), false);
  }

  // One header row: keep it checked. Blank or repeated labels are defects of the file that validate
  // reports (blank-label, duplicate-label); the fields still get usable names.
  const wanted = Array.from({ length: width }, (_, j) => {
    const l = labels[j] ?? '';
    return l !== '' && !duplicate.includes(j + 1) ? l : '';
  });
  const taken = new Set(wanted.filter((w) => w !== ''));
  const names: string[] = [];
  for (let j = 0; j < width; j++) {
    if (wanted[j] !== '') {
      names.push(at(wanted, j));
      continue;
    }
    const base = safeName(readable[j] ?? '', j + 1);
    let n = base;
    for (let k = 2; taken.has(n); k++) n = `${base}_${k}`;
    taken.add(n);
    names.push(n);
  }
  const titles = readable.map((t, j) => (t && t !== names[j] ? t : undefined));
  return {
    names, titles, checked: true, blank, duplicate,
    extraLabels: Math.max(0, labels.length - width),
    missingLabels: Math.max(0, width - labels.length),
  };
}
