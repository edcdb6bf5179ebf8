import { describe, expect, it } from 'vitest';
import { acceptedSpellings, defaultGraceDays, FREQUENCY_CODES, frequencyInfo, parseFrequency } from '../../../src/audit/frequency.js';

describe('parseFrequency', () => {
  it.each([
    ['tahunan', 'tahunan'],
    ['Tahunan', 'tahunan'],
    ['  BULANAN ', 'bulanan'],
    ['dua mingguan', 'dua-mingguan'],
    ['Dua_Mingguan', 'dua-mingguan'],
    ['per tahun', 'tahunan'],
    ['kuartalan', 'triwulanan'],
    ['3 bulanan', 'triwulanan'],
    ['4 bulanan', 'caturwulanan'],
    ['6 bulanan', 'semesteran'],
    ['sensus', 'sepuluh-tahunan'],
    ['sekali', 'tidak-tetap'],
    ['sewaktu-waktu', 'tidak-tetap'],
    ['insidental', 'tidak-tetap'],
    ['Real Time', 'real-time'],
    ['terus-menerus', 'real-time'],
    ['annual', 'tahunan'],
  ])('%j → %s', (raw, code) => {
    expect(parseFrequency(raw)).toBe(code);
  });

  it.each(['', '   ', 'kadang-kadang', 'tahun', 'bulan', null, undefined])('%j is not a frequency', (raw) => {
    expect(parseFrequency(raw as string)).toBeUndefined();
  });

  it('every code parses to itself and every accepted spelling parses', () => {
    for (const c of FREQUENCY_CODES) expect(parseFrequency(c)).toBe(c);
    for (const s of acceptedSpellings()) expect(parseFrequency(s), s).toBeDefined();
  });
});

describe('periods and default grace (a quarter of the period, rounded up)', () => {
  it.each([
    ['harian', 1],
    ['real-time', 1],
    ['mingguan', 2],
    ['dua-mingguan', 4],
    ['bulanan', 8],
    ['triwulanan', 23],
    ['caturwulanan', 31],
    ['semesteran', 46],
    ['tahunan', 92],
    ['dua-tahunan', 183],
    ['lima-tahunan', 457],
    ['sepuluh-tahunan', 914],
    ['tidak-tetap', null],
  ] as const)('%s → %s days', (code, grace) => {
    expect(defaultGraceDays(code)).toBe(grace);
  });

  it('tidak-tetap has no period; real-time is daily', () => {
    expect(frequencyInfo('tidak-tetap').period).toBeNull();
    expect(frequencyInfo('real-time').period).toEqual({ days: 1 });
  });
});
