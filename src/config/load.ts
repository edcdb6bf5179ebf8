import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { newAjv } from '../schema/lazy-ajv.js';
import { ConfigError } from '../errors.js';
import type { LoadedConfig, SatudataConfig } from './types.js';
import type { Lang } from '../i18n.js';
import { userConfigDir } from './token.js';
import { tooDeep, tooDeepMessage } from '../json-depth.js';
import { msg, m } from '../i18n.js';

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
    datastore: { type: 'boolean' },
  },
} as const;

let compiled: ValidateFunction<SatudataConfig> | undefined;
/** Compiled on first use: most runs find no configuration file. */
const checker = (): ValidateFunction<SatudataConfig> => (compiled ??= newAjv({ allErrors: true, strict: false }).compile<SatudataConfig>(schema));

const explain: Record<string, { id: string; en: string }> = {
  portal: m('config.load.explain.portal'),
  organization: m('config.load.explain.organization'),
  lang: m('config.load.explain.lang'),
  profile: m('config.load.explain.profile'),
  maxUploadMB: m('config.load.explain.maxUploadMB'),
  timeoutSeconds: m('config.load.explain.timeoutSeconds'),
  tokenEnv: m('config.load.explain.tokenEnv'),
  datastore: m('datastore.config.explain'),
};

const DATA_PLACES = ['package.json', '.satudatarc', '.satudatarc.json', '.satudatarc.yaml', '.satudatarc.yml'];
const USER_PLACES = ['config.json', 'config.yaml', 'config.yml'];
/** Configuration that is code: never loaded (a repository must not run code on `satudata validate`). */
const CODE_PLACES = ['satudata.config.js', 'satudata.config.mjs', 'satudata.config.cjs', 'satudata.config.ts', '.satudatarc.js', '.satudatarc.mjs', '.satudatarc.cjs', '.satudatarc.ts'];

// Data only: JSON and YAML. No JavaScript/TypeScript loader is reachable from these explorers.
// cosmiconfig is loaded only when a folder holds one of the files (its import and search cost start-up time).
async function explorerOf(searchPlaces: string[]) {
  const { cosmiconfig, defaultLoaders } = await import('cosmiconfig');
  const dataLoaders = { '.json': defaultLoaders['.json'], '.yaml': defaultLoaders['.yaml'], '.yml': defaultLoaders['.yml'], noExt: defaultLoaders.noExt };
  return cosmiconfig('satudata', { searchStrategy: 'none', searchPlaces, loaders: dataLoaders, cache: false });
}

type Found = { config: unknown; filepath: string } | undefined;

/**
 * Whether `dir/package.json` may hold a `satudata` key: most repositories have a package.json without
 * one, and loading cosmiconfig to find that out costs ~20 ms of every start-up. A file that does not
 * parse goes to cosmiconfig, which reports it as before.
 */
function packageHasConfig(dir: string): boolean {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'package.json'), 'utf8');
  } catch {
    return false;
  }
  try {
    const pkg: unknown = JSON.parse(text);
    return typeof pkg !== 'object' || pkg === null || Object.hasOwn(pkg, 'satudata');
  } catch {
    return true;
  }
}

async function searchDir(dir: string, places: string[], lang: Lang): Promise<Found> {
  if (!places.some((f) => (f === 'package.json' ? packageHasConfig(dir) : existsSync(path.join(dir, f))))) return undefined;
  let result;
  try {
    result = await (await explorerOf(places)).search(dir);
  } catch (e) {
    throw new ConfigError(msg(lang, 'config.load.unreadable', { message: (e as Error).message }));
  }
  if (!result || result.isEmpty || path.dirname(result.filepath) !== path.resolve(dir)) return undefined;
  return { config: result.config, filepath: result.filepath };
}

function codeConfigIn(dir: string): string | undefined {
  const name = CODE_PLACES.find((f) => existsSync(path.join(dir, f)));
  return name && path.join(dir, name);
}

