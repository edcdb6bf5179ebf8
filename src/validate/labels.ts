import type { Schema } from '../schema/types.js';
import { compileField, type CompiledField } from '../schema/cast.js';
import { namesFromLabels } from './infer.js';
import type { ReportError } from './types.js';
import { buildError, labelError } from './build-error.js';
import { at } from '../invariant.js';

export interface FieldMapping {
  /** For each schema field, the 0-based data column holding it, or -1 when absent from the data. */
  columns: number[];
  /**
   * The fields expected in the data, one per data column (frictionless-py 5.21 `get_expected_fields`):
   * each label gets the field it pairs with, a label with no field gets an artificial `any` field (so an
   * extra column is reported once, as extra-label, not on every row), and fields no label pairs with
   * are dropped (reported once, as missing-label). Without a header: the schema's fields.
   */
  expected: CompiledField[];
  /** For each expected field, its schema field index, or -1 for an artificial one. */
  schemaIndex: number[];
  /** Matched by name (fieldsMatch equal/subset/superset/partial) rather than by position. */
  byName: boolean;
  /** Number of data columns the header declares (cells beyond it are extra). */
  width: number;
  /** Errors that make row checking impossible (e.g. duplicate labels under name matching). */
  fatal?: ReportError[];
}

/** Map schema fields to data columns (Table Schema v2 fieldsMatch; frictionless semantics, README §2.7). */
export function mapFields(schema: Schema, fields: CompiledField[], labels: string[], headerless: boolean): FieldMapping {
  const mode = schema.fieldsMatch ?? 'exact';
  if (headerless) {
    return { columns: fields.map((_, i) => i), expected: fields, schemaIndex: fields.map((_, i) => i), byName: false, width: fields.length };
  }
  const expectedFrom = (matched: number[]): Pick<FieldMapping, 'expected' | 'schemaIndex'> => {
    const names = namesFromLabels(
      labels.map((l, p) => (at(matched, p) >= 0 ? at(fields, at(matched, p)).name : l)),
      labels.length,
    );
    return {
      schemaIndex: matched,
      expected: matched.map((fi, p) => (fi >= 0 ? at(fields, fi) : compileField({ name: at(names, p), type: 'any' }))),
    };
  };
  if (mode === 'exact') {
    const matched = labels.map((_, p) => (p < fields.length ? p : -1));
    return { columns: fields.map((_, i) => (i < labels.length ? i : -1)), ...expectedFrom(matched), byName: false, width: labels.length };
  }
  const seen = new Set<string>();
  for (const l of labels) {
    if (seen.has(l)) { // two blank labels are duplicates too (frictionless-py 5.21)
      return {
        columns: fields.map(() => -1),
        expected: [],
        schemaIndex: [],
        byName: true,
        width: labels.length,
        fatal: [buildError('error', `matching fields by name ("fieldsMatch": "${mode}") requires unique labels in the header`)],
      };
    }
    seen.add(l);
  }
  const columns = fields.map((f) => labels.indexOf(f.name));
  const matched = labels.map((l) => (l === '' ? -1 : fields.findIndex((f) => f.name === l)));
  return { columns, ...expectedFrom(matched), byName: true, width: labels.length };
}

function primaryKeyNames(schema: Schema): Set<string> {
  const pk = schema.primaryKey === undefined ? [] : Array.isArray(schema.primaryKey) ? schema.primaryKey : [schema.primaryKey];
  return new Set(pk);
}

/**
 * Header errors in frictionless' order (errors.md §10): extra-label, unmatched-header, missing-label,
 * then per position blank-label / duplicate-label / incorrect-label.
 */
export function checkHeader(schema: Schema, fields: CompiledField[], labels: string[], rowNumbers: number[], mapping: FieldMapping): ReportError[] {
  const out: ReportError[] = [];
  const mode = schema.fieldsMatch ?? 'exact';
  if (!mapping.byName) {
    for (let i = fields.length; i < labels.length; i++) out.push(labelError('extra-label', '', labels, rowNumbers, at(labels, i), '', i + 1));
    for (let i = labels.length; i < fields.length; i++) out.push(labelError('missing-label', '', labels, rowNumbers, '', at(fields, i).name, i + 1));
    const firstAt = new Map<string, number[]>();
    for (let i = 0; i < Math.min(fields.length, labels.length); i++) {
      const label = at(labels, i);
      if (label === '') {
        out.push(labelError('blank-label', '', labels, rowNumbers, '', at(fields, i).name, i + 1));
        continue;
      }
      const earlier = firstAt.get(label);
      if (earlier) {
        out.push(labelError('duplicate-label', `at position "${earlier.join(', ')}"`, labels, rowNumbers, label, at(fields, i).name, i + 1));
        earlier.push(i + 1);
        continue;
      }
      firstAt.set(label, [i + 1]);
      if (label.replace(/\r?\n/g, ' ') !== at(fields, i).name) {
        out.push(labelError('incorrect-label', '', labels, rowNumbers, label, at(fields, i).name, i + 1));
      }
    }
    return out;
  }
  if (mapping.fatal) return out;
  const names = new Set(fields.map((f) => f.name));
  const pk = primaryKeyNames(schema);
  // Name matching: a blank label matches no field, so it is an extra label where extras are not
  // tolerated (equal, superset) and no error elsewhere; the positional blank-label check does not apply.
  if (mode === 'equal' || mode === 'superset') {
    labels.forEach((l, i) => {
      if (!names.has(l)) out.push(labelError('extra-label', '', labels, rowNumbers, l, '', i + 1));
    });
  }
  if (mode === 'partial' && mapping.columns.every((c) => c < 0)) {
    out.push(buildError('unmatched-header', '', { labels, rowNumbers }));
  }
  let extra = 0;
  fields.forEach((f, i) => {
    if (at(mapping.columns, i) >= 0) return;
    const tolerated = mode === 'superset' || mode === 'partial';
    if (tolerated && !f.required && !pk.has(f.name)) return;
    extra++;
    out.push(labelError('missing-label', '', labels, rowNumbers, '', f.name, labels.length + extra));
  });
  return out;
}
