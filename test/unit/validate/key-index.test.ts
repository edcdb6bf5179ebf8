import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../../../src/validate/key-index.js';

describe('KeyIndex', () => {
  it('remembers keys with their row numbers and reports repeats', () => {
    const idx = new KeyIndex(4);
    expect(idx.addOrGet('a', 2)).toBe(0);
    expect(idx.addOrGet('b', 3)).toBe(0);
    expect(idx.addOrGet('a', 4)).toBe(2);
    expect(idx.has('b')).toBe(true);
    expect(idx.has('c')).toBe(false);
  });

  it('addOrReplace returns the most recent earlier row (frictionless unique note)', () => {
    const idx = new KeyIndex();
    idx.addOrReplace('x', 2);
    expect(idx.addOrReplace('x', 5)).toBe(2);
    expect(idx.addOrReplace('x', 9)).toBe(5);
  });

  it('grows past its initial capacity without losing keys, and tells similar keys apart', () => {
    const idx = new KeyIndex(16);
    for (let i = 0; i < 200_000; i++) expect(idx.addOrGet(`id-${i}`, i + 1)).toBe(0);
    expect(idx.size).toBe(200_000);
    for (let i = 0; i < 200_000; i += 997) expect(idx.addOrGet(`id-${i}`, 1)).toBe(i + 1);
    expect(idx.has('id-200000')).toBe(false);
    expect(idx.has('ab')).toBe(false);
    idx.addOrGet('ab', 7);
    expect(idx.has('ba')).toBe(false);
    expect(idx.has('ab\u0000')).toBe(false);
  });

  it('stays compact: 16 bytes per slot', () => {
    const idx = new KeyIndex();
    for (let i = 0; i < 100_000; i++) idx.addOrGet(String(i), i + 1);
    expect(idx.bytes).toBeLessThanOrEqual(262_144 * 16);
  });
});
