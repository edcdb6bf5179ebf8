/**
 * Pure: what the template says and enforces for one field: the Excel number format, the data
 * validation rule, and the Bahasa Indonesia explanation for the `Petunjuk` sheet.
 */
import type { Field } from '../schema/types.js';

export const TYPE_ID: Record<string, string> = {
  string: 'teks', integer: 'bilangan bulat', number: 'angka (boleh desimal)', boolean: 'ya/tidak', date: 'tanggal',
  time: 'jam', datetime: 'tanggal dan jam', year: 'tahun', yearmonth: 'tahun-bulan', any: 'bebas',
};

export function numFmt(f: Field): string | undefined {
  switch (f.type) {
    case 'integer':
    case 'year':
      return '0';
    case 'number':
      return 'General';
    case 'date':
      return 'yyyy-mm-dd';
    case 'time':
      return 'hh:mm:ss';
    case 'datetime':
      return 'yyyy-mm-dd hh:mm:ss';
    case 'string':
    case 'yearmonth':
      // Text format keeps codes as typed (leading zeros, 73.71.01) instead of turning them into numbers.
      return '@';
    default:
      return undefined;
  }
}

export type Rule =
  | { type: 'list'; values: string[] }
  | { type: 'whole' | 'decimal'; min?: number; max?: number }
  | { type: 'date'; min?: Date; max?: Date }
  | { type: 'textLength'; min?: number; max?: number };

const num = (v: unknown): number | undefined => (v === undefined || v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v));
function day(v: unknown): Date | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return new Date(`${v}T00:00:00Z`);
}

/** The Excel validation for a field (undefined: nothing Excel can check). `refValues` are FK lists. */
export function ruleFor(f: Field, refValues?: string[]): Rule | undefined {
  const c = f.constraints ?? {};
  if (Array.isArray(c.enum) && c.enum.length) return { type: 'list', values: c.enum.map(String) };
  if (refValues?.length) return { type: 'list', values: refValues };
  switch (f.type) {
    case 'integer':
    case 'year':
      return { type: 'whole', min: num(c.minimum), max: num(c.maximum) };
    case 'number':
      return { type: 'decimal', min: num(c.minimum), max: num(c.maximum) };
    case 'date':
      return { type: 'date', min: day(c.minimum), max: day(c.maximum) };
    case 'boolean': {
      const t = f.trueValues?.[0] ?? 'true';
      const fa = f.falseValues?.[0] ?? 'false';
      return { type: 'list', values: [t, fa] };
    }
    case 'string':
      if (c.minLength !== undefined || c.maxLength !== undefined) return { type: 'textLength', min: num(c.minLength), max: num(c.maxLength) };
      return undefined;
    default:
      return undefined;
  }
}

/** Constraints in words (Bahasa Indonesia). */
export function constraintText(f: Field): string {
  const c = f.constraints ?? {};
  const out: string[] = [];
  if (c.required) out.push('wajib diisi');
  if (c.unique) out.push('tidak boleh ada yang sama');
  if (c.minimum !== undefined) out.push(`paling kecil ${String(c.minimum)}`);
  if (c.maximum !== undefined) out.push(`paling besar ${String(c.maximum)}`);
  if (c.minLength !== undefined) out.push(`paling sedikit ${c.minLength} karakter`);
  if (c.maxLength !== undefined) out.push(`paling banyak ${c.maxLength} karakter`);
  if (Array.isArray(c.enum)) out.push(`pilih dari daftar (${c.enum.length} pilihan)`);
  if (c.pattern) out.push(`harus sesuai pola ${c.pattern}`);
  if (f.type === 'date') out.push('tulis sebagai tanggal Excel atau TTTT-BB-HH');
  if (f.type === 'number' && f.decimalChar === ',') out.push('koma sebagai pemisah desimal bila diketik sebagai teks');
  return out.join('; ');
}

export function exampleFor(f: Field): string {
  if (f.example !== undefined) return String(f.example);
  const c = f.constraints ?? {};
  if (Array.isArray(c.enum) && c.enum.length) return String(c.enum[0]);
  switch (f.type) {
    case 'integer': return String(num(c.minimum) ?? 10);
    case 'number': return String(num(c.minimum) ?? 12.5);
    case 'date': return typeof c.minimum === 'string' ? c.minimum : '2024-12-31';
    case 'time': return '08:30:00';
    case 'datetime': return '2024-12-31 08:30:00';
    case 'year': return '2024';
    case 'boolean': return f.trueValues?.[0] ?? 'true';
    default: return '';
  }
}
