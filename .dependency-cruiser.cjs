/**
 * The house of satudata: who may import whom (issue 19). Checked by `npm test`
 * (test/unit/layering.test.ts runs dependency-cruiser on src/ with this file); README "Layout" tells
 * the same in prose.
 *
 *   cli        the commands (commander, prompts, spinners, process): may import everything; nothing imports it.
 *   index.ts   the library entry: re-exports the engines below; nothing imports it.
 *   table      readers of CSV/XLSX: pure I/O on local files, no network, no config, no portal.
 *   schema     Table Schema compilation and checks: no network, no config, no portal.
 *   validate   the validation engine (table + schema, findings as data): no portal, no cli, no config.
 *              The commands read the configuration and pass its values as options, so a library user
 *              gets the same engine. (It imported config/token.ts for redactUrl only, a pure helper
 *              now in src/redact-url.ts.) Its one network door is validate/remote.ts (--allow-remote).
 *   ckan       the pure CKAN mapping and rules (datapackage ↔ CKAN fields): no network, no portal, no config.
 *   metadata   Satu Data metadata (profile, prompts' flows, workbook): talks to a portal only through
 *              the MetadataPortal interface it declares (metadata/portal.ts), never imports portal/.
 *   config     configuration and the credential store: never imports portal/.
 *   portal     the CKAN client, push planning and execution, lookups: may use ckan, config, metadata.
 *   audit, report, describe, convert, init, template, messages: libraries below cli.
 *
 * Folders never import each other in a circle (a cycle makes two folders one).
 */
const NETWORK = ['^(node:)?(http|https|http2|net|tls|dgram|dns)$', '(^|/)node_modules/undici/'];

module.exports = {
  forbidden: [
    {
      name: 'nothing-imports-cli',
      comment: 'cli/ is the top of the house: commands, prompts and the process streams live there and nowhere else.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'nothing-imports-the-library-entry',
      comment: 'src/index.ts is for library users; inside src import the module itself.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/index\\.ts$' },
    },
    {
      name: 'table-schema-offline',
      comment: 'Readers and schema checks never touch the network.',
      severity: 'error',
      from: { path: '^src/(table|schema)/' },
      to: { path: NETWORK },
    },
    {
      name: 'table-schema-no-config-no-portal',
      comment: 'Readers and schema checks take what they need as arguments: no configuration, no portal.',
      severity: 'error',
      from: { path: '^src/(table|schema)/' },
      to: { path: '^src/(config|portal)/' },
    },
    {
      name: 'ckan-mapping-pure',
      comment: 'The CKAN mapping and rules are pure: used by portal and cli alike, offline.',
      severity: 'error',
      from: { path: '^src/ckan/' },
      to: { path: ['^src/(portal|config)/', ...NETWORK] },
    },
    {
      name: 'validate-no-portal-cli-config',
      comment: 'The validation engine is a library: it knows nothing of the portal, the commands or the configuration.',
      severity: 'error',
      from: { path: '^src/validate/' },
      to: { path: '^src/(portal|cli|config)/' },
    },
    {
      name: 'metadata-not-portal',
      comment: 'metadata/ declares the MetadataPortal interface; portal/lookups.ts implements it.',
      severity: 'error',
      from: { path: '^src/metadata/' },
      to: { path: '^src/portal/' },
    },
    {
      name: 'config-not-portal',
      comment: 'Configuration and credentials come first; the portal session reads them, not the other way round.',
      severity: 'error',
      from: { path: '^src/config/' },
      to: { path: '^src/portal/' },
    },
    {
      name: 'no-cycles-between-folders',
      comment: 'Two folders that import each other are one folder in two places.',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      // A cycle that leaves the folder it starts in; cycles between files of one folder are its own business.
      to: { circular: true, via: { pathNot: '^src/$1/' } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|test|scripts)/' },
    // The project's own .js import specifiers name .ts files (NodeNext).
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
