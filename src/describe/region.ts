/**
 * Makassar kecamatan reference (bundled in templates/reference/kecamatan-makassar.csv): a column whose
 * values are all kecamatan names or codes is offered an `enum` built from the reference list.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Kecamatan {
  kode: string;
  nama: string;
}

let cache: Kecamatan[] | undefined;

/** templates/ sits next to dist/ and src/ at the package root. */
export function referencePath(file: string): string {
  return fileURLToPath(new URL(`../../templates/reference/${file}`, import.meta.url));
}

export function loadKecamatan(): Kecamatan[] {
  if (cache) return cache;
  const text = readFileSync(referencePath('kecamatan-makassar.csv'), 'utf8');
  cache = text
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [kode = '', nama = ''] = l.split(',');
      return { kode: kode.trim(), nama: nama.trim() };
    });
  return cache;
}

export type Casing = 'as-is' | 'upper' | 'lower';

export type KecamatanMatch =
  | { kind: 'names'; casing: Casing; values: string[] }
  | { kind: 'codes'; compact: boolean; values: string[] };

const stripPrefix = (v: string) => v.replace(/^(kec\.?|kecamatan)\s+/i, '').trim();

/**
 * Decide whether all distinct values are kecamatan names (in one casing) or codes (`73.71.01` or
 * `737101`). Returns the enum to offer, or undefined.
 */
export function matchKecamatan(distinct: Iterable<string>, list = loadKecamatan()): KecamatanMatch | undefined {
  const values = [...distinct];
  if (values.length === 0) return undefined;
  const codes = new Set(list.map((k) => k.kode));
  const compact = new Set(list.map((k) => k.kode.replace(/\./g, '')));
  if (values.every((v) => codes.has(v))) return { kind: 'codes', compact: false, values: list.map((k) => k.kode) };
  if (values.every((v) => compact.has(v))) return { kind: 'codes', compact: true, values: list.map((k) => k.kode.replace(/\./g, '')) };
  const names = new Set(list.map((k) => k.nama));
  if (values.some((v) => stripPrefix(v) !== v)) return undefined;
  for (const casing of ['as-is', 'upper', 'lower'] as const) {
    const tr = (s: string) => (casing === 'upper' ? s.toUpperCase() : casing === 'lower' ? s.toLowerCase() : s);
    const set = new Set([...names].map(tr));
    if (values.every((v) => set.has(v))) return { kind: 'names', casing, values: list.map((k) => tr(k.nama)) };
  }
  return undefined;
}
