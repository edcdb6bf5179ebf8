/**
 * `satudata init [DIR] [--portal URL] [--org NAME] [--yes]`: scaffold a data repository, then (with
 * a terminal) offer to fill in the Satu Data metadata right away.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Lang } from '../../i18n.js';
import { fmt, msg, m } from '../../i18n.js';
import { initRepository, type Describer } from '../../init/init.js';
import { isPromptExit } from '../../metadata/ask.js';
import { runMetadataFlow } from '../../metadata/flow.js';
import { orgChoices } from '../../metadata/organizations.js';
import { packageText, readPackage, writeFileAtomic } from '../../metadata/package-file.js';
import { checkSatudataProfile } from '../../metadata/profile.js';
import { promptKit } from '../prompt-kit.js';
import type { CliContext } from '../context.js';
import type { InitOptions } from '../options.js';

const T = {
  written: m('init.command.written'),
  skipped: m('init.command.skipped'),
  noPortal: m('init.command.noPortal'),
  noOrg: m('init.command.noOrg'),
  fillNow: m('init.command.fillNow'),
  cancelled: m('init.command.cancelled'),
  next: m('init.command.next'),
  complete: m('init.command.complete'),
};

/** The describe engine is loaded lazily: init works (without inferred schemas) if it fails to load. */
async function loadDescriber(): Promise<Describer | undefined> {
  try {
    const mod = (await import('../../describe/index.js')) as { describeFile?: Describer };
    return typeof mod.describeFile === 'function' ? mod.describeFile : undefined;
  } catch {
    return undefined;
  }
}

async function readExistingConfig(dir: string): Promise<{ portal?: string; organization?: string }> {
  try {
    const raw = JSON.parse(await fs.readFile(path.join(dir, '.satudatarc.json'), 'utf8')) as Record<string, unknown>;
    return {
      portal: typeof raw.portal === 'string' ? raw.portal : undefined,
      organization: typeof raw.organization === 'string' ? raw.organization : undefined,
    };
  } catch {
    return {};
  }
}

export async function run(ctx: CliContext, args: string[], opts: InitOptions): Promise<number> {
  const lang: Lang = ctx.lang;
  const dir = path.resolve(ctx.cwd, args[0] ?? '.');
  const interactive = ctx.interactive && !opts.yes;
  const say = (line: string) => ctx.stderr.write(line + '\n');
  const existing = await readExistingConfig(dir);
  const kit = interactive ? await promptKit(ctx, {}, undefined) : undefined;

  let result;
  try {
    result = await initRepository({
      dir,
      lang,
      portal: opts.portal,
      org: opts.org,
      existing,
      interactive,
      ask: kit?.ask,
      describe: await loadDescriber(),
      portalOrgs: async (portal) => {
        const online = await promptKit(ctx, { portal }, portal, kit?.ask);
        try {
          return await online.portal.organizations();
        } finally {
          await online.close();
        }
      },
      say,
    });
  } catch (e) {
    if (isPromptExit(e)) {
      say(msg(lang, 'init.cancelled_nothing_was_written'));
      return 2;
    }
    throw e;
  }

  // With --json, stdout holds only the JSON summary; the same lines go to stderr.
  const out = opts.json ? ctx.stderr : ctx.stdout;
  for (const f of result.written) out.write(fmt(T.written[lang], { file: f }) + '\n');
  for (const f of result.skipped) out.write(fmt(T.skipped[lang], { file: f }) + '\n');
  const summary = (metadata: boolean) =>
    opts.json &&
    ctx.stdout.write(
      JSON.stringify({ dir, written: result.written, skipped: result.skipped, portal: result.settings.portal ?? null, organization: result.settings.organization ?? null, metadata }, null, 2) + '\n',
    );
  if (!result.settings.portal) say(T.noPortal[lang]);
  if (!result.settings.organization) say(T.noOrg[lang]);

  if (!kit) {
    say(T.next[lang]);
    summary(false);
    return 0;
  }
  // One guided session: from a folder of Excel files to complete metadata.
  const file = path.join(dir, 'datapackage.json');
  try {
    if (!(await kit.ask.confirm({ message: T.fillNow[lang], default: true }))) {
      say(T.next[lang]);
      summary(false);
      return 0;
    }
    const pkg = await readPackage(file, lang);
    const online = await promptKit(ctx, { portal: result.settings.portal }, result.settings.portal, kit.ask);
    try {
      const licenses = await online.portal.licenses();
      await runMetadataFlow(pkg, {
        ask: kit.ask,
        lang,
        orgs: orgChoices(await online.portal.organizations(), result.settings.organization),
        licenses,
        datasetOwner: online.online ? (n) => online.portal.datasetOwner(n) : undefined,
        say,
      });
    } finally {
      await online.close();
    }
    await writeFileAtomic(file, packageText(pkg));
    out.write(fmt(T.written[lang], { file: 'datapackage.json (metadata)' }) + '\n');
    const missing = checkSatudataProfile(pkg, { lang });
    say(missing.length ? T.next[lang] : T.complete[lang]);
    summary(true);
    return 0;
  } catch (e) {
    if (isPromptExit(e)) {
      say(T.cancelled[lang]);
      return 2;
    }
    throw e;
  } finally {
    await kit.close();
  }
}
