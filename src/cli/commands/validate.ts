import { promises as fs } from 'node:fs';
import path from 'node:path';
import ora from 'ora';
import type { CliContext } from '../context.js';
import type { GlobalOptions, ValidateOptions } from '../options.js';
import { loadConfig } from '../../config/load.js';
import { isLang, type Lang, msg } from '../../i18n.js';
import { validate } from '../../validate/validate.js';
import { renderText } from '../../report/text.js';
import { renderJson } from '../../report/json.js';
import { renderGithub } from '../../report/github.js';
import { renderJunit } from '../../report/junit.js';
import { checkSatudataProfile, satudataProfileWarnings } from '../../metadata/profile.js';
import type { Report } from '../../validate/types.js';

type Format = 'text' | 'json' | 'github' | 'junit';

export function resolveLang(opts: GlobalOptions, ctx: CliContext, configLang?: Lang): Lang {
  if (isLang(opts.lang)) return opts.lang;
  if (isLang(ctx.env.SATUDATA_LANG)) return ctx.env.SATUDATA_LANG;
  return configLang ?? 'id';
}

export function render(report: Report, format: Format, lang: Lang, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'github':
      return renderGithub(report, { lang });
    case 'junit':
      return renderJunit(report, { lang });
    default:
      return renderText(report, { lang, color });
  }
}

/** `satudata validate [TARGET...]`: flags → validate() → one renderer → exit 0/1. */
export async function run(ctx: CliContext, args: string[], opts: ValidateOptions): Promise<number> {
  const { config } = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const lang = resolveLang(opts, ctx, config.lang);
  const format: Format = opts.json ? 'json' : (opts.format ?? 'text');
  const profile = opts.profile ?? config.profile;
  const output = opts.output;

  const spinner =
    ctx.stderr.isTTY && !ctx.env.CI
      ? ora({ stream: ctx.stderr, isEnabled: true, color: ctx.color ? 'cyan' : undefined, text: msg(lang, 'validate.validating') }).start()
      : undefined;
  let report: Report;
  try {
    report = await validate(args, {
      cwd: ctx.cwd,
      schema: opts.schema,
      limitErrors: opts.limitErrors,
      limitRows: opts.limitRows,
      allowRemote: Boolean(opts.allowRemote),
      sheet: opts.sheet,
      profile,
      lang,
      packageChecks: profile === 'satudata' ? [(pkg) => checkSatudataProfile(pkg, { lang })] : [],
      packageWarnings: profile === 'satudata' ? [(pkg) => satudataProfileWarnings(pkg, { lang })] : [],
      onProgress: spinner
        ? ({ task, rows }) => {
            spinner.text = msg(lang, 'validate.progress', { task, rows: rows.toLocaleString(msg(lang, 'validate.en_us')) });
          }
        : undefined,
    });
  } finally {
    spinner?.stop();
  }

  const text = render(report, format, lang, ctx.color && !output && format === 'text');
  if (output) {
    const abs = path.resolve(ctx.cwd, output);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.writeFile(abs, text);
    ctx.stderr.write(
      (msg(lang, 'validate.report_written_to', { output })) +
        (report.valid ? 'VALID' : msg(lang, 'validate.invalid_errors', { errors: report.stats.errors })) +
        '\n',
    );
  } else {
    ctx.stdout.write(text);
  }
  return report.valid ? 0 : 1;
}
