import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isLang, msg, type Lang } from '../i18n.js';
import { isSatudataError } from '../errors.js';
import { loadConfig } from '../config/load.js';
import { Out, redact, terminalSafe, type CliContext, type OutTarget } from './context.js';
import { localizeCommanderError, localizeProgram } from './help-text.js';
import type { CommandName, CommandOptionsMap, CommandRunner, GlobalOptions } from './options.js';
import { at } from '../invariant.js';

/** Each command lives in ./commands/<name>.js and exports `run`; loaded lazily so start-up stays fast. */
const COMMANDS: { [N in CommandName]: () => Promise<{ run: CommandRunner<N> }> } = {
  init: () => import('./commands/init.js'),
  validate: () => import('./commands/validate.js'),
  describe: () => import('./commands/describe.js'),
  metadata: () => import('./commands/metadata.js'),
  login: () => import('./commands/login.js'),
  logout: () => import('./commands/logout.js'),
  push: () => import('./commands/push.js'),
  status: () => import('./commands/status.js'),
  template: () => import('./commands/template.js'),
  convert: () => import('./commands/convert.js'),
};

async function loadCommand<N extends CommandName>(name: N): Promise<{ run: CommandRunner<N> }> {
  return COMMANDS[name]();
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return '0.0.0';
  }
}

const intArg = (name: string) => (v: string) => {
  if (!/^\d+$/.test(v)) throw new CommanderError(2, 'satudata.invalidArgument', `option ${name} expects a whole number, got "${v}"`);
  return Number(v);
};

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), v];

/**
 * The commands, their arguments and options. `dispatch` receives commander's option values, whose
 * shape src/cli/options.ts declares per command (OPTION_KEYS; a test holds the two together).
 */
