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
import { loginPortal, readCredential } from '../portal/credentials.js';

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
 * `https://user:pass@host/x` → `https://***@host/x`: a URL (or a message quoting URLs) as it may be
 * shown or logged.
 */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/gi, '$1***@');
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
      lang === 'en' ? 'No portal URL is set.' : 'Alamat portal belum diatur.',
      lang === 'en'
        ? 'Use --portal https://data.example.go.id, the SATUDATA_PORTAL variable, "portal" in .satudatarc.json, or log in once: satudata login --portal https://data.example.go.id'
        : 'Pakai --portal https://data.contoh.go.id, variabel SATUDATA_PORTAL, "portal" di .satudatarc.json, atau masuk sekali: satudata login --portal https://data.contoh.go.id',
      'E_NO_PORTAL',
    );
  }
  const shown = redactUrl(raw);
  if (!/^https?:\/\/[^/\s]+/.test(raw)) {
    throw new ConfigError(lang === 'en' ? `The portal URL "${shown}" must start with http:// or https://.` : `Alamat portal "${shown}" harus diawali http:// atau https://.`);
  }
  if (/^https?:\/\/[^/?#]*@/i.test(raw)) {
    throw new ConfigError(
      lang === 'en' ? `The portal URL "${shown}" holds a user name or password.` : `Alamat portal "${shown}" memuat nama pengguna atau kata sandi.`,
      lang === 'en'
        ? 'Give the portal without them (https://host) and use an API token: "satudata login" or the SATUDATA_API_TOKEN variable.'
        : 'Tulis alamat portal tanpa itu (https://host) dan pakai token API: "satudata login" atau variabel SATUDATA_API_TOKEN.',
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
  return lang === 'en'
    ? new ConfigError(
        `The portal ${shown} is named only by the repository's configuration; the token from the ${variable} variable is not sent to a portal you did not name.`,
        `If you trust this portal, name it yourself: --portal ${shown}, the SATUDATA_PORTAL variable (in CI, next to the token secret), "portal" in your own config ${own}, or "satudata login --portal ${shown}".`,
        'E_UNTRUSTED_PORTAL',
      )
    : new ConfigError(
        `Portal ${shown} hanya disebut oleh konfigurasi repositori; token dari variabel ${variable} tidak dikirim ke portal yang tidak Anda sebut sendiri.`,
        `Jika Anda memercayai portal ini, sebutkan sendiri: --portal ${shown}, variabel SATUDATA_PORTAL (di CI, di samping secret token), "portal" di konfigurasi Anda sendiri ${own}, atau "satudata login --portal ${shown}".`,
        'E_UNTRUSTED_PORTAL',
      );
}

/** Like findToken, but a missing token is a ConfigError (exit 2) that says how to set one. */
export async function requireToken(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string, named: boolean, lang: Lang): Promise<ResolvedToken> {
  const found = await findToken(env, config, portal, named, lang);
  if (found) return found;
  const name = config.tokenEnv ?? DEFAULT_TOKEN_ENV;
  throw new ConfigError(
    lang === 'en' ? `No API token for ${portal}.` : `Belum ada token API untuk ${portal}.`,
    lang === 'en'
      ? `Run "satudata login --portal ${portal}", or set the ${name} environment variable (e.g. a CI secret). Create a token in the portal under your user profile → API Tokens.`
      : `Jalankan "satudata login --portal ${portal}", atau isi variabel lingkungan ${name} (misalnya secret di CI). Buat token di portal pada profil pengguna → API Tokens.`,
    'E_NO_TOKEN',
  );
}
