import { readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWriteAction, type FakeCkan, type Fault } from '../fake-ckan/server.js';
import { editPackage, packageCopy, pushLog, runCli, uniqueName, type Ran, useFakeCkan } from './push-helpers.js';

let ckan: FakeCkan;
useFakeCkan((c) => (ckan = c));

const ALL_TOKENS = () => Object.values(ckan.tokens);

/** Every run: the token never shows in stdout, stderr or the push log. */
async function push(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = { SATUDATA_API_TOKEN: ckan.tokens.editor }): Promise<Ran & { writes: string[] }> {
  const before = ckan.calls.length;
  const r = await runCli(['push', '--portal', ckan.url, ...extra], { cwd: dir, env });
  for (const t of ALL_TOKENS()) {
    expect(r.stdout).not.toContain(t);
    expect(r.stderr).not.toContain(t);
    expect(pushLog(dir)).not.toContain(t);
  }
  const writes = ckan.calls.slice(before).filter((c) => isWriteAction(c.action)).map((c) => c.action);
  return { ...r, writes };
}

function dataset(name: string) {
  const p = [...ckan.state.packages.values()].find((x) => x.name === name);
  if (!p) throw new Error(`no dataset ${name}`);
  return p;
}

/** A consistent portal: every resource has its uploaded file, and its recorded hash matches it. */
async function expectConsistent(name: string) {
  const p = [...ckan.state.packages.values()].find((x) => x.name === name);
  if (!p) return;
  for (const r of p.resources.filter((x) => x.state !== 'deleted')) {
    const body = Buffer.from(await (await fetch(r.url)).arrayBuffer());
    expect(body.length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    expect(r.satudata_sha256).toBe(createHash('sha256').update(body).digest('hex'));
  }
}

describe('satudata push: idempotent publishing', () => {
  it('first push creates the dataset with the mapped metadata and both files', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ dryRun: false, portal: ckan.url, dataset: { name, action: 'created', url: `${ckan.url}/dataset/${name}` } });
    expect(out.resources.map((x: { name: string; action: string }) => [x.name, x.action])).toEqual([['kebakaran', 'created'], ['kecamatan', 'created']]);
    expect(out.resources[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const p = dataset(name);
    expect(p).toMatchObject({ title: 'Jumlah Kejadian Kebakaran Menurut Kecamatan di Kota Makassar', license_id: 'cc-by', private: false, maintainer_email: 'data.damkar@makassarkota.go.id' });
    expect(p.owner_org).toBe(ckan.state.org('org-a')!.id);
    expect(p.tags.map((t) => t.name).sort()).toEqual(['damkar', 'kebakaran', 'kebencanaan']);
    const extras = Object.fromEntries(p.extras.map((e) => [e.key, e.value]));
    expect(extras).toMatchObject({ frekuensi_penerbitan: 'tahunan', tahun: '2024', cakupan: 'Kota Makassar', satuan: 'kejadian', sumber_data: 'Laporan kejadian Damkar', publisher: 'Diskominfo Kota Makassar' });
    const res = p.resources.find((x) => x.satudata_name === 'kebakaran')!;
    // CKAN shows `name` as the title: the human title goes there, the package name in satudata_name.
    expect(res.name).toBe('Kejadian kebakaran per kecamatan');
    expect(res.satudata_last_modified).toBe(res.last_modified);
    expect(res).toMatchObject({ format: 'CSV', mimetype: 'text/csv', url_type: 'upload', satudata_bytes: String(out.resources[0].bytes) });
    expect(JSON.parse(String(res.schema)).fields[3].name).toBe('jumlah_kejadian');
    expect(await (await fetch(res.url)).text()).toBe(readFileSync(join(dir, 'kebakaran.csv'), 'utf8'));
    expect(r.writes).not.toContain('package_update');
    const log = pushLog(dir).trim().split('\n').map((l) => JSON.parse(l));
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ portal: ckan.url, dataset: name, user: 'fake-editor', outcome: 'ok', dryRun: false });
  });

  it('a second push writes nothing and leaves metadata_modified alone', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    expect((await push(dir)).code).toBe(0);
    const before = dataset(name).metadata_modified;
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.writes).toEqual([]);
    expect(dataset(name).metadata_modified).toBe(before);
    const out = JSON.parse(r.stdout);
    expect(out.dataset.action).toBe('unchanged');
    expect(out.resources.map((x: { action: string }) => x.action)).toEqual(['unchanged', 'unchanged']);
  });

  it('changing one file re-uploads only that file', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    await push(dir);
    appendFileSync(join(dir, 'kebakaran.csv'), '73.71.06,Bontoala,2024,3\n');
    const before = ckan.calls.length;
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    // the upload, then CKAN's new last_modified recorded (drift detection)
    expect(r.writes).toEqual(['resource_patch', 'resource_patch']);
    expect(ckan.calls.slice(before).filter((c) => c.action === 'resource_patch').map((c) => c.multipart)).toEqual([true, false]);
    const out = JSON.parse(r.stdout);
    expect(out.dataset.action).toBe('unchanged');
    expect(out.resources.map((x: { name: string; action: string }) => [x.name, x.action])).toEqual([['kebakaran', 'updated'], ['kecamatan', 'unchanged']]);
    const res = dataset(name).resources.find((x) => x.satudata_name === 'kebakaran')!;
    expect(await (await fetch(res.url)).text()).toContain('Bontoala');
    await expectConsistent(name);
  });

  it('a metadata change patches only the metadata', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    await push(dir);
    editPackage(dir, (p) => {
      p.title = 'Jumlah Kejadian Kebakaran di Kota Makassar 2024';
      p.keywords = ['kebakaran', 'bencana'];
    });
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(r.writes).toEqual(['package_patch']);
    expect(JSON.parse(r.stdout).dataset.action).toBe('updated');
    const p = dataset(name);
    expect(p.title).toBe('Jumlah Kejadian Kebakaran di Kota Makassar 2024');
    expect(p.tags.map((t) => t.name).sort()).toEqual(['bencana', 'kebakaran']);
    expect(p.resources).toHaveLength(2);
  });

  it('--dry-run writes nothing and shows the plan with a metadata diff', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    const first = await push(dir, ['--dry-run', '--json']);
    expect(first.code).toBe(0);
    expect(first.writes).toEqual([]);
    expect(JSON.parse(first.stdout)).toMatchObject({ dryRun: true, dataset: { name, action: 'created' } });
    expect([...ckan.state.packages.values()].some((p) => p.name === name)).toBe(false);
    await push(dir);
    editPackage(dir, (p) => {
      p.sdi.periode = '2023/2024';
    });
    const r = await push(dir, ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.writes).toEqual([]);
    expect(r.stdout).toContain('would be updated');
    expect(r.stdout).toMatch(/sdi\.periode: "2024" → "2023\/2024"/);
    expect(dataset(name).extras.find((e) => e.key === 'tahun')!.value).toBe('2024');
  });

  it('shows a byte progress bar on a TTY stderr, keeping stdout for the JSON', async () => {
    const name = uniqueName('tty');
    const dir = packageCopy('kebakaran', name);
    const r = await runCli(['push', '--portal', ckan.url, '--json'], { cwd: dir, env: { SATUDATA_API_TOKEN: ckan.tokens.editor }, stderrTTY: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataset.action).toBe('created');
    expect(r.stderr).toMatch(/kebakaran: \[#{20}\] 100% \(173 B \/ 173 B\)/);
    expect(r.stderr).toMatch(/Done\./);
  });

  it('restores a deleted dataset of the same organization instead of creating a new one', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    await push(dir);
    const id = dataset(name).id;
    dataset(name).state = 'deleted';
    const r = await push(dir, ['--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).dataset).toMatchObject({ action: 'restored', id });
    expect(r.writes).toEqual(['package_patch']);
    expect(dataset(name)).toMatchObject({ id, state: 'active' });
  });

  it('keeps portal-only resources unless --prune, which deletes them after the rest', async () => {
    const name = uniqueName('kebakaran');
    const dir = packageCopy('kebakaran', name);
    await push(dir);
    editPackage(dir, (p) => {
      p.resources = p.resources.filter((x: { name: string }) => x.name !== 'kecamatan');
    });
    const kept = await push(dir, ['--json']);
    expect(kept.writes).toEqual([]);
    expect(JSON.parse(kept.stdout).resources.find((x: { name: string }) => x.name === 'kecamatan').action).toBe('kept');
    const pruned = await push(dir, ['--json', '--prune']);
    expect(pruned.writes).toEqual(['resource_delete']);
    expect(JSON.parse(pruned.stdout).resources.find((x: { name: string }) => x.name === 'kecamatan').action).toBe('deleted');
    expect(dataset(name).resources.map((x) => x.satudata_name)).toEqual(['kebakaran']);
  });
});

describe('satudata push: refusals', () => {
  it('invalid data: the Indonesian cell-level report of validate, by default', async () => {
    const dir = packageCopy('kebakaran', uniqueName('invalid-id'));
    writeFileSync(join(dir, 'kebakaran.csv'), 'kode_kecamatan,kecamatan,tahun,jumlah_kejadian\n73.71.01,Mariso,dua ribu,5\n');
    const r = await push(dir, [], { SATUDATA_API_TOKEN: ckan.tokens.editor, SATUDATA_LANG: 'id' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Baris 2, kolom C "tahun", sel C2: nilai "dua ribu" tidak sesuai tipe kolom');
    expect(r.stderr).toContain('Paket tidak valid; tidak ada yang dikirim ke portal.');
  });

  it('missing Satu Data metadata is refused before anything is sent (the profile push promises)', async () => {
    const dir = packageCopy('kebakaran', uniqueName('no-meta'));
    editPackage(dir, (p) => {
      delete p.sdi.frekuensi;
    });
    const before = ckan.calls.length;
    const r = await push(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Mandatory metadata "sdi.frekuensi"');
    expect(ckan.calls.length).toBe(before);
  });

  it('invalid data is not pushed (exit 1) and nothing is sent', async () => {
    const dir = packageCopy('kebakaran', uniqueName('invalid'));
    writeFileSync(join(dir, 'kebakaran.csv'), 'kode_kecamatan,kecamatan,tahun,jumlah_kejadian\n73.71.01,Mariso,dua ribu,-4\n');
    const before = ckan.calls.length;
    const r = await push(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid/);
    // The same located report as `satudata validate`: row, column, Excel cell and the fix.
    expect(r.stderr).toContain('Row 2, column C "tahun", cell C2');
    expect(r.stderr).toContain('Row 2, column D "jumlah_kejadian", cell D2');
    expect(r.stderr).toMatch(/→ Fix: /);
    expect(r.stderr).not.toMatch(/Row at position/);
    expect(ckan.calls.length).toBe(before);
    expect(JSON.parse(pushLog(dir).trim())).toMatchObject({ outcome: 'failed', error: { code: 'E_INVALID' } });
  });

  it('refuses a CKAN rule violation the validation cannot see, named by datapackage field, before contacting the portal', async () => {
    // A rule the validation profile cannot see: the organization given by --org (the full list of
    // rules is covered by test/unit/portal/ckan-rules.test.ts).
    const dir = packageCopy('kebakaran', uniqueName('rules'));
    const before = ckan.calls.length;
    const r = await push(dir, ['--org', 'Org A!']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sdi\.organisasi: the name must be 2 to 100|sdi\.organisasi: the name may only hold lowercase/);
    expect(r.stderr).toMatch(/may only hold lowercase a-z, digits 0-9, "-" and "_" \(no spaces\): "Org A!"/);
    expect(ckan.calls.length).toBe(before);
  });

  it('no token: exit 2 saying how to set one', async () => {
    const dir = packageCopy('kebakaran', uniqueName('notoken'));
    const r = await push(dir, [], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/satudata login/);
    expect(r.stderr).toMatch(/SATUDATA_API_TOKEN/);
  });

  it('an invalid token: exit 2, also for --dry-run', async () => {
    const dir = packageCopy('kebakaran', uniqueName('badtoken'));
    const bad = 'definitely-not-a-valid-token-123456';
    const r = await push(dir, ['--dry-run'], { SATUDATA_API_TOKEN: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not valid/);
    expect(r.stderr + r.stdout + pushLog(dir)).not.toContain(bad);
  });

  it('a member token: exit 3 "no rights", naming where it may publish', async () => {
    const dir = packageCopy('kebakaran', uniqueName('member'));
    const r = await push(dir, [], { SATUDATA_API_TOKEN: ckan.tokens.member });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no right to publish in the organization "org-a"/);
    expect(r.writes).toEqual([]);
  });

  it('an editor of another organization: exit 3 naming the organizations it may publish to', async () => {
    const dir = packageCopy('kebakaran', uniqueName('otherorg'));
    const r = await push(dir, ['--org', 'org-b']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/It may publish to: org-a/);
  });

  it.each([
    ['a private dataset of another organization (invisible: 403)', 'tertutup', /already taken on the portal by a dataset this token cannot see/],
    ['a public dataset of another organization', 'terbuka', /already used by the organization "org-b"/],
  ])('a name taken by %s: exit 3, no renaming', async (_label, access, message) => {
    const name = uniqueName('taken');
    await seedElsewhere(name, access);
    const dir = packageCopy('kebakaran', name);
    const r = await push(dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(message);
    expect(r.writes).toEqual([]);
  });

  it('checks maxUploadMB before sending anything', async () => {
    const dir = packageCopy('kebakaran', uniqueName('big'));
    writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify({ maxUploadMB: 0.0001 }));
    const r = await push(dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/maxUploadMB/);
    expect(r.writes).toEqual([]);
  });
});

/** Create a dataset with this name in org-b (private ones are invisible to the org-a editor). */
async function seedElsewhere(name: string, access: string): Promise<void> {
  const dir = packageCopy('kebakaran', name);
  editPackage(dir, (p) => {
    p.sdi.organisasi = 'org-b';
    p.sdi.klasifikasi_akses = access;
  });
  const r = await push(dir, [], { SATUDATA_API_TOKEN: ckan.tokens.sysadmin });
  expect(r.code).toBe(0);
  expect(dataset(name).private).toBe(access !== 'terbuka');
}

describe('satudata push: failures leave the portal consistent and a re-run finishes', () => {
  const cases: [string, Fault, RegExp][] = [
    ['500s on the second upload', { action: 'resource_create', kind: 'status500', times: Infinity, skip: 1 }, /failed \(HTTP 500\)/],
    ['a timeout on package_create', { action: 'package_create', kind: 'timeout', times: Infinity }, /did not answer within 1 seconds/],
    ['connection resets on the uploads', { action: 'resource_create', kind: 'reset', times: Infinity }, /Cannot reach the portal/],
    ['an HTML 413 from a proxy on the first upload', { action: 'resource_create', kind: 'html413', times: Infinity }, /413/],
    ['500s when opening the dataset at the end', { action: 'package_patch', kind: 'status500', times: Infinity }, /HTTP 500/],
  ];
  it.each(cases)('%s', async (_label, fault, message) => {
    const name = uniqueName('fault');
    const dir = packageCopy('kebakaran', name);
    writeFileSync(join(dir, '.satudatarc.json'), JSON.stringify({ timeoutSeconds: 1 }));
    ckan.setFault(fault);
    const failed = await push(dir);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toMatch(message);
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace
    await expectConsistent(name);
    const half = [...ckan.state.packages.values()].find((x) => x.name === name);
    if (half) expect(half.private).toBe(true); // never public while incomplete
    expect(JSON.parse(pushLog(dir).trim().split('\n').pop()!)).toMatchObject({ outcome: 'failed' });

    ckan.clearFaults();
    const rerun = await push(dir, ['--json']);
    expect(rerun.code).toBe(0);
    const p = dataset(name);
    expect(p.private).toBe(false);
    expect(p.resources.map((x) => x.satudata_name).sort()).toEqual(['kebakaran', 'kecamatan']);
    await expectConsistent(name);
    const third = await push(dir);
    expect(third.writes).toEqual([]);
  });

  it('retries a transient 503 and succeeds in one run', async () => {
    const name = uniqueName('transient');
    const dir = packageCopy('kebakaran', name);
    ckan.setFault({ action: 'resource_create', kind: 'status503', times: 2 });
    const r = await push(dir);
    expect(r.code).toBe(0);
    expect(dataset(name).resources).toHaveLength(2);
  });
});
