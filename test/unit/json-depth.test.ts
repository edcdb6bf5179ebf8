import { describe, expect, it } from 'vitest';
import { jsonDepth, MAX_JSON_DEPTH, tooDeep } from '../../src/json-depth.js';

const nested = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonDepth', () => {
  it.each([
    [1, 0],
    ['x', 0],
    [null, 0],
    [{}, 1],
    [[1, 2], 1],
    [{ a: { b: [1] } }, 3],
    [{ a: 1, b: { c: { d: {} } } }, 4],
  ])('%j → %i', (v, d) => expect(jsonDepth(v)).toBe(d));

  it('the limit is the last depth allowed', () => {
    expect(tooDeep(nested(MAX_JSON_DEPTH))).toBe(false);
    expect(tooDeep(nested(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(tooDeep(nested(100_000))).toBe(true);
  });

  it('shared objects (YAML aliases) are visited once: a 9^12 expansion is counted in 12 steps', () => {
    let v: unknown = ['x'];
    for (let i = 0; i < 12; i++) v = Array(9).fill(v);
    expect(jsonDepth(v)).toBe(13);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(tooDeep(cycle)).toBe(false);
  });
});