/** The repository's config: the first data config from `cwd` up to the home folder (or the root). */
async function findProjectConfig(cwd: string, home: string, lang: Lang): Promise<Found> {
  let dir = path.resolve(cwd);
  for (;;) {
    const found = await searchDir(dir, DATA_PLACES, lang);
    if (found) return found;
    const code = codeConfigIn(dir);
    if (code) {
      throw new ConfigError(
        msg(lang, 'config.load.javascript_configuration_is_not', { code }),
        msg(lang, 'config.load.move_the_settings_to'),
      );
    }
    const up = path.dirname(dir);
    if (dir === path.resolve(home) || up === dir) return undefined;
    dir = up;
  }
}

function checkConfig(raw: unknown, filepath: string, lang: Lang, own: boolean): SatudataConfig {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(msg(lang, 'config.load.not_object', { filepath }));
  }
  if (tooDeep(raw)) throw new ConfigError(tooDeepMessage(filepath, lang));
  for (const key of Object.keys(raw)) {
    if (/token|apikey|api_key|secret|password/i.test(key) && key !== 'tokenEnv') {
      problems.push(
        msg(lang, 'config.load.tokens_must_not_be', { key }),
      );
    }
  }
  if (!own && 'tokenEnv' in raw) {
    problems.push(
      msg(lang, 'config.load.tokenenv_is_only_read', { value: USER_PLACES[0] }),
    );
  }
  const check = checker();
  if (!check(raw)) {
    for (const err of check.errors ?? []) {
      if (err.keyword === 'additionalProperties') {
        const key = (err.params as { additionalProperty: string }).additionalProperty;
        if (!problems.some((p) => p.startsWith(`"${key}"`))) {
          problems.push(msg(lang, 'config.load.unknown_key', { key, value: Object.keys(schema.properties).join(', ') }));
        }
      } else {
        const key = err.instancePath.replace(/^\//, '');
        problems.push(msg(lang, 'config.load.must_be', { key, explain: explain[key]?.[lang] ?? err.message }));
      }
    }
  }
  if (problems.length) {
    throw new ConfigError(`${msg(lang, 'config.load.invalid_configuration_in')} ${filepath}:\n  - ${problems.join('\n  - ')}`);
  }
  return raw as SatudataConfig;
}

/**
 * Find and check the configuration, as data only (JSON or YAML; a JavaScript config is refused, never
 * run): the repository's (from `cwd` up to the home folder: package.json "satudata",
 * .satudatarc[.json|.yaml|.yml]) over the user's own (`<user config dir>/config.json|yaml`). Every
 * wrong key is listed in one ConfigError (exit 2). A token in a file is refused: tokens live in the
 * environment or in the user's own credentials file (`satudata login`). `tokenEnv` is only read from
 * the user's own config, and `portalFrom` says who named the portal (a repository's portal gets no
 * token from the environment: see config/token.ts).
 */
export async function loadConfig(cwd: string, lang: Lang = 'id', env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const home = env.HOME || homedir();
  const userDir = userConfigDir(env);
  const userFound = await searchDir(userDir, USER_PLACES, lang);
  const user = userFound ? checkConfig(userFound.config, userFound.filepath, lang, true) : {};
  const projectFound = await findProjectConfig(cwd, home, lang);
  // The user's own config folder found by walking up (cwd inside it) is the user's, not a repository's.
  const ownProject = projectFound !== undefined && path.dirname(projectFound.filepath) === path.resolve(userDir);
  const project = projectFound ? checkConfig(projectFound.config, projectFound.filepath, lang, ownProject) : {};
  const config: SatudataConfig = { ...user, ...project };
  if (user.tokenEnv !== undefined) config.tokenEnv = user.tokenEnv;
  else delete config.tokenEnv;
  const portalFrom = project.portal !== undefined && !ownProject ? 'project' : config.portal !== undefined ? 'user' : undefined;
  return {
    config,
    filepath: projectFound?.filepath ?? userFound?.filepath,
    ...(userFound ? { userFile: userFound.filepath } : {}),
    ...(portalFrom ? { portalFrom } : {}),
  };
}
