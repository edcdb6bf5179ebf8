import { cosmiconfig } from 'cosmiconfig';
import { Ajv } from 'ajv';
import { ConfigError } from '../errors.js';
import type { LoadedConfig, SatudataConfig } from './types.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    portal: { type: 'string', pattern: '^https?://' },
    organization: { type: 'string', pattern: '^[a-z0-9_-]{2,100}$' },
    lang: { enum: ['id', 'en'] },
    profile: { enum: ['satudata', 'frictionless'] },
    maxUploadMB: { type: 'number', exclusiveMinimum: 0 },
    timeoutSeconds: { type: 'number', exclusiveMinimum: 0 },
    tokenEnv: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
  },
} as const;

const ajv = new Ajv({ allErrors: true, strict: false });
const check = ajv.compile<SatudataConfig>(schema);

const explain: Record<string, string> = {
  portal: 'a URL starting with http:// or https://',
  organization: 'a CKAN organization name: 2-100 characters of a-z, 0-9, - and _',
  lang: '"id" or "en"',
  profile: '"satudata" or "frictionless"',
  maxUploadMB: 'a positive number of megabytes',
  timeoutSeconds: 'a positive number of seconds',
  tokenEnv: 'the name of an environment variable, e.g. "SATUDATA_API_TOKEN"',
};

/**
 * Find and check the project configuration from `cwd` upwards (cosmiconfig, module name `satudata`).
 * Every wrong key is listed in one ConfigError (exit 2). A token in the file is refused: tokens live in
 * the environment or in the user's own credentials file (`satudata login`).
 */
export async function loadConfig(cwd: string): Promise<LoadedConfig> {
  const explorer = cosmiconfig('satudata', {
    searchStrategy: 'global',
    stopDir: cwd,
    searchPlaces: [
      'package.json',
      '.satudatarc',
      '.satudatarc.json',
      '.satudatarc.yaml',
      '.satudatarc.yml',
      'satudata.config.js',
      'satudata.config.mjs',
      'satudata.config.cjs',
    ],
  });
  let result;
  try {
    result = await explorer.search(cwd);
  } catch (e) {
    throw new ConfigError(`The configuration file cannot be read: ${(e as Error).message}`);
  }
  if (!result || result.isEmpty) return { config: {} };
  const raw = result.config as unknown;
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`${result.filepath}: the configuration must be an object`);
  }
  for (const key of Object.keys(raw)) {
    if (/token|apikey|api_key|secret|password/i.test(key) && key !== 'tokenEnv') {
      problems.push(`"${key}": tokens must not be stored in the project configuration; use the SATUDATA_API_TOKEN environment variable or "satudata login"`);
    }
  }
  if (!check(raw)) {
    for (const err of check.errors ?? []) {
      if (err.keyword === 'additionalProperties') {
        const key = (err.params as { additionalProperty: string }).additionalProperty;
        if (!problems.some((p) => p.startsWith(`"${key}"`))) {
          problems.push(`"${key}" is not a known key (known: ${Object.keys(schema.properties).join(', ')})`);
        }
      } else {
        const key = err.instancePath.replace(/^\//, '');
        problems.push(`"${key}" must be ${explain[key] ?? err.message}`);
      }
    }
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration in ${result.filepath}:\n  - ${problems.join('\n  - ')}`);
  }
  return { config: raw as SatudataConfig, filepath: result.filepath };
}
