/**
 * `--set KEY=VALUE` for `satudata metadata`: parse, resolve aliases, check every value, and apply all
 * of them or none (an unknown key or an invalid value must leave datapackage.json untouched).
 */
import { mf, type Msg } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { findDatasetField, type CheckEnv } from './fields.js';
import { resolveResourceKey } from './resource-keys.js';

export interface SetResult {
  /** Canonical keys that were set (or cleared). */
  applied: string[];
  /** Every problem found; when non-empty nothing was applied. */
  problems: Msg[];
}


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
      problems.push(mf('metadata.set.not_key_value', { item }));
      continue;
    }
    const key = item.slice(0, eq).trim();
    const raw = item.slice(eq + 1);
    const bad = forbiddenPart(key);
    if (bad) {
      problems.push(mf('metadata.set.forbidden_key_part', { key, part: bad }));
      continue;
    }
    if (/^resources\./i.test(key)) {
      const target = resolveResourceKey(pkg, key);
      if ('error' in target) {
        problems.push(target.error);
        continue;
      }
      if (raw.trim() === '') {
        if (target.mandatory) problems.push(mf('metadata.set.mandatory', { key }));
        else actions.push({ key: target.key, run: () => target.write(undefined) });
        continue;
      }
      const checked = target.check(raw);
      if (!checked.ok) problems.push(mf('metadata.set.problem', { key, reason: checked.reason }));
      else actions.push({ key: target.key, run: () => target.write(checked.value) });
      continue;
    }
    const field = findDatasetField(key);
    if (!field) {
      problems.push(mf('metadata.set.unknown_key', { key }));
      continue;
    }
    if (raw.trim() === '') {
      if (field.mandatory) problems.push(mf('metadata.set.mandatory', { key }));
      else actions.push({ key: field.key, run: () => field.write(pkg, undefined) });
      continue;
    }
    const checked = field.check(raw, env);
    if (!checked.ok) problems.push(mf('metadata.set.problem', { key, reason: checked.reason }));
    else actions.push({ key: field.key, run: () => field.write(pkg, checked.value) });
  }
  if (problems.length) return { applied: [], problems };
  for (const a of actions) a.run();
  return { applied: actions.map((a) => a.key), problems };
}
