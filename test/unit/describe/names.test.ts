import { describe, expect, it } from 'vitest';
import { looksLikeCodeName, safeName, uniqueNames } from '../../../src/describe/names.js';
import { isMissingMarker, missingValuesList } from '../../../src/describe/missing.js';

describe('safeName', () => {
  it.each([
    ['LUAS WILAYAH (KM2)', 'luas_wilayah_km2'],
    ['nama_kabupaten/kota', 'nama_kabupaten_kota'],
    ['Keterangan ', 'keterangan'],
    ['No.', 'no'],
    ['>75  Perempuan', 'kolom_75_perempuan'],
    ['2024', 'kolom_2024'],
    ['Persentase (%)', 'persentase_persen'],
    ['Kécamatan', 'kecamatan'],
    ['', 'kolom_8'],
  ])('%j → %s', (label, want) => {
    expect(safeName(label, 8)).toBe(want);
  });

  it('makes duplicates unique in order', () => {
    expect(uniqueNames(['nama', 'nama', 'kode', 'nama'])).toEqual(['nama', 'nama_2', 'kode', 'nama_3']);
  });

  it('recognises code columns by their name', () => {
    expect(looksLikeCodeName('kode_kabupaten_kota')).toBe(true);
    expect(looksLikeCodeName('kd_kec')).toBe(true);
    expect(looksLikeCodeName('nik')).toBe(true);
    expect(looksLikeCodeName('jumlah_kode')).toBe(true);
    expect(looksLikeCodeName('kodeks')).toBe(false);
    expect(looksLikeCodeName('jumlah')).toBe(false);
  });
});

describe('missing markers', () => {
  it('knows the usual markers and never 0 unless asked', () => {
    const none = new Set<string>();
    expect(isMissingMarker('-', none)).toBe(true);
    expect(isMissingMarker('NA', none)).toBe(true);
    expect(isMissingMarker('N/A', none)).toBe(true);
    expect(isMissingMarker('0', none)).toBe(false);
    expect(isMissingMarker('0', new Set(['0']))).toBe(true);
    expect(isMissingMarker(' - ', none)).toBe(false);
  });

  it('lists "" first, then markers seen, then the user markers', () => {
    expect(missingValuesList(new Set(['NA', '-']), [])).toEqual(['', '-', 'NA']);
    expect(missingValuesList(new Set(['-']), ['0'])).toEqual(['', '-', '0']);
    expect(missingValuesList(new Set(), [])).toEqual(['']);
  });
});
