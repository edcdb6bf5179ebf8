import { humanMessage } from '../report/messages.js';
/**
 * The Table Schema of a Daftar Data register, built for the header the file actually has (Indonesian
 * or English labels, any order), so the validate engine checks it like any other table: required
 * cells, CKAN names, the frequency vocabulary, and (skpd, dataset) as primary key. Also maps the
 * engine's report back to register problems in the user's language.
 */
import type { Schema } from '../schema/types.js';
import type { ReportError } from '../validate/types.js';
import { acceptedSpellings, parseFrequency } from './frequency.js';
import { CKAN_NAME, REQUIRED_COLUMNS, type HeaderMap, type ProblemKind, type RegisterColumn, type RegisterProblem } from './register-rules.js';
import { msg } from '../i18n.js';
import { at, defined } from '../invariant.js';

/**
 * `enum` is case-sensitive in Table Schema while people write "Tahunan" or "TAHUNAN"; the enum therefore
 * lists the canonical spellings plus every spelling found in the file that the vocabulary accepts, so the
 * engine's verdict and `parseFrequency` always agree.
 */
export function registerSchema(labels: string[], header: HeaderMap, frequencyValues: Iterable<string>): Schema {
  const colOf = new Map<number, RegisterColumn>();
  for (const [col, i] of Object.entries(header.index) as [RegisterColumn, number][]) colOf.set(i, col);
  const spellings = new Set(acceptedSpellings());
  for (const v of frequencyValues) if (parseFrequency(v)) spellings.add(v);
  const fields = labels.map((name, i) => {
    const col = colOf.get(i);
    const constraints: Record<string, unknown> = {};
    if (col && REQUIRED_COLUMNS.includes(col)) constraints.required = true;
    if (col === 'org' || col === 'dataset') constraints.pattern = CKAN_NAME.source.replace(/^\^|\$$/g, '');
    if (col === 'frequency') constraints.enum = [...spellings];
    return { name, type: 'string', ...(Object.keys(constraints).length ? { constraints } : {}) };
  });
  return {
    fields,
    // checkRegister stops at a missing required column, so org and dataset are mapped here.
    primaryKey: [at(labels, defined(header.index.org, 'the org column')), at(labels, defined(header.index.dataset, 'the dataset column'))],
    missingValues: [''],
  } as unknown as Schema;
}

function kindOf(e: ReportError): ProblemKind | undefined {
  if (e.type === 'blank-row') return undefined; // Excel leaves empty rows at the end; they mean nothing here.
  // Key cells all empty: a blank row (ignored) or a row whose empty cells are reported as such.
  if (e.type === 'primary-key') return /all "None"/.test(e.note) ? undefined : 'duplicate';
  if (e.type === 'constraint-error') {
    const m = /"(required|pattern|enum)"/.exec(e.note);
    if (m) return ({ required: 'empty', pattern: 'name', enum: 'frequency' } as const)[m[1] as 'required' | 'pattern' | 'enum'];
  }
  return e.type;
}

const keyOf = (p: { kind: ProblemKind; rowNumber?: number; column?: string }) => `${p.kind}|${p.rowNumber ?? ''}|${p.kind === 'duplicate' ? '' : (p.column ?? '')}`;

/** The validate report's own plain-language wording of an engine finding, in both languages. */
function engineMessage(e: ReportError): { id: string; en: string } {
  const say = (lang: 'id' | 'en') => {
    const h = humanMessage(e, lang);
    return h.fix ? `${h.what} (${msg(lang, 'audit.register-schema.fix')}: ${h.fix})` : h.what;
  };
  return { id: say('id'), en: say('en') };
}

/**
 * Merge the engine's findings with our own checks of the same rows. Our wording wins where both found
 * the same problem; anything only the engine saw (encoding, extra cells, ...) keeps its message.
 */
export function mergeProblems(engine: ReportError[], own: RegisterProblem[]): RegisterProblem[] {
  const out = [...own];
  const seen = new Set(own.map(keyOf));
  for (const e of engine) {
    const kind = kindOf(e);
    if (!kind) continue;
    const p: RegisterProblem = {
      kind,
      ...(e.rowNumber !== undefined ? { rowNumber: e.rowNumber } : {}),
      ...(e.fieldName !== undefined && kind !== 'duplicate' ? { column: e.fieldName } : {}),
      message: engineMessage(e),
    };
    if (seen.has(keyOf(p))) continue;
    seen.add(keyOf(p));
    out.push(p);
  }
  return out.sort((a, b) => (a.rowNumber ?? 0) - (b.rowNumber ?? 0));
}