export function defineProgram(dispatch: <N extends CommandName>(name: N, args: string[], opts: CommandOptionsMap[N]) => Promise<void>): Command {
  const program = new Command('satudata')
    .description('Validate, describe and publish open data for Satu Data portals (CKAN).')
    .version(version(), '-V, --version')
    .addOption(new Option('--lang <lang>', 'message language: id (Bahasa Indonesia) or en').choices(['id', 'en']))
    .option('--no-color', 'no colours in the output')
    .option('--debug', 'show stack traces of internal errors')
    .showHelpAfterError()
    .enablePositionalOptions(false)
    // Set before the subcommands are added so they inherit it: otherwise a bad choice
    // (`--format pdf`) makes commander call process.exit(1) instead of our exit 2.
    .exitOverride();

  const act = (name: CommandName) => async (...a: unknown[]) => {
    const cmd = a[a.length - 1] as Command;
    const positional = cmd.processedArgs.flatMap((v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v])) as string[];
    await dispatch(name, positional, cmd.optsWithGlobals<CommandOptionsMap[typeof name]>());
  };

  program
    .command('validate')
    .description('validate data packages, CSV and Excel files against their Table Schema')
    .argument('[targets...]', 'datapackage.json, a folder holding one, or .csv/.tsv/.xlsx files (default: the current folder)')
    .option('--schema <file>', 'Table Schema JSON file for bare data files')
    .addOption(new Option('--format <format>', 'report format').choices(['text', 'json', 'github', 'junit']))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--limit-errors <n>', 'stop a table after this many errors (default 1000)', intArg('--limit-errors'))
    .option('--limit-rows <n>', 'read at most this many data rows per table', intArg('--limit-rows'))
    .option('--sheet <name>', 'the sheet to read from bare Excel files')
    .addOption(new Option('--profile <profile>', 'extra checks: satudata (Satu Data metadata completeness)').choices(['satudata', 'frictionless']))
    .option('--allow-remote', 'fetch resources given as http(s) URLs')
    .action(act('validate'));

  program
    .command('describe')
    .description('infer a Tabular Data Resource (schema, dialect) from a CSV or Excel file')
    .argument('<file>', 'CSV or XLSX file')
    .option('--sheet <name>', 'sheet name (Excel)')
    .option('--json', 'print the resource descriptor as JSON')
    .option('--write', 'add or update the resource in datapackage.json next to the file')
    .option('--missing-values <list>', 'extra missing-value markers, comma separated (e.g. "0")')
    .action(act('describe'));

  program
    .command('convert')
    .description('convert an Excel sheet to a clean UTF-8 CSV')
    .argument('<file>', 'XLSX file')
    .option('--sheet <name>', 'sheet name')
    .option('--all-sheets', 'write one CSV per sheet')
    .option('-o, --output <file>', 'output CSV file (default: next to the input); with --all-sheets, a folder')
    .option('--force', 'replace output files that already exist')
    .option('--json', 'print the result as JSON')
    .action(act('convert'));

  program
    .command('template')
    .description('generate an Excel input template from a Table Schema or data package')
    .argument('<source>', 'Table Schema JSON, datapackage.json or a folder holding one')
    .option('-r, --resource <name>', 'resource name (data packages)')
    .requiredOption('-o, --output <file>', 'output .xlsx path')
    .option('--json', 'print the result as JSON')
    .action(act('template'));

  program
    .command('init')
    .description('start a data repository: datapackage.json, config, README and CI workflows')
    .argument('[dir]', 'folder (default: the current folder)')
    .option('--portal <url>', 'CKAN portal URL')
    .option('--org <name>', 'CKAN organization name')
    .option('-y, --yes', 'no prompts; never overwrite existing files')
    .option('--json', 'print the result as JSON')
    .action(act('init'));

  program
    .command('metadata')
    .description('fill in Satu Data metadata for a data package')
    .argument('[package]', 'datapackage.json or its folder (default: the current folder)')
    .option('-y, --yes', 'no prompts: take values from --set, the config and existing metadata')
    .option('--set <key=value>', 'set a metadata value (repeatable)', collect)
    .option('--export <file.xlsx>', 'write the metadata to an Excel workbook to fill in')
    .option('--import <file.xlsx>', 'read the metadata back from a filled workbook (all values checked; nothing written unless all are valid)')
    .option('--force', 'with --export: replace an existing workbook')
    .option('--portal <url>', 'CKAN portal URL')
    .option('--json', 'print the result as JSON')
    .action(act('metadata'));

  program
    .command('push')
    .description('publish a data package to the CKAN portal (idempotent)')
    .argument('[package]', 'datapackage.json or its folder (default: the current folder)')
    .option('--portal <url>', 'CKAN portal URL')
    .option('--org <name>', 'CKAN organization name')
    .option('--dry-run', 'show the plan, write nothing')
    .option('-y, --yes', 'no prompts')
    .option('--json', 'print the result as JSON')
    .option('--prune', 'delete portal resources that the package no longer has')
    .option('--datastore', 'also load each table into the CKAN DataStore (typed columns, data dictionary)')
    .action(act('push'));

  program
    .command('login')
    .description('verify and store an API token for a portal')
    .option('--portal <url>', 'CKAN portal URL')
    .option('--json', 'print the result as JSON')
    .action(act('login'));

  program
    .command('logout')
    .description('remove the stored API token of a portal')
    .option('--portal <url>', 'CKAN portal URL')
    .option('--json', 'print the result as JSON')
    .action(act('logout'));

  program
    .command('status')
    .description('audit the portal: which agency is missing which dataset, and which are stale')
    .option('--register <file>', 'the Daftar Data register (CSV or XLSX)')
    .option('--org <name>', 'only this organization (repeatable)', collect)
    .option('--portal <url>', 'CKAN portal URL')
    .addOption(new Option('--format <format>', 'report format').choices(['table', 'json', 'csv', 'markdown', 'html']))
    .option('--json', 'same as --format json')
    .option('-o, --output <file>', 'write the report to a file')
    .addOption(
      new Option('--fail-on <what>', 'exit 1 when anything is missing or empty / also stale / also invalid (needs --check-data) / never (default: missing when stdout is not a terminal, never on a terminal)').choices([
        'missing',
        'stale',
        'invalid',
        'never',
      ]),
    )
    .option('--check-data', 'download each CSV/XLSX resource and validate it with the schema stored on it (cached)')
    .option('--max-file-mb <n>', 'with --check-data: larger files are not downloaded and reported as not checked (default 50)', intArg('--max-file-mb'))
    .option('--grace-days <n>', 'days of grace before a dataset counts as stale (default: a quarter of its period, e.g. 92 for tahunan, 8 for bulanan)', intArg('--grace-days'))
    .option('--now <date>', 'the audit time (ISO date or date-time), for reproducible reports')
    .action(act('status'));

  return program;
}

const GLOBAL_WITH_VALUE = new Set(['--lang']);

/** Whether argv names a command, or asks for help or the version (anything but bare global flags). */
function namesCommand(argv: string[]): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = at(argv, i);
    if (GLOBAL_WITH_VALUE.has(a)) i++;
    else if (!a.startsWith('-') || ['-h', '--help', '-V', '--version'].includes(a)) return true;
    else if (!['--no-color', '--debug'].includes(a) && !a.startsWith('--lang=')) return true;
  }
  return false;
}

