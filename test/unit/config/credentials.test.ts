import { mkdtempSync, statSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { credentialsPath, readCredential, removeCredential, writeCredential } from '../../../src/config/credentials.js';
import { findToken, normalisePortal, portalNamedByUser, requireToken, resolvePortal, userConfigDir } from '../../../src/config/token.js';
import { redactUrl } from '../../../src/redact-url.js';
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

describe('credentials store: hostile states', () => {
  it('a temp file left by a killed login (it holds every token) is removed; a live writer\'s is kept', async () => {
    const { writeFileSync, readdirSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const dir = tmp();
    await writeCredential(dir, 'https://a.id', { token: 't', savedAt: 'x' });
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, `credentials.json.${dead}.tmp`), '{"portals":{"https://a.id":{"token":"rahasia"}}}');
    writeFileSync(join(dir, `credentials.json.${process.ppid}.tmp`), '{}');
    expect((await readCredential(dir, 'https://a.id'))?.token).toBe('t');
    expect(readdirSync(dir).sort()).toEqual(['credentials.json', `credentials.json.${process.ppid}.tmp`]);
  });


  it.runIf(process.platform !== 'win32')('a folder with mode 0777 is tightened to 0700 on read and on write', async () => {
    const { chmodSync, mkdirSync } = await import('node:fs');
    const dir = join(tmp(), 'open');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    expect(await readCredential(dir, 'https://a.id')).toBeUndefined();
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o777);
    await writeCredential(dir, 'https://a.id', { token: 't', savedAt: 'x' });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a corrupt store is refused on read, write and remove, and left as it is', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const dir = join(tmp(), 'bad');
    mkdirSync(dir);
    writeFileSync(credentialsPath(dir), '{"portals": {"https://b.id": {"token": "keep-me"}');
    for (const op of [
      () => readCredential(dir, 'https://a.id', 'en'),
      () => writeCredential(dir, 'https://a.id', { token: 't', savedAt: 'x' }, 'en'),
      () => removeCredential(dir, 'https://b.id', 'en'),
    ]) {
      const e = await op().catch((x) => x);
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.code).toBe('E_CREDENTIALS');
      expect(e.exitCode).toBe(2);
    }
    expect(readFileSync(credentialsPath(dir), 'utf8')).toContain('keep-me');
  });
});

describe('token and portal resolution', () => {
  it('environment (tokenEnv first) beats the stored login', async () => {
    const dir = tmp();
    await writeCredential(dir, 'https://p.id', { token: 'stored', savedAt: 'x' });
    const env = { SATUDATA_CONFIG_DIR: dir };
    expect(await findToken(env, {}, 'https://p.id', true)).toEqual({ token: 'stored', source: 'login' });
    expect(await findToken({ ...env, SATUDATA_API_TOKEN: 'env' }, {}, 'https://p.id', true)).toEqual({ token: 'env', source: 'env:SATUDATA_API_TOKEN' });
    expect(await findToken({ ...env, SATUDATA_API_TOKEN: 'env', MY_TOKEN: 'mine' }, { tokenEnv: 'MY_TOKEN' }, 'https://p.id', true)).toEqual({ token: 'mine', source: 'env:MY_TOKEN' });
    expect(await findToken(env, {}, 'https://other.id', true)).toBeUndefined();
  });

  it('a missing token is a ConfigError (exit 2) that names the variable', async () => {
    const e = await requireToken({ SATUDATA_CONFIG_DIR: tmp() }, { tokenEnv: 'MY_TOKEN' }, 'https://p.id', true, 'en').catch((x) => x);
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

  it.each([
    ['--portal', 'https://f.id', {}, 'project', true],
    ['SATUDATA_PORTAL', undefined, { SATUDATA_PORTAL: 'https://e.id' }, 'project', true],
    ["the user's own config", undefined, {}, 'user', true],
    ['no config at all', undefined, {}, undefined, true],
    ["only a repository's config", undefined, {}, 'project', false],
  ] as const)('portal named by the user? %s → %s', (_what, flag, env, portalFrom, named) => {
    expect(portalNamedByUser(flag, env, { portalFrom })).toBe(named);
  });

  it("a portal named only by a repository gets no token from the environment (exit 2, says why and how)", async () => {
    const dir = tmp();
    const env = { SATUDATA_CONFIG_DIR: dir, SATUDATA_API_TOKEN: 'env-secret' };
    const e = await findToken(env, {}, 'https://attacker.example', false, 'en').catch((x) => x);
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.exitCode).toBe(2);
    expect(e.code).toBe('E_UNTRUSTED_PORTAL');
    expect(e.message).toMatch(/named only by the repository's configuration/);
    expect(e.hint).toMatch(/--portal https:\/\/attacker\.example/);
    expect(`${e.message} ${e.hint}`).not.toContain('env-secret');
    const id = await findToken(env, {}, 'https://attacker.example', false, 'id').catch((x) => x);
    expect(id.message).toMatch(/hanya disebut oleh konfigurasi repositori/);
    // The login store for that very portal is the user's own choice: it is used (not the variable).
    await writeCredential(dir, 'https://attacker.example', { token: 'stored', savedAt: 'x' });
    expect(await findToken(env, {}, 'https://attacker.example', false)).toEqual({ token: 'stored', source: 'login' });
    // No token anywhere: anonymous (status works as the public sees the portal).
    expect(await findToken({ SATUDATA_CONFIG_DIR: tmp() }, {}, 'https://attacker.example', false)).toBeUndefined();
  });

  it('a portal URL with a user name or password is refused without printing the password', () => {
    for (const lang of ['en', 'id'] as const) {
      let err: any;
      try {
        resolvePortal('https://officer:hunter2@data.example.go.id', {}, {}, lang);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.exitCode).toBe(2);
      expect(`${err.message} ${err.hint}`).not.toContain('hunter2');
      expect(err.message).toContain('https://***@data.example.go.id');
    }
    expect(() => resolvePortal(undefined, { SATUDATA_PORTAL: 'http://u:p@x.id' }, {}, 'en')).toThrow(/user name or password/);
  });

  it.each([
    ['https://user:pass@host/x', 'https://***@host/x'],
    ['http://token@host', 'http://***@host'],
    ['https://host/a@b', 'https://host/a@b'],
    ['https://host', 'https://host'],
    ['cannot fetch http://a:b@h/x: from http://a:b@h/x', 'cannot fetch http://***@h/x: from http://***@h/x'],
  ])('redactUrl(%s) → %s', (url, want) => expect(redactUrl(url)).toBe(want));
});
