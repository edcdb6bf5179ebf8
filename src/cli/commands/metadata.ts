/**
 * `satudata metadata [PACKAGE] [--yes] [--set KEY=VALUE ...] [--portal URL]`: fill in the Satu Data
 * metadata of a data package, interactively or from --set / config / existing values.
 */
import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { fmt, msg, m } from '../../i18n.js';
import { isPromptExit } from '../../metadata/ask.js';
import { applyDefaults } from '../../metadata/defaults.js';
import { runMetadataFlow } from '../../metadata/flow.js';
import { orgChoices } from '../../metadata/organizations.js';
import { locatePackage, packageText, readPackage, writeFileAtomic } from '../../metadata/package-file.js';
import { checkSatudataProfile, satudataProfileWarnings } from '../../metadata/profile.js';
import { applySets } from '../../metadata/set.js';
import { exportMetadata, importMetadata } from '../../metadata/workbook-io.js';
import { dropDraft, loadDraft, saveDraft, textHash } from '../../metadata/draft.js';
import { readFile } from 'node:fs/promises';
import type { CliContext } from '../context.js';
import type { MetadataOptions } from '../options.js';
import { promptKit } from '../prompt-kit.js';

const T = {
  badSets: m('metadata.t.badSets'),
  cancelled: m('metadata.t.cancelled'),
  keptDraft: m('metadata.t.keptDraft'),
  resumed: m('metadata.t.resumed'),
  staleDraft: m('metadata.t.staleDraft'),
  saved: m('metadata.t.saved'),
  unchanged: m('metadata.t.unchanged'),
  derived: m('metadata.t.derived'),
  complete: m('metadata.t.complete'),
  exported: m('metadata.t.exported'),
  imported: m('metadata.t.imported'),
  both: m('metadata.t.both'),
  missing: m('metadata.t.missing'),
  missingHint: m('metadata.t.missingHint'),
};

export async function run(ctx: CliContext, args: string[], opts: MetadataOptions): Promise<number> {
  const lang = ctx.lang;
  const file = await locatePackage(ctx.cwd, args[0], lang);
  const pkg = await readPackage(file, lang);
  const before = packageText(pkg);
  const loaded = await loadConfig(path.dirname(file), lang, ctx.env);
  const { config } = loaded;
  const sets = opts.set ?? [];
  const exportTo = opts.export !== undefined ? path.resolve(ctx.cwd, opts.export) : undefined;
  const importFrom = opts.import !== undefined ? path.resolve(ctx.cwd, opts.import) : undefined;
  if (exportTo && importFrom) throw new UsageError(T.both[lang]);
  if (exportTo) {
    const n = await exportMetadata(pkg, exportTo, { lang, orgs: orgChoices(undefined, config.organization), force: Boolean(opts.force) });
    const shown = path.relative(ctx.cwd, exportTo) || exportTo;
    (opts.json ? ctx.stderr : ctx.stdout).write(fmt(T.exported[lang], { file: shown, fields: n.datasetFields, columns: n.columns }) + '\n');
    if (opts.json) ctx.stdout.write(JSON.stringify({ package: file, exported: exportTo, datasetFields: n.datasetFields, columns: n.columns }, null, 2) + '\n');
    return 0;
  }
  // An imported workbook answers the questions: no prompts.
  const interactive = ctx.interactive && !opts.yes && !importFrom;

  const kit = interactive ? await promptKit(ctx, config, opts.portal, undefined, loaded.portalFrom) : undefined;
  const licenses = kit ? await kit.portal.licenses() : undefined;

  // All --set values are checked before anything is applied: one bad value means nothing is written.
  const set = applySets(pkg, sets, { licenses });
  if (set.problems.length) {
    throw new UsageError(`${T.badSets[lang]}\n  - ${set.problems.map((p) => p[lang]).join('\n  - ')}`);
  }

  if (importFrom) {
    const applied = await importMetadata(pkg, importFrom, lang);
    ctx.stderr.write(fmt(T.imported[lang], { file: path.relative(ctx.cwd, importFrom) || importFrom, n: applied.length }) + '\n');
  }

  const derived = [];
  if (kit) {
    const org = (pkg.sdi as Record<string, unknown> | undefined)?.organisasi;
    if (!org && config.organization) derived.push(...applyDefaults(pkg, { organization: config.organization }).filter((d) => d.key === 'sdi.organisasi'));
    // Resume an interrupted session: its answers, on top of the same datapackage.json.
    const diskText = await readFile(file, 'utf8');
    const { draft, stale } = await loadDraft(file, diskText);
    if (stale) ctx.stderr.write(fmt(T.staleDraft[lang], { file }) + '\n');
    const answered = new Set(draft?.answered ?? []);
    if (draft) {
      for (const k of Object.keys(pkg)) delete (pkg as Record<string, unknown>)[k];
      Object.assign(pkg, draft.pkg);
      applySets(pkg, sets, { licenses }); // --set of this run still wins
      ctx.stderr.write(fmt(T.resumed[lang], { n: answered.size }) + '\n');
    }
    const base = textHash(diskText);
    try {
      await runMetadataFlow(pkg, {
        answered: new Set(answered),
        onAnswer: async (key) => {
          answered.add(key);
          await saveDraft(file, { version: 1, base, pkg, answered: [...answered] });
        },
        ask: kit.ask,
        lang,
        orgs: orgChoices(await kit.portal.organizations(), config.organization),
        licenses,
        datasetOwner: kit.online ? (name) => kit.portal.datasetOwner(name) : undefined,
        say: (line) => ctx.stderr.write(line + '\n'),
      });
    } catch (e) {
      if (isPromptExit(e)) {
        ctx.stderr.write(fmt(T.cancelled[lang], { file }) + '\n');
        if (answered.size) ctx.stderr.write(fmt(T.keptDraft[lang], { n: answered.size }) + '\n');
        return 2;
      }
      throw e;
    } finally {
      await kit.close();
    }
  }
  derived.push(...applyDefaults(pkg, config));

  const after = packageText(pkg);
  // With --json, stdout holds only the JSON summary; the human lines go to stderr.
  const out = opts.json ? ctx.stderr : ctx.stdout;
  if (kit) await dropDraft(file); // the session ended: its answers are in the package now
  if (after !== before) {
    await writeFileAtomic(file, after);
    out.write(fmt(T.saved[lang], { file }) + '\n');
    for (const d of derived) ctx.stderr.write(fmt(T.derived[lang], { key: d.key, value: d.value }) + '\n');
  } else {
    out.write(fmt(T.unchanged[lang], { file }) + '\n');
  }

  const errors = checkSatudataProfile(pkg, { lang });
  const advice = satudataProfileWarnings(pkg, { lang });
  for (const w of advice) ctx.stderr.write(`${msg(lang, 'metadata.note')}: ${w}\n`);
  if (opts.json) {
    const missing = errors.map((e) => ({ field: e.note, pointer: e.pointer, message: e.message }));
    ctx.stdout.write(JSON.stringify({ package: file, saved: after !== before, derived, complete: !errors.length, missing, recommended: advice }, null, 2) + '\n');
  }
  if (!errors.length) {
    out.write(T.complete[lang] + '\n');
    return 0;
  }
  // Never wait for input: list everything that is still missing and exit 2.
  throw new UsageError(
    `${fmt(T.missing[lang], { n: errors.length })}\n  - ${errors.map((e) => e.message).join('\n  - ')}`,
    T.missingHint[lang],
    'E_METADATA_MISSING',
  );
}
