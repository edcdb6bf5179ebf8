import { describe, expect, it } from 'vitest';
import { checkCkanName, checkEmail, checkKodeWilayah, checkPeriod, checkTagList, checkTerm, slugify } from '../../../src/metadata/rules.js';
import { FREQUENCIES, LEVELS, MEASURES } from '../../../src/metadata/vocabulary.js';
import { resolveLicense } from '../../../src/metadata/licenses.js';

const value = (c: { ok: boolean; value?: unknown }) => (c.ok ? c.value : 'INVALID');

describe('CKAN names', () => {
  it.each([
    ['dinas-kesehatan', 'dinas-kesehatan'],
    ['ab', 'ab'],
    ['a', 'INVALID'],
    ['Dinas Kesehatan', 'INVALID'],
    ['dinas.kesehatan', 'INVALID'],
    ['new', 'INVALID'],
    ['x'.repeat(100), 'x'.repeat(100)],
    ['x'.repeat(101), 'INVALID'],
  ])('%s → %s', (raw, want) => expect(value(checkCkanName(raw))).toBe(want));

  it.each([
    ['Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar', 'jumlah-kejadian-kebakaran-menurut-kecamatan-di-kota-makassar'],
    ['Luas Wilayah (km²) 2024', 'luas-wilayah-km2-2024'],
    ['  Data  Penduduk — Semester I  ', 'data-penduduk-semester-i'],
    ['Ékonomi & Pariwisata', 'ekonomi-pariwisata'],
  ])('slugify %s', (title, want) => {
    expect(slugify(title)).toBe(want);
    expect(checkCkanName(slugify(title)).ok).toBe(true);
  });
});

describe('tags', () => {
  it.each([
    ['kesehatan, gizi buruk , stunting', ['kesehatan', 'gizi buruk', 'stunting']],
    ['KB; kb; keluarga_berencana', ['KB', 'keluarga_berencana']],
    ['a, kesehatan', 'INVALID'],
    ['kesehatan/gizi', 'INVALID'],
    ['', []],
  ])('%s', (raw, want) => expect(value(checkTagList(raw))).toEqual(want));
});

describe('e-mail', () => {
  it.each([
    ['data@makassarkota.go.id', true],
    [' data.dinkes@makassarkota.go.id ', true],
    ['data@makassarkota', false],
    ['data makassar@kota.go.id', false],
    ['@makassarkota.go.id', false],
  ])('%s → %s', (raw, ok) => expect(checkEmail(raw).ok).toBe(ok));
});

describe('periods', () => {
  it.each([
    ['2024', '2024'],
    ['2024-03', '2024-03'],
    ['2024-q1', '2024-Q1'],
    ['2024-S2', '2024-S2'],
    ['2024-W10', '2024-W10'],
    ['2024-02-29', '2024-02-29'],
    ['2019-2024', '2019/2024'],
    ['2019 - 2024', '2019/2024'],
    ['2024-S1/2025-S1', '2024-S1/2025-S1'],
    ['2023-02-29', 'INVALID'],
    ['2024-13', 'INVALID'],
    ['2024-Q5', 'INVALID'],
    ['2024/2019', 'INVALID'],
    ['1850', 'INVALID'],
    ['tahun 2024', 'INVALID'],
    ['2024/2025/2026', 'INVALID'],
  ])('%s → %s', (raw, want) => expect(value(checkPeriod(raw))).toBe(want));
});

describe('region codes', () => {
  it.each([['73.71', true], ['73.71.01', true], ['73.71.01.1001', true], ['7371', false], ['73.71.1', false]])('%s', (raw, ok) =>
    expect(checkKodeWilayah(raw).ok).toBe(ok),
  );
});

describe('vocabularies', () => {
  const what = { id: 'x', en: 'x' };
  it.each([
    [FREQUENCIES, 'Tahunan', 'tahunan'],
    [FREQUENCIES, 'per bulan', 'bulanan'],
    [FREQUENCIES, 'sekali', 'tidak-tetap'],
    [FREQUENCIES, 'tidak tentu', 'tidak-tetap'],
    [FREQUENCIES, 'kuartalan', 'triwulanan'],
    [FREQUENCIES, 'semester', 'semesteran'],
    [FREQUENCIES, 'dua_tahunan', 'dua-tahunan'],
    [FREQUENCIES, 'kadang-kadang', 'INVALID'],
    [MEASURES, 'persen', 'persentase'],
    [MEASURES, 'rata rata', 'rata-rata'],
    [LEVELS, 'Desa', 'kelurahan'],
  ] as const)('%#: %s', (terms, raw, want) => expect(value(checkTerm(raw, terms, what))).toBe(want));

  it('explains the choices in both languages', () => {
    const c = checkTerm('kadang', FREQUENCIES, { id: 'frekuensi', en: 'frequency' });
    expect(c.ok).toBe(false);
    if (!c.ok) {
      expect(c.reason.id).toContain('tahunan');
      expect(c.reason.en).toMatch(/frequency "kadang" is not known/);
    }
  });
});

describe('licences', () => {
  it.each([
    ['CC-BY-4.0', 'CC-BY-4.0'],
    ['cc-by', 'CC-BY-4.0'],
    ['CC BY 4.0', 'CC-BY-4.0'],
    ['odc-odbl', 'ODbL-1.0'],
    ['cc0', 'CC0-1.0'],
    ['proprietary', 'INVALID'],
  ])('%s → %s', (raw, want) => {
    const c = resolveLicense(raw);
    expect(c.ok ? c.value.name : 'INVALID').toBe(want);
  });

  it('accepts a licence the portal lists, under the portal id', () => {
    const c = resolveLicense('uu-kip', [{ id: 'uu-kip', title: 'Lisensi UU KIP', url: 'https://example.go.id/kip' }]);
    expect(c).toEqual({ ok: true, value: { name: 'uu-kip', title: 'Lisensi UU KIP', path: 'https://example.go.id/kip' } });
  });

  it('keeps the canonical path and title for CC-BY', () => {
    const c = resolveLicense('cc-by');
    expect(c.ok && c.value).toEqual({ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' });
  });
});
