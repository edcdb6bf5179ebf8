/**
 * Data errors come before metadata gaps in every format, and the gaps of a package are grouped, so a
 * fresh package with 150 empty metadata fields cannot hide its one wrong cell.
 */
import { describe, expect, it } from 'vitest';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import { renderGithub } from '../../../src/report/github.js';
import { renderJunit } from '../../../src/report/junit.js';
import { orderFindings } from '../../../src/report/order.js';
import { renderText } from '../../../src/report/text.js';
import { buildError, cellError } from '../../../src/validate/build-error.js';
import type { Report, ReportError } from '../../../src/validate/types.js';

function gaps(n: number, place: string): ReportError[] {
  return Array.from({ length: n }, (_, i) => ({ ...buildError('satudata-metadata', `resources.0.schema.fields.${i}.description`), type: 'satudata-metadata', message: `Metadata wajib "k${i}" belum diisi`, note: `resources.0.schema.fields.${i}.description`, pointer: `/resources/0/schema/fields/${i}/description`, place }));
}

function report(metaGaps: ReportError[], blocking: ReportError[] = []): Report {
  return {
    valid: false,
    partial: false,
    stats: { tasks: 1, errors: metaGaps.length + blocking.length + 1, warnings: 0, seconds: 0.1 },
    warnings: [],
    errors: [...metaGaps, ...blocking],
    tasks: [
      {
        name: 'dinkes',
        type: 'table',
        valid: false,
        place: 'data/dinkes.csv',
        labels: ['a'],
        stats: { errors: 1, warnings: 0, seconds: 0 },
        warnings: [],
        errors: [Object.assign(cellError('extra-cell', 'extra', ['1', '2'], 2, 'x', '', 11), { cellRef: 'K2' })],
      },
    ],
  };
}

describe('orderFindings', () => {
  it('splits blocking errors from metadata gaps and groups the gaps per package, in first-seen order', () => {
    const blocking = Object.assign(buildError('schema-error', 'bad'), { place: 'b/datapackage.json' });
    const r = report([...gaps(2, 'a/datapackage.json'), ...gaps(1, 'b/datapackage.json'), ...gaps(1, 'a/datapackage.json')], [blocking]);
    const o = orderFindings(r);
    expect(o.blocking).toEqual([blocking]);
    expect(o.gaps.map((g) => [g.place, g.errors.length])).toEqual([
      ['a/datapackage.json', 3],
      ['b/datapackage.json', 1],
    ]);
  });
});

describe('GitHub annotations with 150 metadata gaps and one data error', () => {
  const out = renderGithub(report(gaps(150, 'datapackage.json')), { lang: 'id' }).trimEnd().split('\n');

  it('annotates the data error first, with its cell', () => {
    expect(out[0]).toMatch(/^::error file=data\/dinkes\.csv,line=2,col=11,title=.* K2::/);
  });

  it('groups the gaps into one annotation for the package, naming the fields', () => {
    const meta = out.filter((l) => l.includes('[satudata-metadata]'));
    expect(meta).toHaveLength(1);
    expect(meta[0]).toMatch(/^::error file=datapackage\.json,title=Metadata Satu Data belum lengkap \(150\)::150 metadata belum diisi/);
    expect(meta[0]).toContain('resources.0.schema.fields.149.description');
    expect(out.filter((l) => l.startsWith('::error'))).toHaveLength(2);
    expect(out.join('\n')).not.toMatch(/tidak ditampilkan sebagai anotasi/);
  });

  it('a descriptor error (blocking) still comes before the data', () => {
    const o = renderGithub(report(gaps(3, 'datapackage.json'), [Object.assign(buildError('schema-error', 'bad schema'), { place: 'datapackage.json' })]), { lang: 'en' }).split('\n');
    expect(o[0]).toMatch(/title=Schema Error/);
    expect(o[1]).toMatch(/file=data\/dinkes\.csv/);
    expect(o[2]).toMatch(/Satu Data metadata incomplete \(3\)/);
  });
});

describe('text and JUnit put the data before the metadata gaps', () => {
  it('text: the table and its wrong cell come before the gap list', () => {
    const text = renderText(report(gaps(5, 'datapackage.json')), { lang: 'id', color: false });
    const cell = text.indexOf('sel K2');
    const meta = text.indexOf('Metadata Satu Data belum lengkap (datapackage.json): 5');
    expect(cell).toBeGreaterThan(-1);
    expect(meta).toBeGreaterThan(cell);
    expect(text.match(/Perbaiki: jalankan "satudata metadata"/g)).toHaveLength(1);
  });

  it('JUnit: the metadata testcase follows the data testcases of its suite', () => {
    const r = report(gaps(2, 'datapackage.json'));
    r.tasks[0]!.package = 'datapackage.json';
    const xml = renderJunit(r, { lang: 'en', timestamp: '2026-01-01T00:00:00' });
    expect(xml.indexOf('name="dinkes (data/dinkes.csv)"')).toBeGreaterThan(-1);
    expect(xml.indexOf('name="metadata"')).toBeGreaterThan(xml.indexOf('name="dinkes (data/dinkes.csv)"'));
  });
});

describe('the real profile errors group by their package file', () => {
  it('checkSatudataProfile errors on an empty package are all gaps', () => {
    const errs = checkSatudataProfile({ resources: [] } as never, { lang: 'id' }).map((e) => ({ ...e, place: 'datapackage.json' }));
    expect(errs.length).toBeGreaterThan(3);
    const o = orderFindings({ ...report([]), errors: errs });
    expect(o.blocking).toEqual([]);
    expect(o.gaps).toHaveLength(1);
  });
});
