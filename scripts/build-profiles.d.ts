import type { Ajv } from 'ajv';
import type { PatchedProfiles, Version } from '../src/schema/profile-patches.js';

/** Types of scripts/build-profiles.js, for its test. */
export const OUTPUT: string;
export function profileAjv(source?: boolean): Ajv;
export function generate(patchedProfiles: (version: Version) => PatchedProfiles): string;
