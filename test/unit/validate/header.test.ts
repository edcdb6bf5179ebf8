import { describe, expect, it } from 'vitest';
import { decideLayout, isCommentRow, joinLabels } from '../../../src/validate/header.js';
import { namesFromLabels } from '../../../src/validate/infer.js';

const rows = (...widths: number[]) => widths.map((w, i) => ({ rowNumber: i + 1, cells: Array.from({ length: w }, (_, k) => `c${k}`) }));

describe('decideLayout', () => {
  it.each([
    ['declared headerRows win', { headerRows: [3] }, rows(1, 5, 5), false, [3]],
    ['header false means no header', { header: false }, rows(5, 5), false, []],
    ['a short title line above a wide table is skipped (frictionless heuristic)', {}, rows(1, 5, 5, 5, 5), false, [2]],
    ['row 1 when every row has the same width', {}, rows(4, 4, 4), false, [1]],
    ['spreadsheets are padded: always the first row', {}, rows(1, 5, 5, 5), true, [1]],
    // differential seed 60614: average width 0.5 rounds to 0 in Python (halves to even), so row 2 (empty) is the header
    ['Python rounding of the average width (0.5 -> 0)', {}, rows(2, 0, 0, 1, 0, 0), false, [2]],
    ['Python rounding of the average width (2.5 -> 2)', {}, rows(4, 2, 2, 2), false, [2]],
  ])('%s', (_name, dialect, sample, padded, expected) => {
    expect(decideLayout(dialect, sample, padded).headerRows).toEqual(expected);
  });

  it('skips comment rows when looking for the header', () => {
    const sample = [{ rowNumber: 1, cells: ['# catatan', 'x', 'y'] }, { rowNumber: 2, cells: ['a', 'b', 'c'] }];
    const layout = decideLayout({ commentChar: '#' }, sample, false);
    expect(layout.headerRows).toEqual([2]);
    expect(isCommentRow(layout, 1, sample[0]!.cells)).toBe(true);
    expect(isCommentRow(layout, 2, sample[1]!.cells)).toBe(false);
  });

  it('commentRows are skipped by number', () => {
    const layout = decideLayout({ commentRows: [4] }, rows(3, 3, 3, 3), false);
    expect(isCommentRow(layout, 4, ['x'])).toBe(true);
    expect(isCommentRow(layout, 3, ['x'])).toBe(false);
  });
});

describe('joinLabels', () => {
  it.each([
    ['trims labels', [[' umur ', 'nama']], ' ', ['umur', 'nama']],
    ['joins multi-row headers', [['Jumlah', 'Jumlah'], ['L', 'P']], ' ', ['Jumlah L', 'Jumlah P']],
    ['does not repeat a merged cell', [['Penduduk', 'Penduduk'], ['Penduduk', 'Total']], ' ', ['Penduduk', 'Penduduk Total']],
    ['custom headerJoin', [['a'], ['b']], '_', ['a_b']],
    ['stringifies numbers', [[2023, null]], ' ', ['2023', '']],
  ] as const)('%s', (_n, header, join, expected) => {
    expect(joinLabels(header as never, join)).toEqual(expected);
  });
});

describe('namesFromLabels', () => {
  it('names blank labels field<N> and numbers duplicates like frictionless', () => {
    expect(namesFromLabels(['nama', '', 'nama', 'nama'], 4)).toEqual(['nama', 'field2', 'nama2', 'nama3']);
  });
});
