import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guessThreads } from '../../../src/validate/warm-guess.js';

// Files of a given size without writing their bytes (sparse): the guess only stats them.
const MiB = 1 << 20;
let dir: string;
function file(rel: string, bytes: number): void {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, '');
  truncateSync(p, bytes);
}
function pkg(rel: string, resources: unknown[]): void {
  const p = path.join(dir, rel);
  mkdirSync(path.dirname(p), { recursive: true });
  writeFileSync(p, JSON.stringify({ name: 'p', resources }));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-warm-guess-'));
  file('big.csv', 9 * MiB);
  file('small.csv', 1000);
  file('big.xlsx', 2 * MiB);
  file('small.xlsx', 100_000);
  file('huge.xlsx', 193 * MiB);
  file('big.txt', 9 * MiB);
  file('big.dat', 9 * MiB);
  pkg('p-csv/datapackage.json', [{ name: 'a', path: 'a.csv' }]);
  file('p-csv/a.csv', 9 * MiB);
  pkg('p-small/datapackage.json', [{ name: 'a', path: 'a.csv' }]);
  file('p-small/a.csv', 1000);
  pkg('p-xlsx/datapackage.json', [{ name: 'a', path: 'data/a.xlsx', format: 'xlsx' }]);
  file('p-xlsx/data/a.xlsx', 3 * MiB);
  pkg('p-format/datapackage.json', [{ name: 'a', path: 'a.dat', format: 'csv' }]);
  file('p-format/a.dat', 9 * MiB);
  pkg('p-escape/datapackage.json', [{ name: 'a', path: '../big.csv' }, { name: 'b', path: '/tmp/big.csv' }]);
  pkg('p-link/datapackage.json', [{ name: 'a', path: 'a.csv' }]);
  symlinkSync(path.join(dir, 'big.csv'), path.join(dir, 'p-link/a.csv'));
  pkg('p-multi/datapackage.json', [{ name: 'a', path: ['a1.csv', 'a2.csv'] }]);
  file('p-multi/a1.csv', 9 * MiB);
  pkg('p-remote/datapackage.json', [{ name: 'a', path: 'https://example.org/a.csv' }]);
  pkg('p-both/datapackage.json', [{ name: 'a', path: 'a.csv' }, { name: 'b', path: 'b.xlsx' }]);
  file('p-both/a.csv', 9 * MiB);
  file('p-both/b.xlsx', 2 * MiB);
  writeFileSync(path.join(dir, 'broken.json'), '{"resources": [');
  file('folder/x.csv', 9 * MiB);
  file('folder-small/x.csv', 10);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

describe('which threads validate will likely want, guessed from file sizes', () => {
  it.each([
    ['a large bare CSV', ['big.csv'], { rows: true, sheet: false }],
    ['a small bare CSV', ['small.csv'], { rows: false, sheet: false }],
    ['a .txt table', ['big.txt'], { rows: true, sheet: false }],
    ['a file that is no table', ['big.dat'], { rows: false, sheet: false }],
    ['a workbook of 2 MiB', ['big.xlsx'], { rows: false, sheet: true }],
    ['a small workbook', ['small.xlsx'], { rows: false, sheet: false }],
    ['a workbook past the sheet thread maximum', ['huge.xlsx'], { rows: false, sheet: false }],
    ['a package folder with a large CSV', ['p-csv'], { rows: true, sheet: false }],
    ['its datapackage.json', ['p-csv/datapackage.json'], { rows: true, sheet: false }],
    ['a package of small files', ['p-small'], { rows: false, sheet: false }],
    ['a package with a workbook in a subfolder', ['p-xlsx'], { rows: false, sheet: true }],
    ['a resource whose format says csv', ['p-format'], { rows: true, sheet: false }],
    ['paths out of the package (.., absolute) are not followed', ['p-escape'], { rows: false, sheet: false }],
    ['a symlink out of the package', ['p-link'], { rows: false, sheet: false }],
    ['a multipart CSV (read on one thread)', ['p-multi'], { rows: false, sheet: false }],
    ['a remote resource', ['p-remote'], { rows: false, sheet: false }],
    ['both kinds', ['p-both'], { rows: true, sheet: true }],
    ['a broken descriptor', ['broken.json'], { rows: false, sheet: false }],
    ['a folder of data files without a descriptor', ['folder'], { rows: true, sheet: false }],
    ['a folder of small files', ['folder-small'], { rows: false, sheet: false }],
    ['a URL target', ['https://example.org/big.csv'], { rows: false, sheet: false }],
    ['a target that does not exist', ['nope.csv'], { rows: false, sheet: false }],
    ['several targets', ['small.csv', 'big.xlsx', 'big.csv'], { rows: true, sheet: true }],
  ])('%s', (_name, targets, expected) => {
    vi.stubEnv('SATUDATA_THREADS', '2');
    vi.stubEnv('SATUDATA_PARALLEL_MIN_BYTES', '');
    expect(guessThreads(dir, targets)).toEqual(expected);
  });

  it('nothing on one thread, nor when --limit-rows reads only the start of each table', () => {
    vi.stubEnv('SATUDATA_THREADS', '1');
    expect(guessThreads(dir, ['p-both'])).toEqual({ rows: false, sheet: false });
    vi.stubEnv('SATUDATA_THREADS', '2');
    expect(guessThreads(dir, ['p-both'], 100)).toEqual({ rows: false, sheet: false });
  });

  it('SATUDATA_PARALLEL_MIN_BYTES moves the thresholds as it moves the readers', () => {
    vi.stubEnv('SATUDATA_THREADS', '2');
    vi.stubEnv('SATUDATA_PARALLEL_MIN_BYTES', '0');
    expect(guessThreads(dir, ['small.csv', 'small.xlsx'])).toEqual({ rows: true, sheet: true });
  });

  it('the current folder when no target is given', () => {
    vi.stubEnv('SATUDATA_THREADS', '2');
    expect(guessThreads(path.join(dir, 'p-csv'), [])).toEqual({ rows: true, sheet: false });
  });
});
