/** `satudata logout [--portal URL] [--json]`: forget the stored token of a portal. */
import type { CliContext } from '../context.js';
import { loadConfig } from '../../config/load.js';
import { resolvePortalOrLogin, userConfigDir } from '../../config/token.js';
import { removeCredential } from '../../portal/credentials.js';

export async function run(ctx: CliContext, _args: string[], opts: Record<string, unknown>): Promise<number> {
  const en = ctx.lang === 'en';
  const { config } = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, ctx.lang);
  const removed = await removeCredential(userConfigDir(ctx.env), portal, ctx.lang);
  if (opts.json) {
    ctx.stdout.write(JSON.stringify({ portal, removed }) + '\n');
    return 0;
  }
  if (removed) ctx.stdout.write(en ? `Logged out of ${portal}: the stored token was removed.\n` : `Keluar dari ${portal}: token yang disimpan sudah dihapus.\n`);
  else ctx.stdout.write(en ? `No token was stored for ${portal}.\n` : `Tidak ada token tersimpan untuk ${portal}.\n`);
  return 0;
}
