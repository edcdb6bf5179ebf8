import { Chalk } from 'chalk';
import type { Lang } from '../i18n.js';
import type { Report, ReportError, ReportTask } from '../validate/types.js';
import { humanMessage } from './messages.js';
import { orderFindings } from './order.js';
import { msg } from '../i18n.js';
import { at } from '../invariant.js';

export interface TextOptions {
  lang: Lang;
  color: boolean;
  /** Errors printed per task before "... and N more" (default 50). */
  maxPerTask?: number;
}

function location(e: ReportError, task: ReportTask | undefined, lang: Lang): string {
  const parts: string[] = [];
  if (e.rowNumber !== undefined) parts.push(`${msg(lang, 'report.text.row')} ${e.rowNumber}`);
  else if (e.rowNumbers?.length) parts.push(`${msg(lang, 'report.text.header_row')} ${e.rowNumbers.join(', ')}`);
  if (e.fieldNumber !== undefined) {
    const name = e.fieldName ? ` "${e.fieldName}"` : e.label ? ` "${e.label}"` : '';
    const letter = e.cellRef ? e.cellRef.replace(/\d+$/, '') : '';
    parts.push(`${msg(lang, 'report.text.column')} ${letter || e.fieldNumber}${name}`);
  }
  if (e.cellRef && e.rowNumber !== undefined) parts.push(`${msg(lang, 'report.text.cell')} ${e.cellRef}`);
  if (task?.sheet && e.rowNumber !== undefined) parts.unshift(`${msg(lang, 'report.text.sheet')} "${task.sheet}"`);
  return parts.join(', ');
}

/**
 * Warnings are stored in English (the frictionless wording, e.g. "reached error limit: 1000"); the text
 * report says them in the user's language.
 */
export function localizeWarning(w: string, lang: Lang, files: string[] = []): string {
  // The suggested command must work as printed: it names a real file of this report.
  const describe = `satudata describe ${files.length ? quoteArg(at(files, 0)) : msg(lang, 'report.text.file')} --write`;
  const noPackage = /^no datapackage\.json in (.*): validating (\d+) data file\(s\) with inferred schemas$/.exec(w);
  const each = files.length > 1 ? msg(lang, 'report.warning.no_package.each') : '';
  if (noPackage && lang === 'en') return msg(lang, 'report.warning.no_package', { dir: noPackage[1], count: noPackage[2], describe, each });
  if (lang === 'en') return w;
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^reached error limit: (\d+)$/, (m) => msg(lang, 'report.warning.error_limit', { n: m[1] })],
    [/^reached row limit: (\d+)$/, (m) => msg(lang, 'report.warning.row_limit', { n: m[1] })],
    [/^reached report size limit: (\d+) characters of errors$/, (m) => msg(lang, 'report.warning.size_limit', { n: m[1] })],
    [/^merged cells: (.*) \(the value belongs to the top-left cell; the other cells are empty\)$/, (m) => msg(lang, 'report.warning.merged_cells', { cells: m[1] })],
    [/^no datapackage\.json in (.*): validating (\d+) data file\(s\) with inferred schemas$/, (m) => msg(lang, 'report.warning.no_package', { dir: m[1], count: m[2], describe, each })],
    [/^resource "(.*)" in (.*) has no schema: it was inferred from the data$/, (m) => msg(lang, 'report.warning.no_schema', { resource: m[1], place: m[2] })],
    [/^keys checked in memory: no room for their fingerprints in (.*) \((\w+)\); free disk space there or set TMPDIR to a larger disk$/, (m) => msg(lang, 'report.warning.keys_in_memory', { dir: m[1], code: m[2] })],
    [/^hash algorithm "(.*)" is not supported: the hash was not checked$/, (m) => msg(lang, 'report.warning.hash_unsupported', { algorithm: m[1] })],
  ];
  for (const [re, f] of rules) {
    const m = re.exec(w);
    if (m) return f(m);
  }
  return w;
}

/** A file name as a shell argument: in double quotes (cmd, PowerShell and sh alike) when it holds more than safe characters. */
function quoteArg(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `"${s.replace(/"/g, '\\"')}"`;
}

