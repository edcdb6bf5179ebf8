// Types decided by the overwhelming majority: a few bad cells are data defects reported by row, not a
// reason to turn the column into text. Synthetic tables.
import { describe, expect, it } from 'vitest';
import { few } from '../../../src/describe/decide.js';
import { inferResource } from '../../../src/describe/infer.js';
import { arraySource } from '../../../src/describe/source.js';
import type { Schema } from '../../../src/schema/types.js';
import type { Cell } from '../../../src/table/types.js';

async function infer(rows: Cell[][]) {
  const { resource, notes } = await inferResource(arraySource(rows), { name: 't', path: 't.csv' });
  return { fields: (resource.schema as Schema).fields, notes };
}

const dates = (n: number) => Array.from({ length: n }, (_, i) => `${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2024`);

describe('majority typing', () => {
  it('keeps a dd/mm/yyyy column a date when one cell is an impossible date, and names its row', async () => {
    const values = dates(30);
    values[17] = '31/02/2024';
    const { fields, notes } = await infer([['tanggal', 'nilai'], ...values.map((v, i) => [v, String(i)])]);
    expect(fields[0]).toEqual({ name: 'tanggal', type: 'date', format: '%d/%m/%Y' });
    const n = notes.find((x) => x.code === 'impossible-dates')!;
    expect(n.level).toBe('warning');
    expect(n.rows).toEqual([19]);
    expect(notes.map((x) => x.code)).not.toContain('type-fallback');
  });

  it('still falls back to text when impossible dates are not a small minority', async () => {
    const values = dates(10);
    values[1] = '31/02/2024';
    values[2] = '30/02/2024';
    const { fields } = await infer([['tanggal'], ...values.map((v) => [v])]);
    expect(fields[0]!.type).toBe('string');
  });

  it('keeps an integer column when one cell of many holds text, and names its row', async () => {
    const rows: Cell[][] = [['sektor'], ...Array.from({ length: 60 }, (_, i) => [String(i + 1)])];
    rows[40] = ['none'];
    const { fields, notes } = await infer(rows);
    expect(fields[0]!.type).toBe('integer');
    expect(notes.find((x) => x.code === 'text-in-number-column')!.rows).toEqual([41]);
  });

  it('says why a column mixing 12/01/18 and 13/12/2018 stays text', async () => {
    const { fields, notes } = await infer([['tgl'], ['12/01/18'], ['12/02/18'], ['13/12/2018'], ['14/12/2018']]);
    expect(fields[0]!.type).toBe('string');
    expect(notes.find((x) => x.code === 'mixed-date-formats')!.rows).toEqual([2, 3]);
  });

  it.each([
    [1, 50, 50, true], [1, 49, 50, false], [10, 500, 50, true], [11, 5000, 50, false], [1, 10, 10, true], [2, 10, 10, false], [0, 10, 10, false],
  ])('few(%i bad of %i, 1 in %i) is %s', (bad, good, ratio, want) => {
    expect(few(bad, good, ratio)).toBe(want);
  });
});
