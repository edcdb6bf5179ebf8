/**
 * Operational failures are thrown as typed errors; validation findings are data (see validate/).
 * Exit codes (README): 0 ok, 1 data invalid / audit shortfall, 2 usage or config, 3 portal/network or internal.
 */
export type ExitCode = 0 | 1 | 2 | 3;

export class SatudataError extends Error {
  readonly code: string;
  readonly exitCode: ExitCode;
  readonly hint?: string;
  constructor(message: string, opts: { code: string; exitCode: ExitCode; hint?: string; cause?: unknown }) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.exitCode = opts.exitCode;
    this.hint = opts.hint;
  }
}

/** Bad flag, bad argument, bad input file for a command (exit 2). */
export class UsageError extends SatudataError {
  constructor(message: string, hint?: string, code = 'E_USAGE') {
    super(message, { code, exitCode: 2, hint });
  }
}

/** Missing or invalid configuration or token (exit 2). */
export class ConfigError extends SatudataError {
  constructor(message: string, hint?: string, code = 'E_CONFIG') {
    super(message, { code, exitCode: 2, hint });
  }
}

/** The data was found invalid (exit 1); thrown by commands after the report is printed. */
export class DataInvalidError extends SatudataError {
  constructor(message: string, code = 'E_INVALID') {
    super(message, { code, exitCode: 1 });
  }
}

/** The portal or the network failed, or the token lacks rights (exit 3). */
export class PortalError extends SatudataError {
  readonly status?: number;
  readonly ckanType?: string;
  readonly fieldErrors?: Record<string, string[]>;
  constructor(
    message: string,
    opts: { code?: string; hint?: string; status?: number; ckanType?: string; fieldErrors?: Record<string, string[]>; cause?: unknown } = {},
  ) {
    super(message, { code: opts.code ?? 'E_PORTAL', exitCode: 3, hint: opts.hint, cause: opts.cause });
    this.status = opts.status;
    this.ckanType = opts.ckanType;
    this.fieldErrors = opts.fieldErrors;
  }
}

/** A bug in satudata (exit 3, with a request to report it). */
export class InternalError extends SatudataError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'E_INTERNAL', exitCode: 3, cause });
  }
}

export function isSatudataError(e: unknown): e is SatudataError {
  return e instanceof SatudataError;
}