/** The human report: grouped per file, each error located (row, column, Excel cell) with a fix. */
export function renderText(report: Report, opts: TextOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const id = opts.lang === 'id';
  const max = opts.maxPerTask ?? 50;
  const out: string[] = [];

  const { blocking, gaps } = orderFindings(report);
  if (blocking.length) {
    out.push(c.red.bold(msg(opts.lang, 'report.text.metadata_errors_datapackage_json')));
    for (const e of blocking) {
      const where = [e.place, e.pointer].filter((x) => x !== undefined && x !== '').join(' ');
      out.push(`  • ${where ? c.dim(`[${where}] `) : ''}${e.title}: ${(id && e.noteId) || e.note}`);
    }
    out.push('');
  }

  for (const task of report.tasks) {
    const rows = task.stats.rows !== undefined ? `${task.stats.rows} ${msg(opts.lang, 'report.text.rows')}` : '';
    const sheet = task.sheet ? `${msg(opts.lang, 'report.text.sheet_2')} "${task.sheet}"` : '';
    const meta = [rows, sheet].filter(Boolean).join(', ');
    if (task.valid) {
      out.push(`${c.green('✓')} ${task.place} ${c.dim(`[${task.name}]${meta ? ` ${meta}` : ''}`)}`);
    } else {
      const count = msg(opts.lang, task.errors.length === 1 ? 'report.text.errors.one' : 'report.text.errors.many', { count: task.errors.length });
      out.push(`${c.red('✗')} ${c.bold(task.place)} ${c.dim(`[${task.name}]${meta ? ` ${meta}` : ''}`)} — ${c.red(count)}`);
      for (const e of task.errors.slice(0, max)) {
        const h = humanMessage(e, opts.lang);
        const loc = location(e, task, opts.lang);
        out.push(`  • ${loc ? c.yellow(loc) + ': ' : ''}${h.what}`);
        if (h.fix) out.push(c.dim(`    → ${msg(opts.lang, 'report.text.fix')}: ${h.fix}`));
      }
      if (task.errors.length > max) {
        const more = task.errors.length - max;
        out.push(c.dim(msg(opts.lang, 'report.text.more_errors', { more })));
      }
    }
    for (const w of task.warnings) out.push(c.yellow(`  ! ${localizeWarning(w, opts.lang)}`));
    if (task.partial) {
      out.push(c.bgYellow.black.bold(msg(opts.lang, 'report.text.partial_report')) + ' ' + c.yellow(msg(opts.lang, 'report.text.partial_table', { warning: id ? localizeWarning(task.warnings[0] ?? '', 'id') : task.warnings[0] ?? '' })));
    }
  }
  // Metadata gaps last, after every data error: they are many on a fresh package and must not bury a wrong cell.
  for (const g of gaps) {
    out.push('');
    out.push(c.red.bold(msg(opts.lang, 'report.text.satu_data_metadata_incomplete', { value: g.place ? ` (${g.place})` : '', length: g.errors.length })));
    for (const e of g.errors) out.push(`  • ${e.pointer ? c.dim(`[${e.pointer}] `) : ''}${humanMessage(e, opts.lang).what}`);
    out.push(c.dim(msg(opts.lang, 'report.text.fix_run_satudata_metadata')));
  }
  const bareFiles = report.tasks.filter((t) => !t.package).map((t) => t.place);
  for (const w of report.warnings) out.push(c.yellow(`! ${localizeWarning(w, opts.lang, bareFiles)}`));

  out.push('');
  const failed = report.tasks.filter((t) => !t.valid).length;
  const secs = report.stats.seconds.toFixed(2);
  if (report.valid) {
    out.push(c.green.bold(msg(opts.lang, 'report.text.valid_table_s_checked', { tasks: report.stats.tasks, secs })));
  } else {
    out.push(
      c.red.bold(
        msg(opts.lang, 'report.text.invalid', {
          errors: report.stats.errors,
          meta: report.errors.length ? msg(opts.lang, 'report.text.invalid.meta', { count: report.errors.length }) : '',
          failed,
          tasks: report.stats.tasks,
          secs,
        }),
      ),
    );
  }
  if (report.partial) {
    out.push(c.yellow.bold(msg(opts.lang, 'report.text.warning_this_report_is')));
  }
  return out.join('\n') + '\n';
}
