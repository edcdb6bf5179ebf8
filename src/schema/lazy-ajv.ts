/**
 * Ajv, loaded on first use: loading its modules costs ~45 ms of every start-up, and most runs compile
 * nothing with it (the Data Package profiles are compiled ahead of time, see profiles.ts).
 */
import { createRequire } from 'node:module';
import type * as AjvModule from 'ajv';
import type { Ajv, Options } from 'ajv';

const require = createRequire(import.meta.url);

export function newAjv(opts: Options): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof AjvModule;
  return new AjvClass(opts);
}
