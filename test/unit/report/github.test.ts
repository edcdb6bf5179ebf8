import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, renderGithub } from '../../../src/report/github.js';
import { buildError, cellError } from '../../../src/validate/build-error.js';
import type { Report } from '../../../src/validate/types.js';

describe('GitHub workflow command escaping', () => {
  it.each([
    ['100%', '100%25', '100%25'],
    ['a\nb', 'a%0Ab', 'a%0Ab'],
    ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
    ['C:\\data,1', 'C:\\data,1', 'C%3A\\data%2C1'],
  ])('%j', (input, data, prop) => {
    expect(escapeData(input)).toBe(data);
    expect(escapeProperty(input)).toBe(prop);
  });
});

describe('renderGithub', () => {
  const report: Report = {
    valid: false,
    partial: false,
    stats: { tasks: 1, errors: 2, warnings: 0, seconds: 0.1 },
    warnings: [],
    errors: [Object.assign(buildError('package-error', '"name" is required'), { place: 'data,pkg/datapackage.json' })],
    tasks: [
      {
        name: 'kebakaran',
        type: 'table',
        valid: false,
        place: 'data/kebakaran.csv',
        labels: ['id', 'tanggal'],
        stats: { errors: 1, warnings: 0, seconds: 0 },
        warnings: [],
        errors: [cellError('type-error', 'type is "date/default"', ['1', '31-02-2023'], 17, '31-02-2023', 'tanggal', 2)],
      },
    ],
  };

  it('emits one ::error per error with file, line, col and the cell address, then a summary', () => {
    const out = renderGithub(report, { lang: 'en' }).trimEnd().split('\n');
    expect(out).toHaveLength(3);
    expect(out[0]).toMatch(/^::error file=data%2Cpkg\/datapackage.json,title=Package Error::/);
    expect(out[1]).toMatch(/^::error file=data\/kebakaran.csv,line=17,col=2,title=Type Error B17::/);
    expect(out[1]).toContain('31-02-2023');
    expect(out[2]).toBe('satudata: INVALID — 2 error(s) in 1 of 1 table(s)');
  });

  it('caps the annotations and says how many were left out, in Indonesian by default', () => {
    const out = renderGithub(report, { lang: 'id', maxAnnotations: 1 }).trimEnd().split('\n');
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(1);
    expect(out[1]).toContain('1 galat lain');
    expect(out[2]).toContain('TIDAK VALID');
  });
});
