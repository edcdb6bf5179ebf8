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
  /** Size and nesting of a JSON descriptor (datapackage.json, schema, dialect) that validate reads. */
  descriptorBytes: 50 * 1024 * 1024,
  jsonDepth: 100,
} as const;

/**
 * The nesting depth of JSON text once it passes `max` (else undefined): a linear scan that skips
 * strings. JSON.parse accepts 100,000 levels, but the recursive checks and JSON.stringify after it
 * overflowed the stack (an internal error, exit 3).
 */
export function jsonTooDeep(text: string, max: number = LIMITS.jsonDepth): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > max) return depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}
