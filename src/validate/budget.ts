/**
 * The error budget of one table: errors stop at `limitErrors` or at LIMITS.reportChars of report text.
 * `push` never throws: once the budget is spent it ignores further errors and `stopped` turns true,
 * and the caller stops reading at the end of the row.
 */
import { LIMITS } from '../table/limits.js';
import { errorChars, reportSizeWarning } from './error-budget.js';
import type { ReportError } from './types.js';

export class ErrorBudget {
  stopped = false;
  /** Why the table is partial (the warning), when it is. */
  reason: string | undefined;
  private text = 0;

  constructor(
    readonly errors: ReportError[],
    private readonly limitErrors: number,
  ) {}

  readonly push = (e: ReportError): void => {
    if (this.stopped) return;
    const errors = this.errors;
    errors.push(e);
    if (errors.length >= this.limitErrors) {
      errors.length = this.limitErrors;
      this.stop(`reached error limit: ${this.limitErrors}`);
      return;
    }
    this.text += errorChars(e);
    if (this.text > LIMITS.reportChars) this.stop(reportSizeWarning());
  };

  /** The state to go back to when the rows are read again (see restore). */
  snapshot(): { errors: number; text: number; stopped: boolean; reason: string | undefined } {
    return { errors: this.errors.length, text: this.text, stopped: this.stopped, reason: this.reason };
  }

  restore(s: ReturnType<ErrorBudget['snapshot']>): void {
    this.errors.length = s.errors;
    this.text = s.text;
    this.stopped = s.stopped;
    this.reason = s.reason;
  }

  /** Stop reading; `reason` (the partial warning) is kept only when given. */
  stop(reason?: string): void {
    this.stopped = true;
    if (reason !== undefined) this.reason ??= reason;
  }
}
