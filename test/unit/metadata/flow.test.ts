import { describe, expect, it } from 'vitest';
import { runMetadataFlow, humanize, type FlowOptions } from '../../../src/metadata/flow.js';
import { orgChoices } from '../../../src/metadata/organizations.js';
import { checkSatudataProfile } from '../../../src/metadata/profile.js';
import { isPromptExit } from '../../../src/metadata/ask.js';
import type { DataPackage } from '../../../src/schema/types.js';
import { completePackage } from './complete-package.js';
import { scriptedAsk, type Script } from './scripted-ask.js';

const bare = (): DataPackage => ({
  name: 'kebakaran',
  resources: [
    {
      name: 'kebakaran-2024',
      path: 'kebakaran-2024.csv',
      schema: { fields: [{ name: 'kecamatan', type: 'string' }, { name: 'jumlah_kejadian', type: 'integer', title: 'Jumlah (terinferensi)' }] },
    },
  ],
});

const FULL: Script['rules'] = [
  [/^Judul dataset/, 'Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar'],
  [/^Nama dataset/, ''],
  [/^Deskripsi dataset/, 'Jumlah kejadian kebakaran per kecamatan.'],
  [/^Konsep/, 'Kebakaran adalah api yang tidak dikehendaki.'],
  [/^Definisi/, 'Kejadian yang ditangani regu pemadam.'],
  [/^Organisasi/, 'dinas-pemadam-kebakaran-penyelamatan'],
  [/^Produsen/, ''],
  [/^Tag/, 'kebakaran, damkar'],
  [/^Lisensi/, ''],
  [/^Frekuensi/, 'bulanan'],
  [/^Periode/, ['tahun lalu', '2024/2019', '2024']],
  [/^Cakupan/, 'Kota Makassar'],
  [/^Kode wilayah/, ['7371', '73.71']],
  [/^Tingkat penyajian/, 'kecamatan'],
  [/^Ukuran/, 'jumlah'],
  [/^Satuan/, 'kejadian'],
  [/^Klasifikasi/, 'Penyebab: listrik, kompor, lainnya'],
  [/^Sumber data/, 'Laporan kejadian Damkar'],
  [/^Nama kontak/, 'Andi'],
  [/^E-mail kontak/, ['andi@', 'andi@makassarkota.go.id']],
  [/^Judul sumber daya/, ''],
  [/^Deskripsi sumber daya/, ''],
  [/^Kolom "kecamatan" \(string\): judul/, ''],
  [/^Kolom "kecamatan": definisi/, 'Nama kecamatan.'],
  [/^Kolom "jumlah_kejadian" \(integer\): judul/, ''],
  [/^Kolom "jumlah_kejadian": definisi/, 'Banyaknya kejadian kebakaran.'],
  [/^Kolom "jumlah_kejadian": satuan/, ''],
];

function options(ask: FlowOptions['ask'], extra: Partial<FlowOptions> = {}): FlowOptions & { said: string[] } {
  const said: string[] = [];
  return { ask, lang: 'id', orgs: orgChoices(undefined, undefined), say: (l) => said.push(l), said, ...extra };
}

