/**
 * The `satudata` validation profile: Satu Data metadata completeness (satu-data.md §2.3 ★ fields and
 * the column dictionary). One top-level report error of type `satudata-metadata` per missing mandatory
 * field, and one per present value that breaks its rule (e-mail, slug, frequency, period...), so that a
 * package passing this check can be pushed as is.
 */
import { fmt, type Lang, m, msg } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import type { ReportError } from '../validate/types.js';
import { DATASET_FIELDS } from './fields.js';
import { mandatoryColumnTargets, recommendedColumnTargets } from './resource-keys.js';

export const PROFILE_ERROR_TYPE = 'satudata-metadata';

const TEXT = {
  title: m('metadata.profile.text.title'),
  description: m('metadata.profile.text.description'),
  missing: m('metadata.profile.text.missing'),
  invalid: m('metadata.profile.text.invalid'),
  column: m('metadata.profile.text.column'),
  attrTitle: m('metadata.profile.text.attrTitle'),
  attrDescription: m('metadata.profile.text.attrDescription'),
  attrUnit: m('metadata.profile.text.attrUnit'),
  recommended: m('metadata.profile.text.recommended'),
};

const ATTR_TEXT = { title: TEXT.attrTitle, description: TEXT.attrDescription, satuan: TEXT.attrUnit } as const;

function error(lang: Lang, key: string, pointer: string, message: string): ReportError {
  return {
    type: PROFILE_ERROR_TYPE,
    title: TEXT.title[lang],
    description: TEXT.description[lang],
    message,
    tags: ['#metadata', '#satudata'],
    note: key,
    pointer,
  };
}

/**
 * Check a data package against the satudata profile. `lang` picks the message language (Bahasa
 * Indonesia by default, like the CLI). Field schemas given as external files are not read here: the
 * validation engine passes a package whose schemas it has already loaded.
 */
export function checkSatudataProfile(pkg: DataPackage, opts: { lang?: Lang } = {}): ReportError[] {
  const lang = opts.lang ?? 'id';
  const errors: ReportError[] = [];
  for (const f of DATASET_FIELDS) {
    const value = f.read(pkg);
    if (value === undefined) {
      if (f.mandatory) errors.push(error(lang, f.key, f.pointer, fmt(TEXT.missing[lang], { key: f.key, label: f.label[lang] })));
      continue;
    }
    if (!f.strict) continue;
    const checked = f.check(value, {});
    if (!checked.ok) errors.push(error(lang, f.key, f.pointer, fmt(TEXT.invalid[lang], { key: f.key, reason: checked.reason[lang] })));
  }
  for (const target of mandatoryColumnTargets(pkg)) {
    if (target.read() !== undefined) continue;
    const resource = pkg.resources[target.resourceIndex]?.name ?? String(target.resourceIndex);
    const label = fmt(TEXT.column[lang], {
      attr: ATTR_TEXT[target.attr][lang],
      field: target.field?.name ?? '',
      resource,
    });
    errors.push(error(lang, target.key, target.pointer, fmt(TEXT.missing[lang], { key: target.key, label })));
  }
  return errors;
}

/**
 * What the profile recommends but does not require: one warning listing the columns without a
 * description (`resource.field`), or none.
 */
export function satudataProfileWarnings(pkg: DataPackage, opts: { lang?: Lang } = {}): string[] {
  const lang = opts.lang ?? 'id';
  const missing = recommendedColumnTargets(pkg)
    .filter((t) => t.read() === undefined)
    .map((t) => `${pkg.resources[t.resourceIndex]?.name ?? t.resourceIndex}.${t.field?.name ?? ''}`);
  if (!missing.length) return [];
  const shown = missing.length > 20 ? [...missing.slice(0, 20), msg(lang, 'metadata.profile.text.more', { n: missing.length - 20 })] : missing;
  return [fmt(TEXT.recommended[lang], { n: missing.length, list: shown.join(', ') })];
}
