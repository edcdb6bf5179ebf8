import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../../src/report/junit.js';
import type { Report } from '../../../src/validate/types.js';

const merged = 'merged cells: A1:C1 (the value belongs to the top-left cell; the other cells are empty)';

function report(): Report {
  return {
    valid: true,
    partial: false,
    stats: { tasks: 1, errors: 0, warnings: 1, seconds: 0.1 },
    warnings: [],
    errors: [],
    tasks: [{ name: 'dinkes', type: 'table', valid: true, place: 'data/dinkes.xlsx', labels: ['a'], stats: { errors: 0, warnings: 1, seconds: 0 }, warnings: [merged], errors: [] }],
  };
}

describe('renderJunit warnings', () => {
  it('says a table warning in the report language (Bahasa Indonesia by default, as the text report)', () => {
    const xml = renderJunit(report(), { lang: 'id', timestamp: '2026-01-01T00:00:00' });
    expect(xml).toContain('<system-out>sel gabungan: A1:C1 (nilainya milik sel kiri atas; sel lain dianggap kosong)</system-out>');
    expect(xml).not.toContain('merged cells');
  });

  it('keeps the English wording with --lang en', () => {
    const xml = renderJunit(report(), { lang: 'en', timestamp: '2026-01-01T00:00:00' });
    expect(xml).toContain(`<system-out>${merged}</system-out>`);
  });
});
