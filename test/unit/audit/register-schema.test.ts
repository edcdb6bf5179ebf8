import { describe, expect, it } from 'vitest';
import { mergeProblems, registerSchema } from '../../../src/audit/register-schema.js';
import { mapHeader } from '../../../src/audit/register-rules.js';
import type { ReportError } from '../../../src/validate/types.js';

const err = (over: Partial<ReportError>): ReportError => ({ type: 'constraint-error', title: '', message: 'engine says', tags: [], note: '', ...over });

describe('registerSchema', () => {
  it('builds fields for the actual header, with required, pattern, enum and the primary key', () => {
    const labels = ['Frequency', 'name', 'organization', 'title', 'catatan'];
    const schema = registerSchema(labels, mapHeader(labels), ['TAHUNAN', 'kadang', 'Per Bulan']);
    expect(schema.primaryKey).toEqual(['organization', 'name']);
    expect(schema.fields.map((f) => f.name)).toEqual(labels);
    const byName = Object.fromEntries(schema.fields.map((f) => [f.name, f])) as Record<string, { constraints?: Record<string, unknown> }>;
    expect(byName.catatan!.constraints).toBeUndefined();
    expect(byName.title!.constraints).toEqual({ required: true });
    expect(byName.organization!.constraints).toEqual({ required: true, pattern: '[a-z0-9_-]{2,100}' });
    const en = byName.Frequency!.constraints!.enum as string[];
    expect(en).toContain('tahunan');
    expect(en).toContain('sekali');
    // Spellings from the file that the vocabulary accepts are added; unknown ones are not.
    expect(en).toContain('TAHUNAN');
    expect(en).toContain('Per Bulan');
    expect(en).not.toContain('kadang');
  });
});

describe('mergeProblems', () => {
  it('keeps our wording for what both found, adds what only the engine saw, drops blank rows', () => {
    const own = [
      { kind: 'frequency', rowNumber: 3, column: 'frekuensi', message: { id: 'ours', en: 'ours' } },
      { kind: 'duplicate', rowNumber: 4, message: { id: 'dup', en: 'dup' } },
    ];
    const merged = mergeProblems(
      [
        err({ rowNumber: 3, fieldName: 'frekuensi', note: 'constraint "enum" is "[...]"' }),
        err({ type: 'primary-key', rowNumber: 4, note: 'the same as in the row at position 2' }),
        err({ type: 'extra-cell', rowNumber: 2, fieldName: '', cell: 'lebih', message: 'Row at position "2" has an extra value' }),
        err({ type: 'blank-row', rowNumber: 5 }),
      ],
      own,
    );
    // What only the engine saw is said in the validate report's plain wording, in both languages.
    expect(merged[0]!.message.id).toMatch(/^baris ini punya nilai lebih \("lebih"\)/);
    expect(merged.map((p) => [p.kind, p.rowNumber, p.message.en])).toEqual([
      ['extra-cell', 2, 'the row has an extra value ("lebih") beyond the schema\'s columns (fix: remove it or add the column to the schema; check for unquoted commas/semicolons)'],
      ['frequency', 3, 'ours'],
      ['duplicate', 4, 'dup'],
    ]);
  });
});
