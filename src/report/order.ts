/**
 * The order every report format shows findings in: errors that stop a package from being read at all
 * (descriptor and schema errors) first, then the data errors of each table, and last the Satu Data
 * metadata gaps of the `satudata` profile, grouped per package, so that a long list of empty metadata
 * fields can never hide a wrong cell (GitHub shows only the first annotations of a step).
 */
import type { Report, ReportError } from '../validate/types.js';

export const METADATA_GAP_TYPE = 'satudata-metadata';

export interface MetadataGaps {
  /** The descriptor that holds the gaps (`datapackage.json`, or a path to it). */
  place: string | undefined;
  errors: ReportError[];
}

export interface OrderedFindings {
  /** Top-level errors other than metadata gaps (descriptor, schema, profile). */
  blocking: ReportError[];
  /** Metadata gaps, one group per package, in first-seen order. */
  gaps: MetadataGaps[];
}

export function orderFindings(report: Report): OrderedFindings {
  const blocking: ReportError[] = [];
  const groups = new Map<string | undefined, ReportError[]>();
  for (const e of report.errors) {
    if (e.type !== METADATA_GAP_TYPE) {
      blocking.push(e);
      continue;
    }
    const list = groups.get(e.place);
    if (list) list.push(e);
    else groups.set(e.place, [e]);
  }
  return { blocking, gaps: [...groups].map(([place, errors]) => ({ place, errors })) };
}

/** The metadata keys a group names (`title`, `resources.0.schema.fields.2.description`, ...), once each. */
export function gapKeys(g: MetadataGaps): string[] {
  return [...new Set(g.errors.map((e) => e.note ?? e.pointer ?? e.message))];
}
