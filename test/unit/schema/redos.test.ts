import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../src/schema/pattern.js';
import { isCatastrophic } from '../../../src/schema/redos.js';
import { compileField } from '../../../src/schema/cast.js';

// Classic ReDoS shapes (OWASP list, safe-regex tests) and everyday patterns from Satu Data schemas.
const refused = [
  '(a+)+', '(a*)*', '([a-zA-Z]+)*', '(a|aa)+', '(a|a)*', '(.*a){20}', '(\\d|\\w)+', '(a|a?)+',
  '^(([a-z])+.)+[A-Z]([a-z])+$', '(\\w+\\s?)*', '([a-z0-9]+)*@x', '(x+x+)+y', '(?:a+)+b', '((ab)*)+',
];
const allowed = [
  '[0-9]{4}', '\\d{16}', '73[0-9]{2}', '[A-Z][a-z]+( [A-Z][a-z]+)*', '([a-z0-9]+\\.)*[a-z]+', '(ab+)+',
  '(Laki-laki|Perempuan)', 'P[0-9]+(\\.[0-9]+)*', '[^@]+@[^@]+\\.[a-z]{2,}', '(19|20)\\d{2}', '(\\d{3}-)?\\d{4}',
  'a|bc', '\\p{L}+', '(?:RT|RW) ?\\d{1,3}', '(yes|no)*',
];

describe('catastrophic pattern detection', () => {
  it.each(refused)('refuses %s', (p) => {
    expect(isCatastrophic(p)).toBe(true);
    const r = compilePattern(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.note).toBe(`pattern "${p}" may take exponential time; simplify it`);
  });
  it.each(allowed)('allows %s', (p) => {
    expect(isCatastrophic(p)).toBe(false);
    expect(compilePattern(p).ok).toBe(true);
  });
  it('reports an invalid regex', () => {
    expect(compilePattern('([a-z')).toEqual({ ok: false, note: 'pattern "([a-z" is not a valid regular expression' });
  });
  it('never runs a refused pattern on cells', () => {
    const f = compileField({ name: 'x', constraints: { pattern: '(a+)+b' } });
    // would take ages if the regex ran on this cell; the refused pattern is skipped at cast time
    expect(f.check('a'.repeat(40) + 'c')).toBeUndefined();
  });
});
