import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../src/validate/key-index.js';
import { estimateRows } from '../../../src/validate/table.js';

describe('KeyIndex', () => {
  it('remembers keys with their row numbers and reports repeats', () => {
    const idx = new KeyIndex(4);
    expect(idx.addString('a', 2)).toBe(0);
    expect(idx.addString('b', 3)).toBe(0);
    expect(idx.addString('a', 4)).toBe(2);
    expect(idx.hasString('b')).toBe(true);
    expect(idx.hasString('c')).toBe(false);
  });

  it('addOrReplace returns the most recent earlier row (frictionless unique note)', () => {
    const idx = new KeyIndex();
    idx.begin().part('x').addOrReplace(2);
    expect(idx.begin().part('x').addOrReplace(5)).toBe(2);
    expect(idx.begin().part('x').addOrReplace(9)).toBe(5);
  });

  it.each([
    ['a number and its text differ', [3], ['3'], false],
    ['-0 and 0 are one key', [-0], [0], true],
    ['integer 3 and number 3.0 are one key', [3], [3.0], true],
    ['part boundaries matter', ['ab', 'c'], ['a', 'bc'], false],
    ['null differs from empty text', [null, 'x'], ['', 'x'], false],
    ['equal tuples are equal', ['73.71.01', 12], ['73.71.01', 12], true],
  ] as const)('%s', (_name, left, right, equal) => {
    const idx = new KeyIndex();
    idx.begin();
    for (const p of left) idx.part(p);
    idx.add(1);
    idx.begin();
    for (const p of right) idx.part(p);
    expect(idx.has()).toBe(equal);
  });

  it('grows past its initial capacity without losing keys', () => {
    const idx = new KeyIndex(16);
    for (let i = 0; i < 200_000; i++) expect(idx.addString(`id-${i}`, i + 1)).toBe(0);
    expect(idx.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(idx.addString(`id-${i}`, 1)).toBe(i + 1);
    expect(idx.hasString('id-200000')).toBe(false);
    for (let i = 0; i < 100_000; i++) idx.begin().part(i).add(i + 1);
    expect(idx.begin().part(99_999).has()).toBe(true);
    expect(idx.begin().part(100_000).has()).toBe(false);
  });

  it('stays compact: 16 bytes per slot, about 1.25-1.9 slots per key', () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 100_000; i++) idx.begin().part(i).add(i + 1);
    expect(idx.bytes).toBeLessThanOrEqual(100_000 * 1.9 * 16);
  });

  // The README's memory budget (bytes per key, rows within 200 MiB) rests on this: an index presized as
  // RowChecker does (estimateRows from the sample and the file size, at most 80% full) never grows
  // and holds a key in 16-28 bytes (the first rows are shorter than later ones when ids grow: more slots).
  it('presized from the file size: no growth, at most 28 bytes per key', () => {
    const rows = 200_000;
    const line = (i: number) => [i, '73.71.0' + (i % 9), Math.floor(i / 15), '2024-03-07', 'banjir', i % 1000].join(',');
    let fileBytes = 0;
    for (let i = 1; i <= rows; i++) fileBytes += line(i).length + 1;
    const sample = Array.from({ length: 100 }, (_, k) => ({ rowNumber: k + 2, cells: line(k + 1).split(',') }));
    const idx = new KeyIndex(estimateRows(fileBytes, sample) / 0.8);
    const before = idx.bytes;
    for (let i = 1; i <= rows; i++) expect(idx.begin().part(i).add(i + 1)).toBe(0);
    expect(idx.bytes).toBe(before);
    expect(idx.bytes / rows).toBeGreaterThanOrEqual(16);
    expect(idx.bytes / rows).toBeLessThanOrEqual(28);
  });
});

