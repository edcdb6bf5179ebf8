/**
 * The options each command receives, as commander builds them from the definitions in main.ts
 * (camel-cased flags; choices and whole numbers already checked there). main.ts is the one place that
 * turns commander's untyped option values into these.
 */
import type { Lang } from '../i18n.js';
import type { CliContext } from './context.js';

/** Options every command inherits from the program. */
export interface GlobalOptions {
  lang?: Lang;
  /** false with --no-color */
  color?: boolean;
  debug?: boolean;
}

export interface ValidateOptions extends GlobalOptions {
  schema?: string;
  format?: 'text' | 'json' | 'github' | 'junit';
  json?: boolean;
  output?: string;
  limitErrors?: number;
  limitRows?: number;
  sheet?: string;
  profile?: 'satudata' | 'frictionless';
  allowRemote?: boolean;
}

export interface DescribeOptions extends GlobalOptions {
  sheet?: string;
  json?: boolean;
  write?: boolean;
  missingValues?: string;
}

export interface ConvertOptions extends GlobalOptions {
  sheet?: string;
  allSheets?: boolean;
  output?: string;
  force?: boolean;
  json?: boolean;
}

export interface TemplateOptions extends GlobalOptions {
  resource?: string;
  output: string;
  json?: boolean;
}

export interface InitOptions extends GlobalOptions {
  portal?: string;
  org?: string;
  yes?: boolean;
  json?: boolean;
}

export interface MetadataOptions extends GlobalOptions {
  yes?: boolean;
  set?: string[];
  export?: string;
  import?: string;
  force?: boolean;
  portal?: string;
  json?: boolean;
}

export interface PushOptions extends GlobalOptions {
  portal?: string;
  org?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  prune?: boolean;
}

export interface LoginOptions extends GlobalOptions {
  portal?: string;
  json?: boolean;
}

export type LogoutOptions = LoginOptions;

export interface StatusOptions extends GlobalOptions {
  register?: string;
  org?: string[];
  portal?: string;
  format?: 'table' | 'json' | 'csv' | 'markdown' | 'html';
  json?: boolean;
  output?: string;
  failOn?: 'missing' | 'stale' | 'invalid' | 'never';
  checkData?: boolean;
  maxFileMb?: number;
  graceDays?: number;
  now?: string;
}

/** Each command's options, by command name. */
export interface CommandOptionsMap {
  validate: ValidateOptions;
  describe: DescribeOptions;
  convert: ConvertOptions;
  template: TemplateOptions;
  init: InitOptions;
  metadata: MetadataOptions;
  push: PushOptions;
  login: LoginOptions;
  logout: LogoutOptions;
  status: StatusOptions;
}

export type CommandName = keyof CommandOptionsMap;

/** What ./commands/<name>.js exports as `run`. */
export type CommandRunner<N extends CommandName> = (ctx: CliContext, args: string[], opts: CommandOptionsMap[N]) => Promise<number>;

/** Every own option of every command, exactly (the compiler checks it against the types above; a test checks it against commander). */
type Keys<T> = { [K in Exclude<keyof T, keyof GlobalOptions>]-?: true };
export const OPTION_KEYS: { [N in CommandName]: Keys<CommandOptionsMap[N]> } = {
  validate: { schema: true, format: true, json: true, output: true, limitErrors: true, limitRows: true, sheet: true, profile: true, allowRemote: true },
  describe: { sheet: true, json: true, write: true, missingValues: true },
  convert: { sheet: true, allSheets: true, output: true, force: true, json: true },
  template: { resource: true, output: true, json: true },
  init: { portal: true, org: true, yes: true, json: true },
  metadata: { yes: true, set: true, export: true, import: true, force: true, portal: true, json: true },
  push: { portal: true, org: true, dryRun: true, yes: true, json: true, prune: true },
  login: { portal: true, json: true },
  logout: { portal: true, json: true },
  status: { register: true, org: true, portal: true, format: true, json: true, output: true, failOn: true, checkData: true, maxFileMb: true, graceDays: true, now: true },
};
