import { cosmiconfig } from 'cosmiconfig';
import { Ajv } from 'ajv';
import { ConfigError } from '../errors.js';
import type { LoadedConfig, SatudataConfig } from './types.js';
import type { Lang } from '../i18n.js';

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

const explain: Record<string, { id: string; en: string }> = {
  portal: { en: 'a URL starting with http:// or https://', id: 'alamat URL yang diawali http:// atau https://' },
  organization: { en: 'a CKAN organization name: 2-100 characters of a-z, 0-9, - and _', id: 'nama organisasi CKAN: 2-100 karakter a-z, 0-9, - dan _' },
  lang: { en: '"id" or "en"', id: '"id" atau "en"' },
  profile: { en: '"satudata" or "frictionless"', id: '"satudata" atau "frictionless"' },
  maxUploadMB: { en: 'a positive number of megabytes', id: 'jumlah megabita yang positif' },
  timeoutSeconds: { en: 'a positive number of seconds', id: 'jumlah detik yang positif' },
  tokenEnv: { en: 'the name of an environment variable, e.g. "SATUDATA_API_TOKEN"', id: 'nama variabel lingkungan, mis. "SATUDATA_API_TOKEN"' },
};

/**
 * Find and check the project configuration from `cwd` upwards (cosmiconfig, module name `satudata`).
 * Every wrong key is listed in one ConfigError (exit 2). A token in the file is refused: tokens live in
 * the environment or in the user's own credentials file (`satudata login`).
 */
export async function loadConfig(cwd: string, lang: Lang = 'id'): Promise<LoadedConfig> {
  const en = lang === 'en';
  // From `cwd` up to the home folder (a command run in data/ still finds the repository's config),
  // then the user's own config folder (~/.config/satudata/config.json) for personal defaults.
  const explorer = cosmiconfig('satudata', {
    searchStrategy: 'global',
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
    throw new ConfigError(en ? `The configuration file cannot be read: ${(e as Error).message}` : `Berkas konfigurasi tidak dapat dibaca: ${(e as Error).message}`);
  }
  if (!result || result.isEmpty) return { config: {} };
  const raw = result.config as unknown;
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(en ? `${result.filepath}: the configuration must be an object` : `${result.filepath}: konfigurasi harus berupa objek`);
  }
  for (const key of Object.keys(raw)) {
    if (/token|apikey|api_key|secret|password/i.test(key) && key !== 'tokenEnv') {
      problems.push(
        en
          ? `"${key}": tokens must not be stored in the project configuration; use the SATUDATA_API_TOKEN environment variable or "satudata login"`
          : `"${key}": token tidak boleh disimpan di konfigurasi proyek; pakai variabel lingkungan SATUDATA_API_TOKEN atau "satudata login"`,
      );
    }
  }
  if (!check(raw)) {
    for (const err of check.errors ?? []) {
      if (err.keyword === 'additionalProperties') {
        const key = (err.params as { additionalProperty: string }).additionalProperty;
        if (!problems.some((p) => p.startsWith(`"${key}"`))) {
          problems.push(en ? `"${key}" is not a known key (known: ${Object.keys(schema.properties).join(', ')})` : `"${key}" bukan kunci yang dikenal (yang dikenal: ${Object.keys(schema.properties).join(', ')})`);
        }
      } else {
        const key = err.instancePath.replace(/^\//, '');
        problems.push(en ? `"${key}" must be ${explain[key]?.en ?? err.message}` : `"${key}" harus ${explain[key]?.id ?? err.message}`);
      }
    }
  }
  if (problems.length) {
    throw new ConfigError(`${en ? 'Invalid configuration in' : 'Konfigurasi tidak sah di'} ${result.filepath}:\n  - ${problems.join('\n  - ')}`);
  }
  return { config: raw as SatudataConfig, filepath: result.filepath };
}
