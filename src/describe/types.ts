/** Types shared by the describe (schema inference) modules. */
import type { Msg } from '../i18n.js';
import type { Field } from '../schema/types.js';

/**
 * Something the officer should know about an inference decision: `info` explains a choice
 * (a date order, a separator), `warning` points at data the officer should fix (with rows).
 */
export interface DescribeNote {
  level: 'info' | 'warning';
  /** Stable code, e.g. `mixed-decimal-separators`, for tests and machines. */
  code: string;
  field?: string;
  /** Physical row numbers concerned (at most a handful, for the officer to look at). */
  rows?: number[];
  message: Msg;
}

/** A candidate field: the preferred descriptor first, then fallbacks tried by the verification pass. */
export interface FieldChoice {
  field: Field;
  /** Tried in order when `field` does not cast every value of the column (last is always string). */
  fallbacks: Field[];
  notes: DescribeNote[];
  /**
   * Cells of the column that `field` is known not to read (a few defects among an overwhelming
   * majority, already reported in `notes`): the verification pass keeps `field` despite them.
   */
  tolerate?: number;
}
