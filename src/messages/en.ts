/** The English message catalogue: same keys and placeholders as `id.ts` (see there), one file per area under ./en/. */
import type { id } from './id.js';
import { audit } from './en/audit.js';
import { metadata } from './en/metadata.js';
import { portal } from './en/portal.js';
import { report } from './en/report.js';
import { authoring } from './en/authoring.js';
import { datastore } from './en/datastore.js';
import { source } from './en/source.js';

export const en: Record<keyof typeof id, string> = { ...audit, ...metadata, ...portal, ...report, ...authoring, ...datastore, ...source };