/** `--lang X` / `--lang=X` as written on the command line, when valid. */
function langFlag(argv: string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = at(argv, i);
    const v = a === '--lang' ? argv[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (isLang(v)) return v;
  }
  return undefined;
}

async function defaultLang(env: NodeJS.ProcessEnv, cwd: string): Promise<Lang> {
  if (isLang(env.SATUDATA_LANG)) return env.SATUDATA_LANG;
  try {
    const { config } = await loadConfig(cwd, 'id', env);
    if (config.lang) return config.lang;
  } catch {
    // an invalid config is reported by the commands that use it
  }
  return 'id';
}

export interface RunOptions extends Partial<Omit<CliContext, 'addSecret' | 'stdout' | 'stderr'>> {
  stdout?: OutTarget;
  stderr?: OutTarget;
}

/** Run the CLI; returns the exit code. The only place that maps failures to exit codes. */
export async function run(argv: string[], io: RunOptions = {}): Promise<number> {
  const env = io.env ?? process.env;
  const secrets = new Set<string>();
  // The only writers of stdout and stderr in the whole program: commands, spinners and prompts get
  // these through the context, so a registered secret is masked everywhere.
  const stdout = new Out(io.stdout ?? process.stdout, secrets);
  const stderr = new Out(io.stderr ?? process.stderr, secrets);
  const stdin = io.stdin ?? process.stdin;
  let exitCode = 0;
  let debug = argv.includes('--debug');
  // The language of help and parse errors is known before commander parses: --lang, then
  // SATUDATA_LANG, then `lang` in the config (the default language of every command), then id.
  const baseLang = await defaultLang(env, io.cwd ?? process.cwd());
  let ctxLang: Lang = langFlag(argv) ?? baseLang;

  const program = defineProgram(async (name, args, opts: GlobalOptions & { yes?: boolean }) => {
    const noColor = opts.color === false || env.NO_COLOR !== undefined && env.NO_COLOR !== '' || env.TERM === 'dumb';
    const lang: Lang = isLang(opts.lang) ? opts.lang : baseLang;
    ctxLang = lang;
    debug = Boolean(opts.debug);
    const ctx: CliContext = {
      cwd: io.cwd ?? process.cwd(),
      env,
      stdin,
      stdout,
      stderr,
      lang,
      color: !noColor && (io.color ?? (stdout.isTTY || stderr.isTTY)),
      interactive: io.interactive ?? (Boolean(stdin.isTTY) && !opts.yes),
      debug,
      addSecret: (s) => {
        if (s) secrets.add(s);
      },
    };
    // `validate` reads a large table on worker threads: they start now, while its modules load and the
    // descriptor is checked (a guess from file sizes; the ones nobody took end with the command).
    const warming = name === 'validate' ? (await import('../validate/warm-guess.js')).warmForValidate(ctx.cwd, args, (opts as CommandOptionsMap['validate']).limitRows) : undefined;
    try {
      const mod = await loadCommand(name);
      exitCode = await mod.run(ctx, args, opts as CommandOptionsMap[typeof name]);
    } finally {
      await warming?.release();
    }
  });
  program.exitOverride();
  localizeProgram(program, ctxLang);
  program.configureOutput({
    writeOut: (s) => stdout.write(s),
    writeErr: (s) => stderr.write(s),
    outputError: (s, write) => write(localizeCommanderError(s, ctxLang)),
  });
  // Subcommands copied the output settings when they were created: give them ours too.
  for (const sub of program.commands) sub.configureOutput(program.configureOutput());

  if (!namesCommand(argv)) {
    // Bare `satudata` (or only global flags): the help, on stdout, as a successful answer.
    stdout.write(program.helpInformation());
    return 0;
  }

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; every other parse failure is a usage error.
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      if (e.code === 'satudata.invalidArgument') stderr.write(`${localizeCommanderError(`error: ${e.message}`, ctxLang)}\n`);
      return 2;
    }
    if (isSatudataError(e)) {
      const label = msg(ctxLang, 'cli.error_label');
      stderr.write(`${label}: ${terminalSafe(redact(e.message, secrets))}\n`);
      if (e.hint) stderr.write(`${terminalSafe(redact(e.hint, secrets))}\n`);
      if (debug && e.stack) stderr.write(redact(e.stack, secrets) + '\n');
      return e.exitCode;
    }
    const err = e as Error;
    const line = msg(ctxLang, 'cli.internal_error', { message: err?.message ?? String(e) });
    stderr.write(terminalSafe(redact(line, secrets)) + '\n');
    if (debug && err?.stack) stderr.write(redact(err.stack, secrets) + '\n');
    else stderr.write(`${msg(ctxLang, 'cli.debug_hint')}\n`);
    return 3;
  }
}
