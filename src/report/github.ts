import type { Lang } from '../i18n.js';
import type { Report, ReportError } from '../validate/types.js';
import { humanMessage } from './messages.js';
import { gapKeys, METADATA_GAP_TYPE, orderFindings, type MetadataGaps } from './order.js';
import { msg } from '../i18n.js';

/** Escaping as GitHub documents for workflow commands (toolkit `command.ts`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface GithubOptions {
  lang: Lang;
  /** Annotations at most (GitHub shows only a few per step anyway); default 100. */
  maxAnnotations?: number;
}

function annotation(file: string | undefined, e: ReportError, lang: Lang): string {
  const props: string[] = [];
  if (file) props.push(`file=${escapeProperty(file)}`);
  if (e.rowNumber !== undefined) props.push(`line=${e.rowNumber}`);
  else if (e.rowNumbers?.length) props.push(`line=${e.rowNumbers[0]}`);
  if (e.fieldNumber !== undefined) props.push(`col=${e.fieldNumber}`);
  const cell = e.cellRef ? ` ${e.cellRef}` : '';
  props.push(`title=${escapeProperty(`${e.title}${cell}`)}`);
  const h = humanMessage(e, lang);
  const text = `${h.what}${h.fix ? ` — ${msg(lang, 'report.github.fix')}: ${h.fix}` : ''} [${e.type}]`;
  return `::error ${props.join(',')}::${escapeData(text)}`;
}

/** One annotation for all the metadata gaps of a package, listing the fields to fill. */
function gapsAnnotation(g: MetadataGaps, lang: Lang): string {
  const keys = gapKeys(g);
  const props: string[] = [];
  if (g.place) props.push(`file=${escapeProperty(g.place)}`);
  props.push(`title=${escapeProperty(msg(lang, 'report.github.satu_data_metadata_incomplete', { length: keys.length }))}`);
  const text = msg(lang, 'report.github.metadata_fields_missing_or', { length: keys.length, keys: keys.join(', '), METADATA_GAP_TYPE });
  return `::error ${props.join(',')}::${escapeData(text)}`;
}

/**
 * GitHub Actions workflow-command annotations: errors that stop a package being read, then every
 * table's data errors (up to a limit), then one annotation per package for its metadata gaps (always
 * shown: they are few), then a summary line.
 */
export function renderGithub(report: Report, opts: GithubOptions): string {
  const max = opts.maxAnnotations ?? 100;
  const lines: string[] = [];
  const { blocking, gaps } = orderFindings(report);
  let shown = 0;
  let total = 0;
  const add = (place: string | undefined, e: ReportError): void => {
    total++;
    if (shown < max) {
      lines.push(annotation(place, e, opts.lang));
      shown++;
    }
  };
  for (const e of blocking) add(e.place, e);
  for (const task of report.tasks) for (const e of task.errors) add(task.place, e);
  for (const g of gaps) lines.push(gapsAnnotation(g, opts.lang));
  if (total > shown) lines.push(msg(opts.lang, 'report.github.satudata_more_errors_not', { value: total - shown }));
  const failed = report.tasks.filter((t) => !t.valid).length;
  lines.push(
    report.valid
      ? msg(opts.lang, 'report.github.satudata_valid_table_s', { tasks: report.stats.tasks })
      : msg(opts.lang, 'report.github.invalid', {
          errors: report.stats.errors,
          failed,
          tasks: report.stats.tasks,
          partial: report.partial ? msg(opts.lang, 'report.github.invalid.partial') : '',
        }),
  );
  return lines.join('\n') + '\n';
}
