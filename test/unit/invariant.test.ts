import { describe, expect, it } from 'vitest';
import { at, defined } from '../../src/invariant.js';

describe('at', () => {
  it.each([
    [['a', 'b', 'c'], 0, 'a'],
    [['a', 'b', 'c'], 2, 'c'],
    [[0, 1], 0, 0], // falsy values are elements too
    [['', 'x'], 0, ''],
    [[false], 0, false],
    [[null, 1], 0, null], // null is a value; only a missing element fails
    ['héllo', 1, 'é'],
  ] as Array<[ArrayLike<unknown>, number, unknown]>)('%j[%i] → %j', (items, i, want) => {
    expect(at(items as ArrayLike<{} | null>, i)).toBe(want);
  });

  it('reads typed arrays and regex groups', () => {
    expect(at(new Int32Array([7, 8]), 1)).toBe(8);
    const m = /^(\d+)-(\d+)$/.exec('12-34');
    expect(m && at(m, 2)).toBe('34');
  });

  it.each([
    [[], 0],
    [['a'], 1],
    [['a'], -1],
    [[1, 2, 3], 3.5],
    [[1, , 3], 1], // a hole
  ] as Array<[number[], number]>)('refuses %j[%d] with an error naming the index', (items, i) => {
    expect(() => at(items, i)).toThrow(`invariant broken: no element at index ${i} (length ${items.length})`);
  });

  it('refuses an unmatched optional regex group', () => {
    const m = /^(\d+)(?:-(\d+))?$/.exec('12');
    expect(m).not.toBeNull();
    expect(() => at(m!, 2)).toThrow(/no element at index 2/);
  });
});

describe('defined', () => {
  it.each([[0], [''], [false], [null], ['x'], [{ a: 1 }]])('passes %j through', (v) => {
    expect(defined(v, 'x')).toBe(v);
  });

  it('refuses undefined and says what was missing', () => {
    expect(() => defined(new Map<string, number>().get('k'), 'the entry for k')).toThrow('invariant broken: the entry for k is missing');
  });
});
