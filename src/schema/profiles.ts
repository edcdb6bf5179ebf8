/**
 * The validators of the official Data Package profiles, patched as profile-patches.ts describes.
 * They are compiled ahead of time (scripts/build-profiles.js: ajv standalone code, in
 * profiles-compiled.ts), so no ajv compilation happens at start-up.
 */
import type { ValidateFunction } from 'ajv';
import * as compiled from './profiles-compiled.js';
import type { Version } from './profile-patches.js';
import { defined } from '../invariant.js';

export type { Version } from './profile-patches.js';

export interface Profiles {
  schema: ValidateFunction;
  /** One validator per field type (`string` also serves a field without `type`). */
  fields: Map<string, ValidateFunction>;
  dialect: ValidateFunction;
  resource: ValidateFunction;
  package: ValidateFunction;
}

type Json = Record<string, any>;

/** Each version's validators are built on first use (a v1 package never builds the v2 ones). */
const versions = compiled as unknown as Record<Version, () => Record<string, ValidateFunction>> & { fieldTypes: Record<Version, string[]> };
const cache = new Map<Version, Profiles>();

export function profiles(version: Version): Profiles {
  let p = cache.get(version);
  if (!p) {
    const fields = new Map<string, ValidateFunction>();
    const validators = versions[version]();
    const get = (name: string): ValidateFunction => defined(validators[`${version}_${name}`], `the compiled ${version} validator ${name}`);
    for (const type of versions.fieldTypes[version]) fields.set(type, get(`field_${type}`));
    p = { schema: get('schema'), fields, dialect: get('dialect'), resource: get('resource'), package: get('package') };
    cache.set(version, p);
  }
  return p;
}

export interface VersionContext { version: Version; /** declared, not defaulted: v2-only features are then refused under v1, as fl-py does */ pinned: boolean }

/**
 * v2 descriptors say so with `$schema` (…/2.0/…); v1 ones with `profile` or a 1.0 `$schema`.
 * Without either, the version is inherited from the parent descriptor, else v1 (the spec default).
 */
export function resolveVersion(descriptor: unknown, parent?: VersionContext): VersionContext {
  if (descriptor !== null && typeof descriptor === 'object') {
    const d = descriptor as Json;
    if (typeof d.$schema === 'string') {
      if (/\/2\.\d+\//.test(d.$schema)) return { version: 'v2', pinned: true };
      if (/\/1\.\d+\//.test(d.$schema)) return { version: 'v1', pinned: true };
    }
    if (typeof d.profile === 'string' && !parent?.pinned) return { version: 'v1', pinned: true };
  }
  return parent ?? { version: 'v1', pinned: false };
}
