/**
 * The audit's token is optional: without one the audit sees what the public sees (private datasets
 * count as missing); with a member's token private datasets count as present. It comes from the
 * environment (SATUDATA_API_TOKEN, or the variable named by config `tokenEnv`), never from a flag.
 */
import type { SatudataConfig } from '../config/types.js';
import type { CliContext } from '../cli/context.js';

export async function resolveAuditToken(ctx: CliContext, _portal: string, config: SatudataConfig): Promise<string | undefined> {
  const name = config.tokenEnv ?? 'SATUDATA_API_TOKEN';
  const value = ctx.env[name]?.trim();
  return value ? value : undefined;
}
