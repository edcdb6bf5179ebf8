/**
 * `satudata login [--portal URL] [--json]`: read a token (hidden prompt on a TTY, else stdin), verify it
 * against the portal, show who it belongs to and where it may publish, store it for that portal.
 */
import { password } from '@inquirer/prompts';
import type { CliContext } from '../context.js';
import { loadConfig } from '../../config/load.js';
import { portalNamedByUser, resolvePortalOrLogin, userConfigDir } from '../../config/token.js';
import { ConfigError, UsageError } from '../../errors.js';
import { readCredential, writeCredential } from '../../portal/credentials.js';
import { clientFor, verifyToken } from '../../portal/session.js';

async function readStdin(ctx: CliContext): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of ctx.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function readToken(ctx: CliContext, portal: string): Promise<string> {
  const en = ctx.lang === 'en';
  if (ctx.stdin.isTTY) {
    if (!ctx.interactive) {
      throw new UsageError(en ? 'No token given: prompts are off (--yes).' : 'Token tidak diberikan: prompt dimatikan (--yes).', en ? 'Pipe the token on stdin: satudata login < token.txt' : 'Kirim token lewat stdin: satudata login < token.txt');
    }
    // The prompt goes to stderr so that --json keeps stdout clean.
    return password({ message: en ? `API token for ${portal}:` : `Token API untuk ${portal}:`, mask: '*' }, { input: ctx.stdin, output: process.stderr });
  }
  return (await readStdin(ctx)).split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
}

export async function run(ctx: CliContext, _args: string[], opts: Record<string, unknown>): Promise<number> {
  const en = ctx.lang === 'en';
  const loaded = await loadConfig(ctx.cwd, ctx.lang, ctx.env);
  const { config } = loaded;
  const portal = await resolvePortalOrLogin(opts.portal, ctx.env, config, ctx.lang);
  if (!portalNamedByUser(opts.portal, ctx.env, loaded)) {
    // The token typed here would go to a host a repository chose: the user names it, or nothing is sent.
    throw new ConfigError(
      en ? `The portal ${portal} is named only by the repository's configuration (${loaded.filepath}).` : `Portal ${portal} hanya disebut oleh konfigurasi repositori (${loaded.filepath}).`,
      en ? `If you trust it, name it yourself: satudata login --portal ${portal}` : `Jika Anda memercayainya, sebutkan sendiri: satudata login --portal ${portal}`,
      'E_UNTRUSTED_PORTAL',
    );
  }
  // A store that cannot be read is refused before anything is asked or sent (never overwritten).
  const previous = await readCredential(userConfigDir(ctx.env), portal, ctx.lang);
  const token = (await readToken(ctx, portal)).trim();
  if (token) ctx.addSecret(token);
  if (!token) throw new UsageError(en ? 'The token is empty.' : 'Token kosong.', en ? 'Paste the token from the portal (user profile → API Tokens).' : 'Tempel token dari portal (profil pengguna → API Tokens).');
  const client = clientFor(ctx.env, config, portal, token, ctx.lang);
  try {
    const who = await verifyToken(client, portal, ctx.lang, ctx.stdin.isTTY ? 'prompt' : 'stdin');
    if (previous?.user && previous.user !== who.user.name) {
      // Say it before the other user's token is replaced.
      ctx.stderr.write(
        en
          ? `Note: the token stored for ${portal} belonged to ${previous.user}; it is replaced by the token of ${who.user.name}.\n`
          : `Catatan: token yang tersimpan untuk ${portal} milik ${previous.user}; kini diganti dengan token milik ${who.user.name}.\n`,
      );
    }
    const file = await writeCredential(userConfigDir(ctx.env), portal, { token, user: who.user.name, savedAt: new Date().toISOString() }, ctx.lang);
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ portal, user: who.user.name, sysadmin: who.user.sysadmin, organizations: who.orgs.map((o) => o.name), stored: file }, null, 2) + '\n');
      return 0;
    }
    const orgs = who.orgs.length ? who.orgs.map((o) => `  - ${o.name} (${o.title})`).join('\n') : en ? '  (none: this token cannot publish datasets)' : '  (tidak ada: token ini tidak dapat menerbitkan dataset)';
    ctx.stdout.write(
      (en
        ? `Logged in to ${portal} as ${who.user.name}${who.user.sysadmin ? ' (sysadmin)' : ''}.\nMay publish to:\n${orgs}\nToken stored in ${file}\n`
        : `Masuk ke ${portal} sebagai ${who.user.name}${who.user.sysadmin ? ' (sysadmin)' : ''}.\nDapat menerbitkan ke:\n${orgs}\nToken disimpan di ${file}\n`),
    );
    return 0;
  } finally {
    await client.close();
  }
}
