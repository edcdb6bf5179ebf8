import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRepository } from '../../../src/init/init.js';
import { scriptedAsk } from '../metadata/scripted-ask.js';

describe('init: the organization question', () => {
  it('offers "other" and takes a typed portal slug, rejecting one that is not a slug', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-init-org-'));
    const ask = scriptedAsk({
      rules: [
        [/^Alamat portal/, ''],
        [/^Organisasi \(SKPD\/OPD\)/, '\u0000other'],
        [/^Nama organisasi di portal/, ['Dinas Baru Kota', 'dinas-baru-kota-makassar']],
      ],
    });
    const r = await initRepository({ dir, lang: 'id', interactive: true, ask, say: () => {} });
    expect(r.settings.organization).toBe('dinas-baru-kota-makassar');
    const org = ask.log.find((x) => /^Organisasi \(SKPD\/OPD\)/.test(x.message))!;
    expect(org.choices!.at(-1)).toEqual({ value: '\u0000other', name: 'Lainnya: ketik nama organisasi di portal (slug)…' });
    expect(ask.log.find((x) => /^Nama organisasi di portal/.test(x.message))!.rejections).toHaveLength(1);
  });
});