describe('KeyIndex: keys of one number, by addOrReplaceNumber (the ascending run)', () => {
  /** The reference: every key by fingerprint, as before the run existed. */
  function byFingerprint(keys: readonly number[]): number[] {
    const idx = new KeyIndex(16);
    return keys.map((v, i) => idx.begin().part(v).addOrReplace(i + 1));
  }
  function byNumber(keys: readonly number[]): number[] {
    const idx = new KeyIndex(16);
    return keys.map((v, i) => idx.addOrReplaceNumber(v, i + 1));
  }

  it.each([
    ['ascending', [1, 2, 3, 10, 11]],
    ['a repeat of the last', [1, 2, 2, 2]],
    ['a repeat far back (binary search)', [1, 2, 3, 4, 5, 6, 7, 8, 2, 9, 2]],
    ['descending: all in the slots', [9, 8, 7, 8, 9]],
    ['an out-of-order key, then ascending again', [1, 5, 3, 6, 3, 5, 7]],
    ['-0 and 0 are one key', [-1, -0, 0, 1, -0]],
    ['integer and fraction', [1, 1.5, 2, 1.5, 1]],
    ['infinities', [-Infinity, 0, Infinity, Infinity, -Infinity]],
    ['a key below the run that is not in it', [10, 20, 15, 16, 15, 20]],
  ] as const)('%s: the same rows as by fingerprint', (_name, keys) => {
    expect(byNumber(keys)).toEqual(byFingerprint(keys));
  });

  it('agrees with the fingerprint path on 20,000 mostly ascending keys with repeats and jumps back', () => {
    let seed = 5;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const keys: number[] = [];
    for (let i = 0; i < 20_000; i++) keys.push(rnd(10) === 0 ? rnd(i + 1) : i + rnd(3)); // duplicates and out-of-order keys
    expect(byNumber(keys)).toEqual(byFingerprint(keys));
  });

  it('a key by fingerprint after numbers by run still finds them (the run moves into the slots)', () => {
    const idx = new KeyIndex(16);
    for (let i = 1; i <= 100; i++) expect(idx.addOrReplaceNumber(i, i)).toBe(0);
    expect(idx.size).toBe(100);
    expect(idx.begin().part(50).has()).toBe(true); // moves the run
    expect(idx.begin().part(101).has()).toBe(false);
    expect(idx.begin().part(7).addOrReplace(200)).toBe(7);
    expect(idx.addOrReplaceNumber(7, 201)).toBe(200); // numbers now go to the slots
    expect(idx.addOrReplaceNumber(1000, 202)).toBe(0);
    expect(idx.begin().part(1000).has()).toBe(true);
    expect(idx.size).toBe(101);
  });

  it('a key being built survives the move of the run', () => {
    const idx = new KeyIndex(16);
    idx.addOrReplaceNumber(1, 1);
    idx.addOrReplaceNumber(2, 2);
    expect(idx.begin().part('x').add(3)).toBe(0); // the move runs between part() and the insert
    expect(idx.hasString('x')).toBe(true);
    expect(idx.begin().part(2).has()).toBe(true);
  });

  it('a shared index holds the run too (foreign-key lookups in workers)', () => {
    const idx = new KeyIndex(16);
    for (let i = 1; i <= 50; i++) idx.addOrReplaceNumber(i, i);
    const shared = KeyIndex.fromShared(idx.share());
    expect(shared.begin().part(25).has()).toBe(true);
    expect(shared.begin().part(51).has()).toBe(false);
    expect(shared.size).toBe(50);
  });

  it('NaN never equals: it goes to the slots as by fingerprint', () => {
    expect(byNumber([NaN, 1, NaN])).toEqual(byFingerprint([NaN, 1, NaN]));
  });
});

describe('KeyIndex: keys ending in a number, by addOrReplaceLast (ascending runs per prefix)', () => {
  type Key = readonly [string | null, number];
  const byFingerprint = (keys: readonly Key[]) => {
    const idx = new KeyIndex(16);
    return keys.map(([p, v], i) => idx.begin().part(p).part(v).addOrReplace(i + 1));
  };
  const byLast = (keys: readonly Key[]) => {
    const idx = new KeyIndex(16);
    return keys.map(([p, v], i) => idx.begin().part(p).addOrReplaceLast(v, i + 1));
  };

  it.each<[string, Key[]]>([
    ['codes cycling, numbers ascending per code', [['a', 1], ['b', 1], ['c', 1], ['a', 2], ['b', 2], ['a', 1], ['c', 1], ['b', 3]]],
    ['the same number under two prefixes is two keys', [['a', 5], ['b', 5], ['a', 5]]],
    ['a null prefix part', [[null, 1], ['a', 1], [null, 1], [null, 2]]],
    ['descending within a prefix: the slots', [['x', 9], ['x', 8], ['x', 9], ['x', 8], ['y', 8]]],
    ['-0 and 0', [['a', 0], ['a', -0], ['b', -0], ['b', 0]]],
  ])('%s: the same rows as by fingerprint', (_name, keys) => {
    expect(byLast(keys)).toEqual(byFingerprint(keys));
  });

  it('agrees with the fingerprint path on 30,000 keys of 40 prefixes, mostly ascending, with repeats', () => {
    let seed = 11;
    const rnd = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const keys: Key[] = [];
    for (let i = 0; i < 30_000; i++) keys.push([`K${rnd(40)}`, rnd(8) === 0 ? rnd(i + 1) : i]);
    expect(byLast(keys)).toEqual(byFingerprint(keys));
  });

  it('more prefixes than it tracks (4096): the runs move into the slots, and every key is still found', () => {
    const keys: Key[] = [];
    for (let i = 0; i < 5000; i++) keys.push([`p${i}`, 1]);
    for (let i = 0; i < 5000; i += 7) keys.push([`p${i}`, 1], [`p${i}`, 2]);
    expect(byLast(keys)).toEqual(byFingerprint(keys));
  });

  it('a one-number key and a key by fingerprint in the same index', () => {
    const idx = new KeyIndex(16);
    expect(idx.addOrReplaceNumber(3, 1)).toBe(0);
    expect(idx.begin().part('3').addOrReplace(2)).toBe(0); // text "3" is not the number 3
    expect(idx.addOrReplaceNumber(3, 3)).toBe(1);
    expect(idx.size).toBe(2);
  });
});
