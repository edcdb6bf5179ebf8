/**
 * Known catastrophic patterns (issues #11 and #13, OWASP/safe-regex classics, nested counted
 * repetitions) on 10,000-character hostile cells. Each one either is refused when the schema is
 * read, or runs in at most (length + 1) x program-size steps (a deterministic bound the engine
 * counts) and, measured, in well under 50 ms: the median of 5 runs after a warm-up run, each on a
 * fresh cell. The measured figures are printed as a table at the end.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { compilePattern, safeRegExp } from '../../../src/schema/pattern.js';
import { MAX_PROGRAM } from '../../../src/schema/regex/index.js';

const N = 10_000;
let seed = 7;
const random = (alphabet: string): string => {
  let s = '';
  for (let i = 0; i < N; i++) { seed = (seed * 1103515245 + 12345) & 0x7fffffff; s += alphabet[seed % alphabet.length]; }
  return s;
};
const rep = (c: string, tail = ''): (() => string) => () => c.repeat(N - tail.length) + tail;

// [pattern, a fresh hostile 10,000-character cell, whether it matches, or 'refused']
const cases: Array<[string, () => string, boolean | 'refused']> = [
  // issue #11
  ['.*.*.*=.*', rep('x'), false],
  ['.*.*.*=.*', () => random('x='), true],
  // issue #13 item 3
  ['(a|a){1,40}', rep('a'), false],
  ['(?=(a+)+$)a*', rep('a'), 'refused'],
  ['.*.*.*.*.*.*=', rep('a'), false],
  ['.*.*.*.*.*.*=', rep('a', '='), true],
  ['((a{1,10}){1,10}){1,10}', rep('a', 'b'), 'refused'],
  ['(?:a{1,30}){1,30}b', rep('a'), 'refused'],
  // classics
  ['(a+)+$', rep('a', '!'), false],
  ['(a+)+', rep('a'), true],
  ['(a*)*b', rep('a'), false],
  ['(x+x+)+y', rep('x'), false],
  ['(\\w|\\d)+$', rep('1', '!'), false],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', rep('a', '!'), false],
  ['(a|aa)+', rep('a', 'b'), false],
  ['(a|a?)+', rep('a', 'b'), false],
  ['(.*a){20}', rep('a', 'b'), false],
  ['([a-zA-Z]+)*', rep('a', '1'), false],
  ['(\\w+\\s?)*', rep('a', '!'), false],
  ['([a-z0-9]+)*@x', rep('a'), false],
  ['(\\d+)*\\.\\d', rep('1', 'x'), false],
  ['((ab)*)+c', () => 'ab'.repeat(N / 2), false],
  // nested counted repetitions small enough to run
  ['((a{1,5}){1,5}){1,5}', rep('a', 'b'), false],
  ['(?:a{1,15}){1,15}b', rep('a'), false],
  ['(?:[ab]{1,9}){1,9}[ab]*c', () => random('ab'), false],
  ['(?:[ab]?){300}[ab]*c', () => random('ab'), false],
];

// The engine's worst shape: every instruction holds a thread at every character, i.e. the
// (length + 1) x size bound itself, at 200 instructions and at the size cap. Measured (the
// figures go to the report) and bounded by the step count, with a wall-clock ceiling that cannot
// flake on a loaded machine.
const atCap: Array<[string, () => string, boolean]> = [
  ['[ab]*a[ab]{200}', () => random('ab'), true],
  [`[ab]*a[ab]{${MAX_PROGRAM - 5}}`, () => random('ab'), true],
  [`[ab]*a[ab]{${MAX_PROGRAM - 6}}c`, () => random('ab'), false],
];

const measured: string[] = [];
afterAll(() => {
  console.log(`pattern engine on ${N}-character hostile cells (median of 5 runs after warm-up)\n${measured.join('\n')}`);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Runs `p` on fresh cells; returns the median wall-clock time (the CPU time is reported too). */
function measure(p: string, cell: () => string, expected: boolean): number {
  const r = compilePattern(p);
  if (!r.ok) throw new Error(r.note);
  const re = r.regex;
  re.test(cell()); // warm-up
  const wall: number[] = [], cpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const s = cell();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const got = re.test(s);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    expect(got).toBe(expected);
    expect(re.size).toBeLessThanOrEqual(MAX_PROGRAM);
    expect(re.steps).toBeLessThanOrEqual((s.length + 1) * re.size); // deterministic linear bound
  }
  const m = median(wall);
  measured.push(`  ${p.slice(0, 30).padEnd(30)} ${String(re.size).padStart(4)} instr  ${String(re.steps).padStart(8)} steps  `
    + `median ${m.toFixed(2)} ms (CPU ${median(cpu).toFixed(2)} ms)  max ${Math.max(...wall).toFixed(2)} ms`);
  return m;
}

describe('catastrophic patterns on 10,000-character cells', () => {
  it.each(atCap)('worst shape: %s', (p, cell, expected) => {
    expect(measure(p, cell, expected)).toBeLessThan(5000);
  });

  it.each(cases)('%s', (p, cell, expected) => {
    const r = compilePattern(p);
    if (expected === 'refused') {
      expect(r.ok).toBe(false);
      measured.push(`  ${p.padEnd(30)} refused: ${r.ok ? '' : r.note.slice(p.length + 11)}`);
      return;
    }
    expect(measure(p, cell, expected)).toBeLessThan(50);
  });
});

describe('jsonSchema patterns run on the same engine', () => {
  const ajv = new Ajv({ strict: false, code: { regExp: safeRegExp } });
  const hostile = 'a'.repeat(N) + '!';

  it.each([
    [{ type: 'string', pattern: '^(a+)+$' }, hostile],
    [{ type: 'string', pattern: '(a|a)*b' }, hostile],
    [{ type: 'string', pattern: '.*.*.*=.*' }, 'x'.repeat(N)],
    [{ type: 'object', patternProperties: { '^(a+)+$': { type: 'number' } } }, { [hostile]: 1 }],
    [{ type: 'object', additionalProperties: false, patternProperties: { '^(a|aa)+$': {} } }, { [hostile]: 1 }],
  ])('%j', (schema, value) => {
    const validate = ajv.compile(schema);
    const t0 = performance.now();
    const valid = validate(value);
    expect(performance.now() - t0).toBeLessThan(500); // generous: a backtracking run would take hours
    expect(valid).toBe(typeof value === 'object' && !('additionalProperties' in schema));
  });

  it('matches anywhere, like RegExp#test (JSON Schema semantics)', () => {
    const validate = ajv.compile({ type: 'string', pattern: 'b+' });
    expect(validate('abbc')).toBe(true);
    expect(validate('ac')).toBe(false);
    const props = ajv.compile({ type: 'object', patternProperties: { '^x_': { type: 'integer' } } });
    expect(props({ x_a: 1, y: 'z' })).toBe(true);
    expect(props({ x_a: 'z' })).toBe(false);
  });

  it('refuses lookaround in a jsonSchema pattern when compiling', () => {
    expect(() => ajv.compile({ type: 'string', pattern: '(?=(a+)+$)a*' })).toThrow(/lookaround "\(\?=" is not supported/);
  });
});
