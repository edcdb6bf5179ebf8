/**
 * Token verification shared by `login` and `push` (ckan-api.md §8 rule 3): CKAN never answers 401 for a
 * bad token, it silently treats the caller as anonymous; so ask `user_show` without id (2.10+: "who am
 * I") and list the organizations where the token may create datasets.
 */
import { ConfigError, PortalError } from '../errors.js';
import type { Lang } from '../i18n.js';
import type { SatudataConfig } from '../config/types.js';
import { CkanClient } from './client.js';
import { PORTAL_CODES } from './response.js';
import { msg } from '../i18n.js';

export interface Identity {
  user: { id: string; name: string; sysadmin: boolean };
  /** Organizations (names and titles) where the token has `create_dataset`. */
  orgs: { id: string; name: string; title: string }[];
}

/** A client configured from the project config; SATUDATA_RETRY_DELAY_MS shortens backoff (tests, CI). */
export function clientFor(env: NodeJS.ProcessEnv, config: SatudataConfig, portal: string, token: string | undefined, lang: Lang): CkanClient {
  const delay = Number(env.SATUDATA_RETRY_DELAY_MS);
  return new CkanClient({
    portal,
    token,
    lang,
    env,
    timeoutMs: (config.timeoutSeconds ?? 30) * 1000,
    retryDelayMs: Number.isFinite(delay) && delay >= 0 && env.SATUDATA_RETRY_DELAY_MS !== '' ? delay : undefined,
    userAgent: 'satudata (+https://github.com/satudata)',
  });
}

/** Where a token came from, as the user knows it: the login store, a variable, the prompt or stdin. */
export function tokenSourceText(source: string, lang: Lang): string {
  if (source === 'login') return msg(lang, 'portal.session.source.store');
  if (source === 'prompt') return msg(lang, 'portal.session.source.prompt');
  if (source === 'stdin') return msg(lang, 'portal.session.standard_input_stdin');
  return source.replace(/^env:/, msg(lang, 'portal.session.source.variable'));
}

export async function verifyToken(client: CkanClient, portal: string, lang: Lang, tokenSource: string): Promise<Identity> {
  let user: { id: string; name: string; sysadmin?: boolean } | undefined;
  try {
    user = await client.action('user_show', {});
  } catch (e) {
    if (e instanceof PortalError && (e.code === PORTAL_CODES.notFound || e.code === PORTAL_CODES.forbidden)) user = undefined;
    else throw e;
  }
  if (!user || !user.name) {
    const where = tokenSourceText(tokenSource, lang);
    throw new ConfigError(
      msg(lang, 'portal.session.token_rejected', { where, portal }),
      msg(lang, 'portal.session.create_a_new_token', { portal }),
      'E_BAD_TOKEN',
    );
  }
  const orgs = await client.action<{ id: string; name: string; title?: string; display_name?: string }[]>('organization_list_for_user', {
    permission: 'create_dataset',
  });
  return {
    user: { id: user.id, name: user.name, sysadmin: Boolean(user.sysadmin) },
    orgs: orgs.map((o) => ({ id: o.id, name: o.name, title: o.title || o.display_name || o.name })),
  };
}
