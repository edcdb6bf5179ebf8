/**
 * Where the portal URL and the API token come from. The token is never a flag (shell history) nor a
 * project-config value: environment variable (`tokenEnv` from the user's own config, then
 * SATUDATA_API_TOKEN) first, then the token stored by `satudata login` for that portal. A token from the
 * environment only goes to a portal the user named. The caller registers it as a secret.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { LoadedConfig, SatudataConfig } from './types.js';
import { loginPortal, readCredential } from './credentials.js';
import { msg } from '../i18n.js';
import { redactUrl } from '../redact-url.js';

export const DEFAULT_TOKEN_ENV = 'SATUDATA_API_TOKEN';

export interface ResolvedToken {
  token: string;
  /** `env:NAME` or `login` (never the token itself). */
  source: string;
}

/**
 * The user's own satudata config folder: SATUDATA_CONFIG_DIR (tests, portable setups) > %APPDATA%\satudata
 * on Windows > $XDG_CONFIG_HOME/satudata > ~/.config/satudata.
 */
export function userConfigDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.SATUDATA_CONFIG_DIR) return env.SATUDATA_CONFIG_DIR;
  if (platform === 'win32') {
    const base = env.APPDATA || join(env.USERPROFILE || homedir(), 'AppData', 'Roaming');
    return join(base, 'satudata');
  }
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, 'satudata');
  return join(env.HOME || homedir(), '.config', 'satudata');
}

/** Canonical portal key: no trailing slash, so `https://x/` and `https://x` share one stored login. */
export function normalisePortal(url: string): string {
  return url.trim().replace(/\/+$/, '');
}


/**
 * Portal precedence: flag > SATUDATA_PORTAL > config file. Missing → exit 2 with how to set it. A URL
 * holding a user name or password is refused (it would be printed, logged and sent as Basic auth);
 * the message never repeats it.
 */
/**
 * resolvePortal, but when nothing names a portal the one of the latest `satudata login` is the default
 * (a portal the user named by logging in to it).
 */
export async function resolvePortalOrLogin(flag: unknown, env: NodeJS.ProcessEnv, config: SatudataConfig, lang: Lang): Promise<string> {
  if (!((typeof flag === 'string' && flag) || env.SATUDATA_PORTAL || config.portal)) {
    const last = await loginPortal(userConfigDir(env), lang);
    if (last) return last;
  }
  return resolvePortal(flag, env, config, lang);
}

export function resolvePortal(flag: unknown, env: NodeJS.ProcessEnv, config: SatudataConfig, lang: Lang): string {
  const raw = (typeof flag === 'string' && flag) || env.SATUDATA_PORTAL || config.portal;
  if (!raw) {
    throw new ConfigError(
      msg(lang, 'config.token.no_portal_url_is'),
      msg(lang, 'config.token.use_portal_https_data'),
      'E_NO_PORTAL',
    );
  }
  const shown = redactUrl(raw);
  if (!/^https?:\/\/[^/\s]+/.test(raw)) {
    throw new ConfigError(msg(lang, 'config.token.the_portal_url_must', { shown }));
  }
  if (/^https?:\/\/[^/?#]*@/i.test(raw)) {
    throw new ConfigError(
      msg(lang, 'config.token.the_portal_url_holds', { shown }),
      msg(lang, 'config.token.give_the_portal_without'),
      'E_PORTAL_CREDENTIALS',
    );
  }
  return normalisePortal(raw);
}

/**
 * Whether the user named the portal (`--portal`, SATUDATA_PORTAL, or the user's own config), as
 * opposed to a repository's config alone. Only such a portal gets a token from the environment.
 */
export function portalNamedByUser(flag: unknown, env: NodeJS.ProcessEnv, loaded: Pick<LoadedConfig, 'portalFrom'>): boolean {
  return Boolean((typeof flag === 'string' && flag) || env.SATUDATA_PORTAL || loaded.portalFrom !== 'project');
}

/**
 * The token for `portal`, or undefined when none is set anywhere. `named` says whether the user named
 * the portal (portalNamedByUser): a portal named only by a repository's config gets the token stored
 * by `satudata login` for that very portal, never one from the environment (refused, exit 2).
 */
export async function findToken(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string, named: boolean, lang: Lang = 'id'): Promise<ResolvedToken | undefined> {
  const fromEnv = [config.tokenEnv, DEFAULT_TOKEN_ENV].find((name) => name && env[name]?.trim());
  if (fromEnv && named) return { token: env[fromEnv]!.trim(), source: `env:${fromEnv}` };
  const stored = await readCredential(userConfigDir(env), portal, lang);
  if (stored) return { token: stored.token, source: 'login' };
  if (fromEnv) throw untrustedPortal(portal, fromEnv, env, lang);
  return undefined;
}

function untrustedPortal(portal: string, variable: string, env: NodeJS.ProcessEnv, lang: Lang): ConfigError {
  const own = join(userConfigDir(env), 'config.json');
  const shown = redactUrl(portal);
  return new ConfigError(msg(lang, 'config.token.the_portal_is_named', { shown, variable }), msg(lang, 'config.token.the_portal_is_named.hint', { shown, own }), 'E_UNTRUSTED_PORTAL');
}

/** Like findToken, but a missing token is a ConfigError (exit 2) that says how to set one. */
export async function requireToken(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string, named: boolean, lang: Lang): Promise<ResolvedToken> {
  const found = await findToken(env, config, portal, named, lang);
  if (found) return found;
  const name = config.tokenEnv ?? DEFAULT_TOKEN_ENV;
  throw new ConfigError(
    msg(lang, 'config.token.no_api_token_for', { portal }),
    msg(lang, 'config.token.run_satudata_login_portal', { portal, name }),
    'E_NO_TOKEN',
  );
}
