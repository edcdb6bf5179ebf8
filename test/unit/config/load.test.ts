import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'satudata-config-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('loadConfig', () => {
  it('reads .satudatarc.json and finds it from a subfolder', async () => {
    const dir = repo({ '.satudatarc.json': JSON.stringify({ portal: 'https://data.makassarkota.go.id', organization: 'dinas-kesehatan', lang: 'en' }), 'data/x.csv': 'a\n' });
    const { config, filepath } = await loadConfig(path.join(dir, 'data'));
    expect(config).toEqual({ portal: 'https://data.makassarkota.go.id', organization: 'dinas-kesehatan', lang: 'en' });
    expect(filepath).toBe(path.join(dir, '.satudatarc.json'));
  });

  it.each([
    ['.satudatarc.yaml', 'organization: dinas-kesehatan\n'],
    ['package.json', JSON.stringify({ name: 'x', satudata: { organization: 'dinas-kesehatan' } })],
  ])('reads %s', async (file, text) => {
    expect((await loadConfig(repo({ [file]: text }))).config.organization).toBe('dinas-kesehatan');
  });

  // package.json without a "satudata" key is skipped without loading cosmiconfig; the search goes on as before.
  it.each([
    ['a package.json without the key beside .satudatarc.json', { 'package.json': '{"name":"x","satudata_x":1}', '.satudatarc.json': '{"organization":"dinas-kesehatan"}' }, '.'],
    ['a package.json without the key below the config', { 'data/package.json': '{"name":"satudata"}', '.satudatarc.json': '{"organization":"dinas-kesehatan"}' }, 'data'],
    ['the key in package.json, beside nothing else', { 'data/package.json': '{"name":"y","satudata":{"organization":"dinas-kesehatan"}}' }, 'data'],
  ])('%s', async (_name, files, from) => {
    expect((await loadConfig(path.join(repo(files), from))).config.organization).toBe('dinas-kesehatan');
  });

  it('a package.json that does not parse is still reported (exit 2)', async () => {
    const err = await loadConfig(repo({ 'package.json': '{"name": "x",' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
  });

  it.each([
    [{ portal: 'data.makassarkota.go.id' }, /"portal" harus alamat URL/],
    [{ organization: 'Dinas Kesehatan' }, /"organization" harus nama organisasi CKAN/],
    [{ lang: 'fr' }, /"lang" harus "id" atau "en"/],
    [{ maxUploadMB: -1 }, /"maxUploadMB" harus jumlah megabita/],
    [{ portl: 'https://x' }, /"portl" bukan kunci yang dikenal/],
    [{ apiToken: 'abc123' }, /token tidak boleh disimpan/],
  ])('refuses %j with a clear message per wrong key', async (config, message) => {
    const dir = repo({ '.satudatarc.json': JSON.stringify(config) });
    const err = await loadConfig(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(message);
  });

  it('lists every wrong key at once, in English when asked', async () => {
    const dir = repo({ '.satudatarc.json': JSON.stringify({ lang: 'fr', portl: 1 }) });
    const err = (await loadConfig(dir, 'en').catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/"lang" must be "id" or "en"/);
    expect(err.message).toMatch(/"portl" is not a known key/);
  });

  // A config that would leave a marker file behind if it were ever run as code.
  const marker = (dir: string) => path.join(dir, 'RAN');
  const payload = (dir: string) => `require('node:fs').writeFileSync(${JSON.stringify(marker(dir))}, 'x'); module.exports = { organization: 'dinas-kesehatan' };`;
  const esm = (dir: string) => `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker(dir))}, 'x'); export default { organization: 'dinas-kesehatan' };`;

  it.each(['satudata.config.js', 'satudata.config.mjs', 'satudata.config.cjs', 'satudata.config.ts', '.satudatarc.js', '.satudatarc.cjs'])(
    '%s is never run: refused (exit 2) with the fix',
    async (file) => {
      const dir = repo({});
      writeFileSync(path.join(dir, file), file.endsWith('js') && !file.endsWith('mjs') ? payload(dir) : esm(dir));
      mkdirSync(path.join(dir, 'data'));
      const err = (await loadConfig(path.join(dir, 'data'), 'en', { SATUDATA_CONFIG_DIR: path.join(dir, 'user') }).catch((e: unknown) => e)) as ConfigError;
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.exitCode).toBe(2);
      expect(err.message).toMatch(/JavaScript configuration is not loaded/);
      expect(err.hint).toMatch(/\.satudatarc\.json/);
      expect(existsSync(marker(dir))).toBe(false);
    },
  );

  it('a data config next to a JavaScript one is read, and the JavaScript one is not run', async () => {
    const dir = repo({ '.satudatarc.json': JSON.stringify({ organization: 'dinas-kesehatan' }) });
    writeFileSync(path.join(dir, 'satudata.config.mjs'), esm(dir));
    const { config } = await loadConfig(dir, 'en', { SATUDATA_CONFIG_DIR: path.join(dir, 'user') });
    expect(config.organization).toBe('dinas-kesehatan');
    expect(existsSync(marker(dir))).toBe(false);
  });

  it("the user's own config (config.json in the user's config folder) gives defaults; the repository's wins", async () => {
    const user = repo({ 'config.json': JSON.stringify({ portal: 'https://mine.go.id', organization: 'mine', tokenEnv: 'MY_TOKEN' }) });
    const env = { SATUDATA_CONFIG_DIR: user };
    const alone = repo({});
    expect(await loadConfig(alone, 'en', env)).toEqual({
      config: { portal: 'https://mine.go.id', organization: 'mine', tokenEnv: 'MY_TOKEN' },
      filepath: path.join(user, 'config.json'),
      userFile: path.join(user, 'config.json'),
      portalFrom: 'user',
    });
    const withRepo = repo({ '.satudatarc.json': JSON.stringify({ organization: 'theirs' }) });
    expect(await loadConfig(withRepo, 'en', env)).toMatchObject({ config: { portal: 'https://mine.go.id', organization: 'theirs', tokenEnv: 'MY_TOKEN' }, portalFrom: 'user' });
    const repoPortal = repo({ '.satudatarc.json': JSON.stringify({ portal: 'https://theirs.go.id' }) });
    expect(await loadConfig(repoPortal, 'en', env)).toMatchObject({ config: { portal: 'https://theirs.go.id', tokenEnv: 'MY_TOKEN' }, portalFrom: 'project' });
  });

  it('"tokenEnv" in a repository\'s config is refused: only the user chooses which secret is sent', async () => {
    const dir = repo({ '.satudatarc.json': JSON.stringify({ portal: 'http://127.0.0.1:9', tokenEnv: 'GITHUB_TOKEN' }) });
    const err = (await loadConfig(dir, 'en', { SATUDATA_CONFIG_DIR: path.join(dir, 'user') }).catch((e: unknown) => e)) as ConfigError;
    expect(err).toBeInstanceOf(ConfigError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(/"tokenEnv" is only read from your own configuration/);
    const id = (await loadConfig(dir, 'id', { SATUDATA_CONFIG_DIR: path.join(dir, 'user') }).catch((e: unknown) => e)) as ConfigError;
    expect(id.message).toMatch(/hanya dibaca dari konfigurasi Anda sendiri/);
  });
});
