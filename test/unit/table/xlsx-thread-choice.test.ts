/**
 * When a sheet is parsed on a thread of its own, and the row estimate that presizes the key indexes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { estimateSheetRows } from '../../../src/table/xlsx-batches.js';
import { readAll, tempFile } from './helpers.js';
import { minimalXlsx, sheet } from './zip-builder.js';
import { SHEET_THREAD_MAX_BYTES, SHEET_THREAD_MAX_SHARED_STRINGS, SHEET_THREAD_MIN_BYTES, wantsSheetThread } from '../../../src/table/xlsx-thread-choice.js';

const ENV = ['SATUDATA_THREADS', 'SATUDATA_PARALLEL_MIN_BYTES'] as const;
const saved = ENV.map((k) => process.env[k]);
afterEach(() => ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i]))));

describe('wantsSheetThread', () => {
  const MiB = 1 << 20;
  const cases: Array<[string, string | undefined, string | undefined, number, boolean]> = [
    ['a small sheet', '2', undefined, 1 * MiB, false],
    ['just below the threshold', '2', undefined, SHEET_THREAD_MIN_BYTES - 1, false],
    ['at the threshold', '2', undefined, SHEET_THREAD_MIN_BYTES, true],
    ['the bench sheet (40 MB of XML)', '2', undefined, 40 * MiB, true],
    ['one thread asked for', '1', undefined, 40 * MiB, false],
    ['a sheet too large to add a thread under 200 MiB', '2', undefined, SHEET_THREAD_MAX_BYTES + 1, false],
    ['the threshold lowered (tests)', '2', '0', 100, true],
    ['the threshold raised', '4', String(100 * MiB), 40 * MiB, false],
  ];
  it.each(cases)('%s', (_name, threads, minBytes, xmlBytes, expected) => {
    process.env.SATUDATA_THREADS = threads;
    if (minBytes === undefined) delete process.env.SATUDATA_PARALLEL_MIN_BYTES;
    else process.env.SATUDATA_PARALLEL_MIN_BYTES = minBytes;
    expect(wantsSheetThread(xmlBytes)).toBe(expected);
  });

  it('a workbook with very many shared strings stays on one thread (a token per string in the thread)', () => {
    process.env.SATUDATA_THREADS = '2';
    delete process.env.SATUDATA_PARALLEL_MIN_BYTES;
    expect(wantsSheetThread(40 * MiB, SHEET_THREAD_MAX_SHARED_STRINGS)).toBe(true);
    expect(wantsSheetThread(40 * MiB, SHEET_THREAD_MAX_SHARED_STRINGS + 1)).toBe(false);
  });
});

describe('estimateSheetRows (presizes the key indexes; only a hint)', () => {
  const rows = (n: number, prefix = '') => Buffer.from(Array.from({ length: n }, (_, i) => `<${prefix}row r="${i + 1}"><${prefix}c r="A${i + 1}"><${prefix}v>${i}</${prefix}v></${prefix}c></${prefix}row>`).join(''));
  it('scales the rows of the first chunk to the declared size, with 10% headroom', () => {
    const first = rows(100);
    expect(estimateSheetRows(first, first.length * 50)).toBe(5500);
  });
  it('counts prefixed rows too', () => {
    const first = rows(100, 'x:');
    expect(estimateSheetRows(first, first.length * 10)).toBe(1100);
  });
  it('unknown (0) when the first chunk holds too few rows to tell', () => {
    expect(estimateSheetRows(rows(3), 1 << 30)).toBe(0);
    expect(estimateSheetRows(Buffer.from('<worksheet><sheetData>'), 1 << 20)).toBe(0);
  });
  it('never more than a sheet can hold (a lying declared size)', () => {
    expect(estimateSheetRows(rows(100), 2 ** 40)).toBe(1_048_576);
  });
});

describe('the XLSX table gives the estimate once its rows are read', () => {
  it('a 300-row sheet: about 300 rows; a 5-row sheet: unknown', async () => {
    const xml = (n: number) => sheet(Array.from({ length: n }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join(''));
    const big = await readAll({ path: tempFile('hint.xlsx', minimalXlsx(xml(300))) });
    expect(big.rows).toHaveLength(300);
    expect(big.table.rowsHint?.()).toBeGreaterThanOrEqual(300);
    expect(big.table.rowsHint?.()).toBeLessThanOrEqual(340);
    const small = await readAll({ path: tempFile('hint5.xlsx', minimalXlsx(xml(5))) });
    expect(small.table.rowsHint?.()).toBe(0);
  });
});
