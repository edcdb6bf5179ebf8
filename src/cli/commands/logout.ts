/** `satudata logout [--portal URL] [--json]`: forget the stored token of a portal. */
import type { CliContext } from '../context.js';
import type { LogoutOptions } from '../options.js';
import { loadConfig } from '../../config/load.js';
import { resolvePortalOrLogin, userConfigDir } from '../../config/token.js';
import { removeCredential } from '../../config/credentials.js';
import { msg } from '../../i18n.js';

export async function run(ctx: CliContext, _args: string[], opts: LogoutOptions): Promise<number> {
  const { config } = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, ctx.lang);
  const removed = await removeCredential(userConfigDir(ctx.env), portal, ctx.lang);
  if (opts.json) {
    ctx.stdout.write(JSON.stringify({ portal, removed }) + '\n');
    return 0;
  }
  if (removed) ctx.stdout.write(msg(ctx.lang, 'logout.logged_out_of_the', { portal }));
  else ctx.stdout.write(msg(ctx.lang, 'logout.no_token_was_stored', { portal }));
  return 0;
}
