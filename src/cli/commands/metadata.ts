/**
 * `satudata metadata [PACKAGE] [--yes] [--set KEY=VALUE ...] [--portal URL]`: fill in the Satu Data
 * metadata of a data package, interactively or from --set / config / existing values.
 */
import path from 'node:path';
import { loadConfig } from '../../config/load.js';
import { UsageError } from '../../errors.js';
import { fmt } from '../../i18n.js';
import { isPromptExit } from '../../metadata/ask.js';
import { applyDefaults } from '../../metadata/defaults.js';
import { runMetadataFlow } from '../../metadata/flow.js';
import { orgChoices } from '../../metadata/organizations.js';
import { locatePackage, packageText, readPackage, writeFileAtomic } from '../../metadata/package-file.js';
import { checkSatudataProfile } from '../../metadata/profile.js';
import { applySets } from '../../metadata/set.js';
import type { CliContext } from '../context.js';
import { promptKit } from '../../metadata/prompt-kit.js';

const T = {
  badSets: { id: 'Tidak ada yang ditulis: --set berisi kesalahan:', en: 'Nothing was written: --set has errors:' },
  cancelled: { id: 'Dibatalkan; {file} tidak diubah.', en: 'Cancelled; {file} was not changed.' },
  saved: { id: 'Tersimpan: {file}', en: 'Saved: {file}' },
  unchanged: { id: 'Tidak ada perubahan: {file}', en: 'No changes: {file}' },
  derived: { id: '  {key} = {value} (otomatis)', en: '  {key} = {value} (derived)' },
  complete: { id: 'Metadata Satu Data lengkap.', en: 'The Satu Data metadata is complete.' },
  missing: { id: 'Metadata wajib masih kurang ({n}):', en: 'Mandatory metadata is still missing ({n}):' },
  missingHint: {
    id: 'Lengkapi dengan "satudata metadata" (interaktif) atau "satudata metadata --yes --set KUNCI=NILAI".',
    en: 'Complete it with "satudata metadata" (interactive) or "satudata metadata --yes --set KEY=VALUE".',
  },
};

export async function run(ctx: CliContext, args: string[], opts: Record<string, unknown>): Promise<number> {
  const lang = ctx.lang;
  const file = await locatePackage(ctx.cwd, args[0], lang);
  const pkg = await readPackage(file, lang);
  const before = packageText(pkg);
  const loaded = await loadConfig(path.dirname(file), lang, ctx.env);
  const { config } = loaded;
  const sets = Array.isArray(opts.set) ? (opts.set as string[]) : [];
  const interactive = ctx.interactive && !opts.yes;

  const kit = interactive ? await promptKit(ctx, config, typeof opts.portal === 'string' ? opts.portal : undefined, undefined, loaded.portalFrom) : undefined;
  const licenses = kit ? await kit.portal.licenses() : undefined;

  // All --set values are checked before anything is applied: one bad value means nothing is written.
  const set = applySets(pkg, sets, { licenses });
  if (set.problems.length) {
    throw new UsageError(`${T.badSets[lang]}\n  - ${set.problems.map((p) => p[lang]).join('\n  - ')}`);
  }

  const derived = [];
  if (kit) {
    const org = (pkg.sdi as Record<string, unknown> | undefined)?.organisasi;
    if (!org && config.organization) derived.push(...applyDefaults(pkg, { organization: config.organization }).filter((d) => d.key === 'sdi.organisasi'));
    try {
      await runMetadataFlow(pkg, {
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
  if (after !== before) {
    await writeFileAtomic(file, after);
    out.write(fmt(T.saved[lang], { file }) + '\n');
    for (const d of derived) ctx.stderr.write(fmt(T.derived[lang], { key: d.key, value: d.value }) + '\n');
  } else {
    out.write(fmt(T.unchanged[lang], { file }) + '\n');
  }

  const errors = checkSatudataProfile(pkg, { lang });
  if (opts.json) {
    const missing = errors.map((e) => ({ field: e.note, pointer: e.pointer, message: e.message }));
    ctx.stdout.write(JSON.stringify({ package: file, saved: after !== before, derived, complete: !errors.length, missing }, null, 2) + '\n');
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
