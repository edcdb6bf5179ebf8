/**
 * `--set KEY=VALUE` for `satudata metadata`: parse, resolve aliases, check every value, and apply all
 * of them or none (an unknown key or an invalid value must leave datapackage.json untouched).
 */
import { fmt, msg as text, type Msg } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { findDatasetField, type CheckEnv } from './fields.js';
import { resolveResourceKey } from './resource-keys.js';

export interface SetResult {
  /** Canonical keys that were set (or cleared). */
  applied: string[];
  /** Every problem found; when non-empty nothing was applied. */
  problems: Msg[];
}

const msg = (id: string, en: string, vars: Record<string, string>): Msg => ({ id: fmt(id, vars), en: fmt(en, vars) });

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A key part that names JavaScript object machinery rather than metadata. A column selector
 * (`resources.0.schema.fields.<name>.title`) is matched by equality, so a column may be named so.
 */
function forbiddenPart(key: string): string | undefined {
  const parts = key.split('.');
  const fieldSelector = /^resources$/i.test(parts[0] ?? '') && parts[2] === 'schema' && parts[3] === 'fields' ? 4 : -1;
  return parts.find((p, i) => i !== fieldSelector && FORBIDDEN.has(p.toLowerCase()));
}

/** Apply `--set` assignments to `pkg` in place, but only when every one of them is valid. */
export function applySets(pkg: DataPackage, sets: readonly string[], env: CheckEnv = {}): SetResult {
  const problems: Msg[] = [];
  const actions: { key: string; run: () => void }[] = [];
  for (const item of sets) {
    const eq = item.indexOf('=');
    if (eq <= 0) {
      problems.push(msg('"{item}": tulis sebagai KUNCI=NILAI, mis. judul="Jumlah Penduduk"', '"{item}": write it as KEY=VALUE, e.g. title="Jumlah Penduduk"', { item }));
      continue;
    }
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1);
    const bad = forbiddenPart(key);
    if (bad) {
      problems.push(msg(
        '"{key}": "{part}" tidak boleh dipakai dalam kunci (__proto__, constructor, prototype)',
        '"{key}": "{part}" is not allowed in a key (__proto__, constructor, prototype)',
        { key, part: bad },
      ));
      continue;
    }
    if (/^resources\./i.test(key)) {
      const target = resolveResourceKey(pkg, key);
      if ('error' in target) {
        problems.push(target.error);
        continue;
      }
      if (raw.trim() === '') {
        if (target.mandatory) problems.push(msg('"{key}" wajib diisi; nilai kosong tidak boleh', '"{key}" is mandatory; an empty value is not allowed', { key }));
        else actions.push({ key: target.key, run: () => target.write(undefined) });
        continue;
      }
      const checked = target.check(raw);
      if (!checked.ok) problems.push({ id: text('id', 'metadata.set.problem', { key, reason: checked.reason.id }), en: text('en', 'metadata.set.problem', { key, reason: checked.reason.en }) });
      else actions.push({ key: target.key, run: () => target.write(checked.value) });
      continue;
    }
    const field = findDatasetField(key);
    if (!field) {
      problems.push(msg(
        'kunci "{key}" tidak dikenal (mis. judul, deskripsi, organisasi, frekuensi, satuan, sdi.konsep, resources.0.schema.fields.<kolom>.title)',
        'unknown key "{key}" (e.g. title, description, organization, sdi.frekuensi, sdi.satuan, sdi.konsep, resources.0.schema.fields.<field>.title)',
        { key },
      ));
      continue;
    }
    if (raw.trim() === '') {
      if (field.mandatory) problems.push(msg('"{key}" wajib diisi; nilai kosong tidak boleh', '"{key}" is mandatory; an empty value is not allowed', { key }));
      else actions.push({ key: field.key, run: () => field.write(pkg, undefined) });
      continue;
    }
    const checked = field.check(raw, env);
    if (!checked.ok) problems.push({ id: text('id', 'metadata.set.problem', { key, reason: checked.reason.id }), en: text('en', 'metadata.set.problem', { key, reason: checked.reason.en }) });
    else actions.push({ key: field.key, run: () => field.write(pkg, checked.value) });
  }
  if (problems.length) return { applied: [], problems };
  for (const a of actions) a.run();
  return { applied: actions.map((a) => a.key), problems };
}
