/**
 * The real-CKAN suite (npm run test:ckan, via test/ckan/run.sh): the portal contract suite, these
 * smoke tests and the end-to-end CLI tests, all against the instance named by SATUDATA_CKAN_ENV.
 * Files run one after another: they share one portal, and counts (organization_list) must not
 * see another file's datasets appear mid-test.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/contract/**/*.test.ts', 'test/ckan/**/*.test.ts', 'test/cli/*.real.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 60000,
    hookTimeout: 120000,
    pool: 'forks',
    fileParallelism: false,
    // A .only left in a file would silently skip the rest; run.sh also fails on any skip.
    allowOnly: false,
  },
});
