import type { Lang } from '../i18n.js';
import type { Report, ReportError, ReportTask } from '../validate/types.js';
import { humanMessage } from './messages.js';
import { orderFindings } from './order.js';
import { localizeWarning } from './text.js';

function xml(s: string): string {
  // XML 1.0 forbids most control characters even when escaped: drop them.
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function errorLine(e: ReportError, lang: Lang): string {
  const where = [e.rowNumber !== undefined ? `row ${e.rowNumber}` : '', e.fieldName ? `field "${e.fieldName}"` : '', e.cellRef ? `cell ${e.cellRef}` : ''].filter(Boolean).join(', ');
  const h = humanMessage(e, lang);
  return `[${e.type}] ${where ? where + ': ' : ''}${h.what}${h.fix ? ` (${h.fix})` : ''}`;
}

export interface JunitOptions {
  lang: Lang;
  /** Fixed timestamp for reproducible output (tests). */
  timestamp?: string;
}

/**
 * JUnit XML (the Jenkins/Ant "common" schema): one <testsuite> per data package (bare files: one suite
 * "files"), one <testcase> per resource, a <failure> carrying that resource's errors. Top-level
 * metadata errors become a "metadata" testcase.
 */
export function renderJunit(report: Report, opts: JunitOptions): string {
  const timestamp = (opts.timestamp ?? new Date().toISOString()).replace(/\.\d+Z$|Z$/, '');
  const suites = new Map<string, { cases: ReportTask[]; meta: ReportError[] }>();
  const suite = (name: string) => {
    let s = suites.get(name);
    if (!s) suites.set(name, (s = { cases: [], meta: [] }));
    return s;
  };
  const { blocking, gaps } = orderFindings(report);
  for (const e of [...blocking, ...gaps.flatMap((g) => g.errors)]) suite(e.place ?? 'metadata').meta.push(e);
  for (const t of report.tasks) suite(t.package ?? 'files').cases.push(t);

  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const totalTests = report.tasks.length + [...suites.values()].filter((s) => s.meta.length).length;
  const totalFailures = report.tasks.filter((t) => !t.valid).length + [...suites.values()].filter((s) => s.meta.length).length;
  out.push(`<testsuites name="satudata validate" tests="${totalTests}" failures="${totalFailures}" errors="0" time="${report.stats.seconds}">`);
  let id = 0;
  for (const [name, s] of suites) {
    const tests = s.cases.length + (s.meta.length ? 1 : 0);
    const failures = s.cases.filter((t) => !t.valid).length + (s.meta.length ? 1 : 0);
    const time = s.cases.reduce((a, t) => a + t.stats.seconds, 0);
    out.push(`  <testsuite name="${xml(name)}" id="${id++}" tests="${tests}" failures="${failures}" errors="0" skipped="0" time="${time.toFixed(3)}" timestamp="${timestamp}">`);
    for (const t of s.cases) {
      out.push(`    <testcase name="${xml(`${t.name} (${t.place})`)}" classname="${xml(name)}" time="${t.stats.seconds.toFixed(3)}">`);
      if (!t.valid) {
        const types = [...new Set(t.errors.map((e) => e.type))].join(', ');
        out.push(`      <failure message="${xml(`${t.errors.length} error(s): ${types}`)}" type="${xml(t.errors[0]?.type ?? 'error')}">${xml(t.errors.map((e) => errorLine(e, opts.lang)).join('\n'))}</failure>`);
      }
      if (t.warnings.length) out.push(`      <system-out>${xml(t.warnings.map((w) => localizeWarning(w, opts.lang)).join('\n'))}</system-out>`);
      out.push('    </testcase>');
    }
    // Metadata last, after the data: the same order as the text report and the annotations.
    if (s.meta.length) {
      out.push(`    <testcase name="metadata" classname="${xml(name)}" time="0">`);
      out.push(`      <failure message="${xml(`${s.meta.length} metadata error(s)`)}" type="metadata-error">${xml(s.meta.map((e) => errorLine(e, opts.lang)).join('\n'))}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
