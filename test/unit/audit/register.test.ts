import { describe, expect, it } from 'vitest';
import { checkRegister } from '../../../src/audit/register.js';

const rows = (...lines: string[][]) => lines.map((cells, i) => ({ rowNumber: i + 1, cells }));

describe('checkRegister', () => {
  it('reads the Indonesian template header', () => {
    const r = checkRegister(rows(['skpd', 'dataset', 'judul', 'frekuensi', 'satuan'], ['dinkes', 'puskesmas', 'Jumlah Puskesmas', 'Tahunan', 'unit']));
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([{ org: 'dinkes', dataset: 'puskesmas', title: 'Jumlah Puskesmas', frequency: 'tahunan', unit: 'unit', rowNumber: 2 }]);
  });

  it('reads English headers in any order, without satuan', () => {
    const r = checkRegister(rows(['Frequency', 'Title', 'Name', 'Organization'], ['sekali', 'T', 'ds-1', 'org-1'], ['', '', '', '']));
    expect(r.problems).toEqual([]);
    expect(r.entries).toEqual([{ org: 'org-1', dataset: 'ds-1', title: 'T', frequency: 'tidak-tetap', rowNumber: 2 }]);
  });

  it('lists every missing column', () => {
    const r = checkRegister(rows(['skpd', 'judul'], ['a', 'b']));
    expect(r.problems.map((p) => p.message.en)).toEqual([
      'Required column "dataset" / "name" is missing from the header row.',
      'Required column "frekuensi" / "frequency" is missing from the header row.',
    ]);
  });

  it('lists every row problem with its row number', () => {
    const r = checkRegister(
      rows(
        ['skpd', 'dataset', 'judul', 'frekuensi'],
        ['dinkes', 'ds-a', 'A', 'tahunan'],
        ['dinkes', 'ds-b', '', 'kadang'],
        ['Dinas Kesehatan', 'ds-c', 'C', 'bulanan'],
        ['dinkes', 'ds-a', 'A again', 'tahunan'],
      ),
    );
    expect(r.problems.map((p) => [p.rowNumber, p.column ?? null, p.message.en])).toEqual([
      [3, 'judul', 'The "judul" cell is empty.'],
      [3, 'frekuensi', expect.stringMatching(/^Unknown frequency "kadang"\. Use one of the codes: harian, .*real-time\.$/)],
      [4, 'skpd', '"Dinas Kesehatan" is not a CKAN name: 2-100 characters of lowercase a-z, digits, "-" or "_".'],
      [5, null, 'Duplicate row: dinkes / ds-a is already on row 2.'],
    ]);
    expect(r.entries.map((e) => e.dataset)).toEqual(['ds-a']);
  });

  it('refuses an empty register and one with only a header', () => {
    expect(checkRegister([]).problems[0]!.message.en).toBe('The register is empty.');
    expect(checkRegister(rows(['skpd', 'dataset', 'judul', 'frekuensi'])).problems[0]!.message.en).toBe('The register has no data rows.');
  });
});
