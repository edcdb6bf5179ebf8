import type { Msg } from '../i18n.js';
import type { DescribeNote } from './types.js';

export function note(level: DescribeNote['level'], code: string, message: Msg, field?: string, rows?: number[]): DescribeNote {
  const n: DescribeNote = { level, code, message };
  if (field !== undefined) n.field = field;
  if (rows && rows.length > 0) n.rows = [...rows];
  return n;
}
