/**
 * Everything an interactive session needs: the real prompts on the context's streams (stderr, so
 * stdout stays clean) and the portal lookups when a portal is configured (offline otherwise).
 */
import { terminalSafe, type CliContext } from './context.js';
import { findToken, normalisePortal, portalNamedByUser } from '../config/token.js';
import type { LoadedConfig, SatudataConfig } from '../config/types.js';
import { CkanClient } from '../portal/client.js';
import { inquirerAsk, type Ask } from '../metadata/ask.js';
import { OFFLINE, type MetadataPortal } from '../metadata/portal.js';
import { ckanMetadataPortal } from '../portal/lookups.js';
import { msg } from '../i18n.js';

export interface PromptKit {
  ask: Ask;
  portal: MetadataPortal;
  /** A portal URL is known (lookups may still fail and fall back). */
  online: boolean;
  close(): Promise<void>;
}

export async function promptKit(ctx: CliContext, config: SatudataConfig, portalFlag: string | undefined, ask?: Ask, portalFrom?: LoadedConfig['portalFrom']): Promise<PromptKit> {
  const theAsk = ask ?? inquirerAsk({ input: ctx.stdin, output: () => ctx.stderr, lang: ctx.lang });
  const url = portalFlag || ctx.env.SATUDATA_PORTAL || config.portal;
  // No portal, or one holding a user name/password (never used nor shown): the bundled lists.
  if (!url || !/^https?:\/\//.test(url) || /^https?:\/\/[^/?#]*@/i.test(url)) return { ask: theAsk, portal: OFFLINE, online: false, close: async () => {} };
  const portal = normalisePortal(url);
  // A portal named only by the repository's config gets no token from the environment (anonymous lookups).
  const found = await findToken(ctx.env, config, portal, portalNamedByUser(portalFlag, ctx.env, { portalFrom }), ctx.lang).catch(() => undefined);
  if (found) ctx.addSecret(found.token);
  // Short timeout and one retry: these lookups only improve the choices offered, they are never required.
  const client = new CkanClient({ portal, token: found?.token, timeoutMs: 8000, retries: 1, lang: ctx.lang, env: ctx.env });
  const warned = { done: false };
  const warn = (e: unknown) => {
    if (warned.done) return;
    warned.done = true;
    const m = (e as Error)?.message ?? String(e);
    ctx.stderr.write(
      msg(ctx.lang, 'metadata.prompt-kit.note_portal_lookup_failed', { m: terminalSafe(m).replace(/\s+/g, ' ').trim() }),
    );
  };
  return { ask: theAsk, portal: ckanMetadataPortal(client, Boolean(found), warn), online: true, close: () => client.close() };
}
