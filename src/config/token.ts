/**
 * Where the portal URL and the API token come from. The token is never a flag (shell history) nor a
 * project-config value: environment variable (`tokenEnv` from the config, then SATUDATA_API_TOKEN) first,
 * then the token stored by `satudata login` for that portal. The caller registers it as a secret.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { SatudataConfig } from './types.js';
import { readCredential } from '../portal/credentials.js';

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

/** Portal precedence: flag > SATUDATA_PORTAL > config file. Missing → exit 2 with how to set it. */
export function resolvePortal(flag: unknown, env: NodeJS.ProcessEnv, config: SatudataConfig, lang: Lang): string {
  const raw = (typeof flag === 'string' && flag) || env.SATUDATA_PORTAL || config.portal;
  if (!raw) {
    throw new ConfigError(
      lang === 'en' ? 'No portal URL is set.' : 'Alamat portal belum diatur.',
      lang === 'en'
        ? 'Use --portal https://data.example.go.id, the SATUDATA_PORTAL variable, or "portal" in .satudatarc.json.'
        : 'Pakai --portal https://data.contoh.go.id, variabel SATUDATA_PORTAL, atau "portal" di .satudatarc.json.',
      'E_NO_PORTAL',
    );
  }
  if (!/^https?:\/\/[^/\s]+/.test(raw)) {
    throw new ConfigError(lang === 'en' ? `The portal URL "${raw}" must start with http:// or https://.` : `Alamat portal "${raw}" harus diawali http:// atau https://.`);
  }
  return normalisePortal(raw);
}

/** The token for `portal`, or undefined when none is set anywhere. */
export async function findToken(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string): Promise<ResolvedToken | undefined> {
  for (const name of [config.tokenEnv, DEFAULT_TOKEN_ENV]) {
    if (!name) continue;
    const v = env[name]?.trim();
    if (v) return { token: v, source: `env:${name}` };
  }
  const stored = await readCredential(userConfigDir(env), portal);
  return stored ? { token: stored.token, source: 'login' } : undefined;
}

/** Like findToken, but a missing token is a ConfigError (exit 2) that says how to set one. */
export async function requireToken(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string, lang: Lang): Promise<ResolvedToken> {
  const found = await findToken(env, config, portal);
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