describe('metadata flow', () => {
  it('takes an empty package to a complete one, rejecting bad answers with the reason', async () => {
    const pkg = bare();
    const ask = scriptedAsk({ rules: FULL });
    await runMetadataFlow(pkg, options(ask));
    expect(checkSatudataProfile(pkg)).toEqual([]);
    expect(pkg.name).toBe('kebakaran'); // the existing slug is the default and was kept
    expect(pkg.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: 'Creative Commons Attribution 4.0' }]);
    expect(pkg.contributors).toEqual([
      { title: 'Dinas Pemadam Kebakaran dan Penyelamatan Kota Makassar', role: 'author' },
      { title: 'Andi', role: 'maintainer', email: 'andi@makassarkota.go.id' },
    ]);
    expect(pkg.sdi).toMatchObject({ periode: '2024', kode_wilayah: '73.71', frekuensi: 'bulanan', frekuensi_uri: 'http://purl.org/cld/freq/monthly' });
    const fields = (pkg.resources[0]!.schema as { fields: Record<string, unknown>[] }).fields;
    expect(fields[0]).toMatchObject({ title: 'Kecamatan', description: 'Nama kecamatan.' });
    // The inferred title is offered and kept; the dataset unit is offered for a numeric column.
    expect(fields[1]).toMatchObject({ title: 'Jumlah (terinferensi)', unit: 'kejadian' });
    expect(pkg.resources[0]?.title).toBe('Kebakaran 2024');

    const rejected = (re: RegExp) => ask.log.find((r) => re.test(r.message))!.rejections;
    expect(rejected(/^Periode/)).toEqual([expect.stringMatching(/tidak dikenali/), expect.stringMatching(/terbalik/)]);
    expect(rejected(/^E-mail kontak/)).toEqual([expect.stringMatching(/bukan alamat e-mail/)]);
    expect(rejected(/^Kode wilayah/)).toEqual([expect.stringMatching(/Kemendagri/)]);
    // A column description is recommended, not required; a measure's unit is required.
    expect(ask.log.find((r) => /^Kolom "kecamatan": definisi/.test(r.message))!.message).toMatch(/\(boleh kosong\)$/);
    expect(ask.log.find((r) => /^Kolom "jumlah_kejadian": satuan/.test(r.message))!.message).not.toMatch(/boleh kosong/);
  });

  it('offers existing values as defaults, so a re-run edits', async () => {
    const pkg = completePackage();
    const ask = scriptedAsk({ rules: [[/^Satuan \(/, 'kasus']] }); // everything else: accept the default
    await runMetadataFlow(pkg, options(ask));
    const expected = completePackage();
    (expected.sdi as Record<string, unknown>).satuan = 'kasus';
    expect(pkg).toEqual({ ...expected, resources: [{ ...expected.resources[0], title: 'Kebakaran 2024' }] });
    const byMessage = (re: RegExp) => ask.log.find((r) => re.test(r.message))!;
    expect(byMessage(/^Judul dataset/).default).toBe(expected.title);
    expect(byMessage(/^Frekuensi/).default).toBe('bulanan');
    expect(byMessage(/^Organisasi/).default).toBe('dinas-pemadam-kebakaran-penyelamatan');
    expect(byMessage(/^E-mail kontak/).default).toBe('data.damkar@makassarkota.go.id');
  });

  it('offers the slug made from the title', async () => {
    const pkg = bare();
    delete pkg.name;
    const ask = scriptedAsk({ rules: FULL });
    await runMetadataFlow(pkg, options(ask));
    expect(pkg.name).toBe('jumlah-kejadian-kebakaran-menurut-kecamatan-di-kota-makassar');
  });

  it('refuses a slug another organization owns on the portal', async () => {
    const pkg = bare();
    const owners: Record<string, string | null> = { kebakaran: 'dinas-kesehatan', 'kebakaran-damkar': null };
    const ask = scriptedAsk({ rules: [[/^Nama dataset/, ['', 'kebakaran-damkar']], ...FULL] });
    await runMetadataFlow(pkg, options(ask, { datasetOwner: async (n) => owners[n] }));
    expect(pkg.name).toBe('kebakaran-damkar');
    expect(ask.log.find((r) => /^Nama dataset/.test(r.message))!.rejections).toEqual([
      'nama "kebakaran" sudah dipakai organisasi "dinas-kesehatan" di portal; pilih nama lain',
    ]);
  });

  it('lists the portal organizations and licences when given, and "other" for a typed slug', async () => {
    const pkg = bare();
    const ask = scriptedAsk({
      rules: [
        [/^Organisasi/, '\u0000other'],
        [/^Nama organisasi di portal/, ['Bappeda Kota', 'bappeda']],
        [/^Lisensi/, 'uu-kip'],
        ...FULL,
      ],
    });
    await runMetadataFlow(pkg, options(ask, { orgs: [{ name: 'dinkes', title: 'Dinas Kesehatan' }], licenses: [{ id: 'cc-by', title: 'CC BY' }, { id: 'uu-kip', title: 'UU KIP' }] }));
    expect((pkg.sdi as Record<string, unknown>).organisasi).toBe('bappeda');
    expect(pkg.licenses).toEqual([{ name: 'uu-kip', title: 'UU KIP' }]);
    const orgPrompt = ask.log.find((r) => /^Organisasi/.test(r.message))!;
    expect(orgPrompt.choices!.map((c) => c.value)).toEqual(['dinkes', '\u0000other']);
    const licPrompt = ask.log.find((r) => /^Lisensi/.test(r.message))!;
    expect(licPrompt.choices!.map((c) => c.value)).toEqual(['CC-BY-4.0', 'uu-kip']);
  });

  it("offers the portal schema's choices under its labels (ckanext-scheming), only the codes it accepts", async () => {
    const pkg = bare();
    const ask = scriptedAsk({ rules: [[/^Frekuensi/, 'tahunan'], ...FULL] });
    const hints = { 'sdi.frekuensi': { choices: [{ value: 'tahunan', label: 'Setahun sekali' }, { value: 'bulanan', label: 'Sebulan sekali' }, { value: 'kode-asing', label: 'Tak dikenal' }] } };
    await runMetadataFlow(pkg, options(ask, { hints }));
    const freq = ask.log.find((r) => /^Frekuensi/.test(r.message))!;
    expect(freq.choices!.map((c) => [c.value, c.name])).toEqual([['bulanan', 'Sebulan sekali (bulanan)'], ['tahunan', 'Setahun sekali (tahunan)']]);
    expect((pkg.sdi as Record<string, unknown>).frekuensi).toBe('tahunan');
    // Fields the schema says nothing about keep satudata's own list.
    expect(ask.log.find((r) => /^Ukuran/.test(r.message))!.choices!.map((c) => c.value)).toEqual(['jumlah', 'persentase', 'rasio', 'rata-rata', 'indeks']);
  });

  it('speaks English with lang en', async () => {
    const pkg = completePackage();
    const ask = scriptedAsk({ rules: [] });
    await runMetadataFlow(pkg, { ...options(ask), lang: 'en' });
    expect(ask.log[0]?.message).toMatch(/^Dataset title/);
    expect(ask.log.some((r) => /^Field "jumlah": definition/.test(r.message))).toBe(true);
  });

  it('Ctrl-C stops the flow with the prompt-exit error', async () => {
    const pkg = bare();
    const ask = scriptedAsk({ rules: FULL, interruptAt: /^Satuan/ });
    const err = await runMetadataFlow(pkg, options(ask)).catch((e: unknown) => e);
    expect(isPromptExit(err)).toBe(true);
  });

  it.each([
    ['jumlah_kasus_dbd', 'Jumlah Kasus Dbd'],
    ['kode-wilayah', 'Kode Wilayah'],
    ['luas.km2', 'Luas Km2'],
  ])('humanize %s', (name, want) => expect(humanize(name)).toBe(want));
});
