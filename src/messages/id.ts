import { audit } from './id/audit.js';
import { metadata } from './id/metadata.js';
import { portal } from './id/portal.js';
import { report } from './id/report.js';
import { authoring } from './id/authoring.js';
import { datastore } from './id/datastore.js';
import { source } from './id/source.js';

/**
 * The message catalogue in Bahasa Indonesia (the default language): every user-facing text of
 * satudata, keyed by a stable dotted code (`<area>.<what>`). `{name}` placeholders are filled by
 * `msg(lang, code, vars)` (src/i18n.ts). `en.ts` must hold exactly the same keys and placeholders;
 * the compiler and test/unit/i18n/catalogue.test.ts both check it. The help text of each command
 * and option lives in src/cli/help-text.ts (keyed by command and flag, with its own completeness
 * test); test/unit/i18n/inline-text.test.ts fails when text is written inline anywhere else.
 *
 * One file per area under ./id/ (and ./en/), joined here.
 */
export const id = { ...audit, ...metadata, ...portal, ...report, ...authoring, ...datastore, ...source } as const;
