/**
 * The table reader contract. Every format (CSV, XLSX) yields the *physical* rows of one table
 * (header, comment and blank rows included) as batches, so the engine can apply the dialect
 * (headerRows, commentRows, commentChar) the same way for every format.
 */

/** An Excel cell that holds an error value (#N/A, #DIV/0!, ...) or a formula without a cached value. */
export class CellFault {
  constructor(
    readonly kind: 'excel-error' | 'formula-without-value',
    /** The text shown to the user: the Excel error code, or the formula. */
    readonly text: string,
  ) {}
  toString(): string {
    return this.kind === 'excel-error' ? this.text : `=${this.text}`;
  }
}

/**
 * One cell as read. CSV gives strings; XLSX gives native values (numbers, booleans, Dates
 * already converted from the workbook's date system), strings, or a CellFault. `null` is an empty cell.
 */
export type Cell = string | number | boolean | Date | null | CellFault;

export interface Row {
  /** 1-based physical row number: the CSV record number, or the sheet's own row number for XLSX. */
  rowNumber: number;
  /** Cells from column A / the first CSV column. Trailing empty cells may be absent. */
  cells: Cell[];
}

/** Format-level options a reader understands (Table Dialect v1 and v2 keys). */
export interface ReaderDialect {
  delimiter?: string;
  quoteChar?: string;
  doubleQuote?: boolean;
  escapeChar?: string;
  skipInitialSpace?: boolean;
  lineTerminator?: string;
  nullSequence?: string;
  sheetName?: string;
  sheetNumber?: number;
}

export interface OpenTableOptions {
  /** Absolute path of the local file. */
  path: string;
  /** `csv`, `tsv` or `xlsx`; inferred from the extension when absent. */
  format?: string;
  /** Declared encoding; detected when absent (CSV only). */
  encoding?: string;
  dialect?: ReaderDialect;
  /** Refuse single cells larger than this many characters (default 10 MiB) with a format-error. */
  maxCellChars?: number;
  /**
   * A large XLSX sheet may be parsed on a thread of its own (xlsx-thread-choice.ts). Only for callers
   * whose own work per row keeps this thread busy (validation); a caller that only copies the rows
   * (convert) would gain nothing and hold ~60 MiB more (a 100,000-row sheet: 206 MiB instead of 142).
   */
  sheetThread?: boolean;
}

export interface TableStats {
  bytes: number;
  md5: string;
  sha256: string;
}

export interface OpenedTable {
  format: 'csv' | 'xlsx' | 'inline';
  /** The encoding used to decode a CSV file (e.g. `utf-8`, `windows-1252`). */
  encoding?: string;
  /** The dialect actually used (declared or detected delimiter, sheet name, ...). */
  dialect: ReaderDialect;
  /** Sheet name for XLSX. */
  sheet?: string;
  /** Physical rows in order, in batches (a batch is never empty). Iterate once. */
  batches: AsyncIterable<Row[]>;
  /** Byte count and hashes of the file; complete once `batches` has been fully consumed. */
  stats(): TableStats;
  /** XLSX: merged cell ranges (`A1:C1`), known once `batches` has been consumed. */
  merges?(): string[];
  /** XLSX: the rows the sheet probably holds (0: unknown), once its first batch is read; presizes the key indexes. */
  rowsHint?(): number;
  /** Release the file (safe to call twice, and after an early `break`). */
  close(): Promise<void>;
}

/** Frictionless task-level error types a reader can raise (errors.md §5). */
export type SourceErrorType = 'scheme-error' | 'format-error' | 'encoding-error' | 'source-error' | 'compression-error';

/**
 * Thrown by `openTable` or during iteration when the file cannot be opened, parsed or decoded.
 * The engine turns it into the task's single error.
 */
export class TableSourceError extends Error {
  constructor(
    readonly type: SourceErrorType,
    /** Short English detail, frictionless-style (`[Errno 2] No such file or directory: 'x.csv'`). */
    readonly note: string,
    /** Bahasa Indonesia explanation with the fix, for the text report. */
    readonly noteId?: string,
  ) {
    super(note);
    this.name = 'TableSourceError';
  }
}

/** Column index (0-based) to Excel letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function cellRef(fieldNumber: number, rowNumber: number): string {
  return `${columnLetter(fieldNumber - 1)}${rowNumber}`;
}
