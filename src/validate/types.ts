/**
 * The validation report: the layout of frictionless-py v5 `validate --json`
 * (../shared/reference/frictionless/errors.md §1-2), plus satudata additions
 * (`cellRef`, `partial`, and on tasks `format`, `encoding`, `sheet`).
 */

export interface ReportError {
  type: string;
  title: string;
  description?: string;
  message: string;
  tags: string[];
  note: string;
  // header / label errors
  labels?: string[];
  rowNumbers?: number[];
  label?: string;
  // row errors
  cells?: string[];
  rowNumber?: number;
  // foreign-key
  fieldNames?: string[];
  fieldCells?: string[];
  referenceName?: string;
  referenceFieldNames?: string[];
  // cell errors
  cell?: string;
  fieldName?: string;
  fieldNumber?: number;
  /** satudata: the spreadsheet address of the cell, e.g. `C17` (cell errors, and label errors on the header row). */
  cellRef?: string;
  /** satudata: JSON pointer into the descriptor, for metadata errors. */
  pointer?: string;
  /** satudata: Bahasa Indonesia explanation of a file-level error (scheme/format/encoding), with the fix. */
  noteId?: string;
  /** satudata: the descriptor file that holds the metadata error. */
  place?: string;
}

export interface TaskStats {
  errors: number;
  warnings: number;
  seconds: number;
  md5?: string;
  sha256?: string;
  bytes?: number;
  fields?: number;
  rows?: number;
}

export interface ReportTask {
  name: string;
  type: string;
  valid: boolean;
  place: string;
  labels: string[];
  stats: TaskStats;
  warnings: string[];
  errors: ReportError[];
  /** satudata: true when a limit stopped validation early. */
  partial?: boolean;
  format?: string;
  encoding?: string;
  sheet?: string;
  /** satudata: the datapackage.json this resource belongs to (absent for bare files). */
  package?: string;
}

export interface Report {
  valid: boolean;
  /** satudata: true when any task hit --limit-errors or --limit-rows. */
  partial: boolean;
  stats: { tasks: number; errors: number; warnings: number; seconds: number };
  warnings: string[];
  errors: ReportError[];
  tasks: ReportTask[];
}
