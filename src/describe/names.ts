/**
 * Safe field names: lowercase ASCII letters, digits and underscores, starting with a letter, so the
 * name works as a column name in SQL, pandas, R and CKAN's DataStore. The original header is kept as
 * the field `title`.
 */

export function safeName(label: string, position: number): string {
  const base = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/%/g, ' persen ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (base === '') return `kolom_${position}`;
  // A leading digit (`2024`, `35_39_laki_laki`) is not a valid identifier in most tools.
  return /^[0-9]/.test(base) ? `kolom_${base}` : base;
}

/** Make names unique in order: the second `nama` becomes `nama_2`, and so on. */
export function uniqueNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((n) => {
    let candidate = n;
    for (let i = 2; used.has(candidate); i++) candidate = `${n}_${i}`;
    used.add(candidate);
    return candidate;
  });
}

/** Column header words that mean "this is a code/identifier, keep it as text" (leading zeros, dots). */
const CODE_WORDS = /(^|_)(kode|kd|code|kodepos|nik|nip|npwp|nib|nomor_induk|no_hp|telepon|telp|hp|kdwil|id_wilayah)(_|$)/;

export function looksLikeCodeName(name: string): boolean {
  return CODE_WORDS.test(name);
}
