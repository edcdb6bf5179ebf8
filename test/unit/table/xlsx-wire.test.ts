/**
 * Rows between the sheet thread and the main thread: every kind of cell survives the typed-array
 * round trip exactly (shared strings as their index, dates as their time, faults with their text).
 */
import { describe, expect, it } from 'vitest';
import { CellFault, type Cell, type Row } from '../../../src/table/types.js';
import { decodeBatch, encodeBatch, SharedRef, sharedRefs, transferList } from '../../../src/table/xlsx-wire.js';

const sst = ['Makassar', 'Gowa', ''];
const ref = (i: number) => new SharedRef(i) as unknown as Cell;

describe('xlsx wire: encode → decode', () => {
  const cases: Array<[string, Cell[], Cell[]]> = [
    ['numbers (integers, decimals, -0, large, infinite)', [1, -2.5, -0, 1e300, Infinity, 0.1 + 0.2], [1, -2.5, -0, 1e300, Infinity, 0.1 + 0.2]],
    ['shared strings by index (also the empty one)', [ref(1), ref(0), ref(2)], ['Gowa', 'Makassar', '']],
    ['inline strings and gaps', ['Jl. Ratulangi', null, 'x', null], ['Jl. Ratulangi', null, 'x', null]],
    ['booleans', [true, false], [true, false]],
    ['dates (and an invalid one)', [new Date(Date.UTC(2024, 0, 1)), new Date(NaN)], [new Date(Date.UTC(2024, 0, 1)), new Date(NaN)]],
    ['faults', [new CellFault('excel-error', '#N/A'), new CellFault('formula-without-value', 'A1*2')], [new CellFault('excel-error', '#N/A'), new CellFault('formula-without-value', 'A1*2')]],
    ['an empty row', [], []],
  ];
  it.each(cases)('%s', (_name, cells, expected) => {
    const rows: Row[] = [{ rowNumber: 7, cells }, { rowNumber: 9, cells: [ref(0), 3] }];
    const back = decodeBatch(encodeBatch(rows), sst);
    expect(back).toEqual([{ rowNumber: 7, cells: expected }, { rowNumber: 9, cells: ['Makassar', 3] }]);
    expect(back[0]!.cells).toHaveLength(expected.length);
    if (expected.length && Object.is(expected[2], -0)) expect(Object.is(back[0]!.cells[2], -0)).toBe(true);
  });

  it('sends typed arrays (transferred) and the shared strings as tokens the parser passes through', () => {
    const b = encodeBatch([{ rowNumber: 1, cells: [ref(2), 'teks', 4] }]);
    expect(transferList(b)).toHaveLength(4);
    expect(b.texts).toEqual(['teks']);
    expect(Array.from(b.values)).toEqual([2, 0, 4]);
    const refs = sharedRefs(3) as unknown[];
    expect(refs).toHaveLength(3);
    expect(refs[2]).toEqual(new SharedRef(2));
  });

  it('refuses a cell of an unknown kind (a bug, not data)', () => {
    expect(() => encodeBatch([{ rowNumber: 1, cells: [{} as unknown as Cell] }])).toThrow(/invariant broken/);
  });
});
