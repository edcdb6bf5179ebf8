import { describe, expect, it } from 'vitest';
import { addMonthsWita, isoUtc, parseUtc, witaDate } from '../../../src/audit/time.js';

describe('parseUtc', () => {
  it.each([
    ['2024-03-05T10:20:30.123456', '2024-03-05T10:20:30.123Z'],
    ['2024-03-05T10:20:30', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05 10:20', '2024-03-05T10:20:00.000Z'],
    ['2024-03-05', '2024-03-05T00:00:00.000Z'],
    ['2024-03-05T10:20:30Z', '2024-03-05T10:20:30.000Z'],
    ['2024-03-05T10:20:30+08:00', '2024-03-05T02:20:30.000Z'],
    ['2024-03-05T01:00:00-0130', '2024-03-05T02:30:00.000Z'],
  ])('%s (naive = UTC) → %s', (text, iso) => {
    expect(parseUtc(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'kemarin', '2024-02-30', '2024-13-01', '2024-03-05T25:00', '05/03/2024', null, undefined])('%j is refused', (text) => {
    expect(parseUtc(text as string)).toBeUndefined();
  });
});

describe('calendar arithmetic on the Makassar calendar (UTC+8)', () => {
  it.each([
    ['2024-01-15T00:00:00Z', 1, '2024-02-15T00:00:00Z'],
    ['2024-01-31T00:00:00Z', 1, '2024-02-29T00:00:00Z'],
    ['2023-01-31T00:00:00Z', 1, '2023-02-28T00:00:00Z'],
    ['2024-11-30T12:00:00Z', 3, '2025-02-28T12:00:00Z'],
    // 31 Jan 20:00 UTC is already 1 Feb in Makassar: one month later is 1 Mar WITA.
    ['2024-01-31T20:00:00Z', 1, '2024-02-29T20:00:00Z'],
    ['2024-02-29T00:00:00Z', 12, '2025-02-28T00:00:00Z'],
  ])('%s + %d months → %s', (from, months, to) => {
    expect(isoUtc(addMonthsWita(new Date(from), months))).toBe(to.replace('.000', ''));
  });

  it('witaDate gives the Makassar day', () => {
    expect(witaDate(new Date('2024-12-31T16:30:00Z'))).toBe('2025-01-01');
    expect(witaDate(new Date('2024-12-31T15:59:00Z'))).toBe('2024-12-31');
  });

  it('isoUtc drops zero milliseconds only', () => {
    expect(isoUtc(new Date('2024-01-01T00:00:00Z'))).toBe('2024-01-01T00:00:00Z');
    expect(isoUtc(new Date('2024-01-01T00:00:00.5Z'))).toBe('2024-01-01T00:00:00.500Z');
  });
});
