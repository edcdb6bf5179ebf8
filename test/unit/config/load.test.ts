import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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
    ['satudata.config.cjs', "module.exports = { organization: 'dinas-kesehatan' };"],
  ])('reads %s', async (file, text) => {
    expect((await loadConfig(repo({ [file]: text }))).config.organization).toBe('dinas-kesehatan');
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
});
