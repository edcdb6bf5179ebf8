/**
 * The limits that keep a small hostile file from exhausting the machine: one table, shared by every
 * reader (so `validate`, `describe` and `convert` stop at the same place), documented in the README
 * ("Batas / Limits"). Each is far above what a real agency file needs; passing one ends reading with
 * a clear format-error naming the file, the limit and what to do, never an out-of-memory crash.
 */
export const LIMITS = {
  /** Characters in one cell, CSV or XLSX (shared string, inline string, formula text). */
  cellChars: 10 * 1024 * 1024,
  /** Characters in one CSV record (one line, or several when a quoted cell holds line breaks). */
  recordChars: 32 * 1024 * 1024,
  /** Columns (cells in one row, labels in the header): Excel's own maximum, column XFD. */
  columns: 16_384,
  /** Rows of one sheet: Excel's own maximum. */
  sheetRows: 1_048_576,
  /** Cells of one sheet counted as rows × width (a cell in column XFD makes its row 16,384 wide). */
  sheetCells: 50_000_000,
  /** Strings in a workbook's shared strings table. */
  sharedStrings: 2_000_000,
  /** Characters of all shared strings together. */
  sharedStringChars: 128 * 1024 * 1024,
  /** Bytes one zip entry may inflate to; and beyond `ratioFloorBytes`, the largest compression ratio. */
  zipEntryBytes: 1 << 30,
  zipRatioFloorBytes: 100 << 20,
  zipMaxRatio: 1000,
  /** Size of a zip's central directory, and of a small XML part (workbook, styles, relationships). */
  zipDirectoryBytes: 64 << 20,
  xmlPartBytes: 64 << 20,
  /** Errors kept per table (`--limit-errors` changes it). */
  errors: 1000,
  /** Text kept in the errors of one table (labels, cells, messages), so the report stays readable. */
  reportChars: 16 * 1024 * 1024,
} as const;

/** `10485760` → `10 MiB`, `2000000` → `2,000,000`: the way a limit is printed in messages. */
export function showLimit(n: number, unit: 'chars' | 'bytes' | 'count'): string {
  if (unit !== 'count' && n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} Mi${unit === 'bytes' ? 'B' : ''}`;
  return n.toLocaleString('en-US');
}
