/** Tokens from the env file are real CKAN API tokens with the seeded roles. */
import { describe, expect, it } from 'vitest';
import { action, loadCkanEnv, uniqueName } from './env.js';

const env = loadCkanEnv();

describe('API tokens', () => {
  it.each(['sysadmin', 'editor', 'member'] as const)('the %s token authenticates as that user', async (who) => {
    // api_token_list is allowed only for oneself (or a sysadmin): a 200 proves who the token is.
    const res = await action(env, 'api_token_list', { token: env[who].token, body: { user: env[who].name } });
    expect(res.status).toBe(200);
    expect(res.result.map((t: { name: string }) => t.name)).toContain('satudata-tests');
  });

  it('a token of another user cannot list the editor\'s tokens', async () => {
    const res = await action(env, 'api_token_list', { token: env.member.token, body: { user: env.editor.name } });
    expect(res.status).toBe(403);
  });

  it('an invalid token is treated as anonymous: 403 Authorization Error', async () => {
    const res = await action(env, 'api_token_list', { token: 'not-a-valid-token', body: { user: env.editor.name } });
    expect(res.status).toBe(403);
    expect(res.error.__type).toBe('Authorization Error');
  });

  it('the sysadmin is a sysadmin and the others are not', async () => {
    for (const who of ['sysadmin', 'editor', 'member'] as const) {
      const res = await action(env, 'user_show', { token: env.sysadmin.token, query: { id: env[who].name } });
      expect(res.status).toBe(200);
      expect(res.result.sysadmin).toBe(who === 'sysadmin');
    }
  });
});

describe('organization roles', () => {
  it.each([
    ['editor', 'org-a', 'editor'],
    ['member', 'org-b', 'member'],
  ] as const)('the %s has role %s in %s', async (who, org, role) => {
    const res = await action(env, 'organization_list_for_user', {
      token: env[who].token,
      body: { id: env[who].name, permission: 'read' },
    });
    expect(res.status).toBe(200);
    const mine = res.result.map((o: { name: string; capacity: string }) => [o.name, o.capacity]);
    expect(mine).toEqual([[org, role]]);
  });

  it.each([
    ['member', 'org-b'],
    ['member', 'org-a'],
    ['editor', 'org-b'],
  ] as const)('the %s cannot create a dataset in %s (403)', async (who, org) => {
    const name = uniqueName('denied');
    const res = await action(env, 'package_create', { token: env[who].token, body: { name, owner_org: org } });
    expect(res.status).toBe(403);
    expect(res.error.__type).toBe('Authorization Error');
    const show = await action(env, 'package_show', { token: env.sysadmin.token, query: { id: name } });
    expect(show.status).toBe(404);
  });
});
