/**
 * `satudata login [--portal URL] [--json]`: read a token (hidden prompt on a TTY, else stdin), verify it
 * against the portal, show who it belongs to and where it may publish, store it for that portal.
 */
import { password } from '@inquirer/prompts';
import type { CliContext } from '../context.js';
import type { LoginOptions } from '../options.js';
import { loadConfig } from '../../config/load.js';
import { portalNamedByUser, resolvePortalOrLogin, userConfigDir } from '../../config/token.js';
import { ConfigError, UsageError } from '../../errors.js';
import { readCredential, writeCredential } from '../../config/credentials.js';
import { clientFor, verifyToken } from '../../portal/session.js';
import { msg } from '../../i18n.js';

async function readStdin(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readToken(ctx: CliContext, portal: string): Promise<string> {
  if (ctx.stdin.isTTY) {
    if (!ctx.interactive) {
      throw new UsageError(msg(ctx.lang, 'login.no_token_given_prompts'), msg(ctx.lang, 'login.pipe_the_token_on'));
    }
    // The prompt goes to stderr so that --json keeps stdout clean.
    return password({ message: msg(ctx.lang, 'login.api_token_for', { portal }), mask: '*' }, { input: ctx.stdin, output: ctx.stderr });
  }
  return (await readStdin(ctx)).split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
}

export async function run(ctx: CliContext, _args: string[], opts: LoginOptions): Promise<number> {
  const loaded = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const { config } = loaded;
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, ctx.lang);
  if (!portalNamedByUser(opts.portal, ctx.env, loaded)) {
    // The token typed here would go to a host a repository chose: the user names it, or nothing is sent.
    throw new ConfigError(
      msg(ctx.lang, 'login.the_portal_is_named', { portal, filepath: loaded.filepath }),
      msg(ctx.lang, 'login.if_you_trust_it', { portal }),
      'E_UNTRUSTED_PORTAL',
    );
  }
  // A store that cannot be read is refused before anything is asked or sent (never overwritten).
  const previous = await readCredential(userConfigDir(ctx.env), portal, ctx.lang);
  const token = (await readToken(ctx, portal)).trim();
  if (token) ctx.addSecret(token);
  if (!token) throw new UsageError(msg(ctx.lang, 'login.the_token_is_empty'), msg(ctx.lang, 'login.paste_the_token_from'));
  const client = clientFor(ctx.env, config, portal, token, ctx.lang);
  try {
    const who = await verifyToken(client, portal, ctx.lang, ctx.stdin.isTTY ? 'prompt' : 'stdin');
    if (previous?.user && previous.user !== who.user.name) {
      // Say it before the other user's token is replaced.
      ctx.stderr.write(
        msg(ctx.lang, 'login.note_the_token_stored', { portal, user: previous.user, name: who.user.name }),
      );
    }
    const file = await writeCredential(userConfigDir(ctx.env), portal, { token, user: who.user.name, savedAt: new Date().toISOString() }, ctx.lang);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ portal, user: who.user.name, sysadmin: who.user.sysadmin, organizations: who.orgs.map((o) => o.name), stored: file }, null, 2) + '\n');
      return 0;
    }
    const orgs = who.orgs.length ? who.orgs.map((o) => `  - ${o.name} (${o.title})`).join('\n') : msg(ctx.lang, 'login.none_this_token_cannot');
    ctx.stdout.write(
      (msg(ctx.lang, 'login.logged_in_to_as', { portal, name: who.user.name, value: who.user.sysadmin ? ' (sysadmin)' : '', orgs, file })),
    );
    return 0;
  } finally {
    await client.close();
  }
}
