import { mkdtempSync, statSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsPath, readCredential, removeCredential, writeCredential } from '../../../src/portal/credentials.js';
import { findToken, normalisePortal, requireToken, resolvePortal, userConfigDir } from '../../../src/config/token.js';
import { ConfigError } from '../../../src/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'satudata-cred-'));

describe('userConfigDir', () => {
  it.each([
    [{ SATUDATA_CONFIG_DIR: '/o', XDG_CONFIG_HOME: '/x', HOME: '/h' }, 'linux', '/o'],
    [{ XDG_CONFIG_HOME: '/x', HOME: '/h' }, 'linux', '/x/satudata'],
    [{ HOME: '/h' }, 'darwin', '/h/.config/satudata'],
    [{ APPDATA: 'C:/Users/u/AppData/Roaming', XDG_CONFIG_HOME: '/x' }, 'win32', join('C:/Users/u/AppData/Roaming', 'satudata')],
    [{ USERPROFILE: 'C:/Users/u' }, 'win32', join('C:/Users/u', 'AppData', 'Roaming', 'satudata')],
  ] as const)('%j on %s → %s', (env, platform, dir) => expect(userConfigDir(env, platform as NodeJS.Platform)).toBe(dir));
});

describe('credentials store', () => {
  it('stores per portal with mode 0600, reads back, removes', async () => {
    const dir = join(tmp(), 'nested');
    await writeCredential(dir, 'https://a.id', { token: 'tok-a', savedAt: 'now' });
    await writeCredential(dir, 'https://b.id', { token: 'tok-b', savedAt: 'now' });
    if (process.platform !== 'win32') expect(statSync(credentialsPath(dir)).mode & 0o777).toBe(0o600);
    expect((await readCredential(dir, 'https://a.id'))?.token).toBe('tok-a');
    expect(await removeCredential(dir, 'https://a.id')).toBe(true);
    expect(await removeCredential(dir, 'https://a.id')).toBe(false);
    expect(await readCredential(dir, 'https://a.id')).toBeUndefined();
    expect(readFileSync(credentialsPath(dir), 'utf8')).toContain('tok-b');
    await removeCredential(dir, 'https://b.id');
    expect(existsSync(credentialsPath(dir))).toBe(false);
  });
});

describe('token and portal resolution', () => {
  it('environment (tokenEnv first) beats the stored login', async () => {
    const dir = tmp();
    await writeCredential(dir, 'https://p.id', { token: 'stored', savedAt: 'x' });
    const env = { SATUDATA_CONFIG_DIR: dir };
    expect(await findToken(env, {}, 'https://p.id')).toEqual({ token: 'stored', source: 'login' });
    expect(await findToken({ ...env, SATUDATA_API_TOKEN: 'env' }, {}, 'https://p.id')).toEqual({ token: 'env', source: 'env:SATUDATA_API_TOKEN' });
    expect(await findToken({ ...env, SATUDATA_API_TOKEN: 'env', MY_TOKEN: 'mine' }, { tokenEnv: 'MY_TOKEN' }, 'https://p.id')).toEqual({ token: 'mine', source: 'env:MY_TOKEN' });
    expect(await findToken(env, {}, 'https://other.id')).toBeUndefined();
  });

  it('a missing token is a ConfigError (exit 2) that names the variable', async () => {
    const e = await requireToken({ SATUDATA_CONFIG_DIR: tmp() }, { tokenEnv: 'MY_TOKEN' }, 'https://p.id', 'en').catch((x) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.exitCode).toBe(2);
    expect(e.hint).toMatch(/MY_TOKEN/);
  });

  it('portal: flag > SATUDATA_PORTAL > config; normalised; missing → exit 2', () => {
    expect(resolvePortal('https://f.id/', { SATUDATA_PORTAL: 'https://e.id' }, { portal: 'https://c.id' }, 'en')).toBe('https://f.id');
    expect(resolvePortal(undefined, { SATUDATA_PORTAL: 'https://e.id' }, { portal: 'https://c.id' }, 'en')).toBe('https://e.id');
    expect(resolvePortal(undefined, {}, { portal: 'https://c.id' }, 'en')).toBe('https://c.id');
    expect(() => resolvePortal(undefined, {}, {}, 'en')).toThrow(ConfigError);
    expect(() => resolvePortal('ftp://x', {}, {}, 'en')).toThrow(/http/);
    expect(normalisePortal(' https://x.id// ')).toBe('https://x.id');
  });
});
