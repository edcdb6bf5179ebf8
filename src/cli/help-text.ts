/**
 * The words of the command line itself: command, argument and option descriptions in Bahasa
 * Indonesia and English (commander's help headings and parse errors come from the message
 * catalogues, `cli.help.*` and `cli.commander.*`). `main.ts` declares the
 * program's shape; `localizeProgram` gives every part its text from this catalogue, keyed by
 * `<command> <flag>` (`validate --schema`), `<command> <arg>` (`describe <file>`) or the command
 * name alone. A test walks the program and fails when a part has no entry here.
 */
import { Help, type Command, type Option, type Argument } from 'commander';
import { msg, type Lang, type Msg, type MsgCode } from '../i18n.js';

export const HELP_TEXT: Record<string, Msg> = {
  satudata: {
    id: 'Validasi, deskripsikan, dan terbitkan data terbuka ke portal Satu Data (CKAN).',
    en: 'Validate, describe and publish open data for Satu Data portals (CKAN).',
  },
  'satudata --version': { id: 'tampilkan versi satudata', en: 'print the satudata version' },
  'satudata --lang': { id: 'bahasa pesan: id (Bahasa Indonesia) atau en (English)', en: 'message language: id (Bahasa Indonesia) or en' },
  'satudata --no-color': { id: 'tanpa warna di keluaran', en: 'no colours in the output' },
  'satudata --debug': { id: 'tampilkan jejak tumpukan (stack trace) galat internal', en: 'show stack traces of internal errors' },
  '* --help': { id: 'tampilkan bantuan perintah ini', en: 'display help for command' },
  '* help': { id: 'tampilkan bantuan sebuah perintah', en: 'display help for command' },

  validate: {
    id: 'validasi paket data, berkas CSV dan Excel terhadap Table Schema-nya',
    en: 'validate data packages, CSV and Excel files against their Table Schema',
  },
  'validate [targets...]': {
    id: 'datapackage.json, folder yang memuatnya, atau berkas .csv/.tsv/.xlsx (bawaan: folder saat ini)',
    en: 'datapackage.json, a folder holding one, or .csv/.tsv/.xlsx files (default: the current folder)',
  },
  'validate --schema': { id: 'berkas JSON Table Schema untuk berkas data tanpa paket', en: 'Table Schema JSON file for bare data files' },
  'validate --format': { id: 'format laporan', en: 'report format' },
  'validate --json': { id: 'sama dengan --format json', en: 'same as --format json' },
  'validate --output': { id: 'tulis laporan ke berkas, bukan ke stdout', en: 'write the report to a file instead of stdout' },
  'validate --limit-errors': { id: 'berhenti membaca tabel setelah sekian galat (bawaan 1000)', en: 'stop a table after this many errors (default 1000)' },
  'validate --limit-rows': { id: 'baca paling banyak sekian baris data per tabel', en: 'read at most this many data rows per table' },
  'validate --sheet': { id: 'lembar (sheet) yang dibaca dari berkas Excel tanpa paket', en: 'the sheet to read from bare Excel files' },
  'validate --profile': {
    id: 'pemeriksaan tambahan: satudata (kelengkapan metadata Satu Data)',
    en: 'extra checks: satudata (Satu Data metadata completeness)',
  },
  'validate --allow-remote': { id: 'unduh sumber daya yang berupa URL http(s)', en: 'fetch resources given as http(s) URLs' },

  describe: {
    id: 'simpulkan Tabular Data Resource (skema, dialek) dari berkas CSV atau Excel',
    en: 'infer a Tabular Data Resource (schema, dialect) from a CSV or Excel file',
  },
  'describe <file>': { id: 'berkas CSV atau XLSX', en: 'CSV or XLSX file' },
  'describe --sheet': { id: 'nama lembar (Excel)', en: 'sheet name (Excel)' },
  'describe --json': { id: 'cetak deskriptor sumber daya sebagai JSON', en: 'print the resource descriptor as JSON' },
  'describe --write': {
    id: 'tambahkan atau perbarui sumber daya di datapackage.json di samping berkas',
    en: 'add or update the resource in datapackage.json next to the file',
  },
  'describe --missing-values': {
    id: 'penanda nilai kosong tambahan, dipisah koma (mis. "0")',
    en: 'extra missing-value markers, comma separated (e.g. "0")',
  },

  convert: { id: 'ubah lembar Excel menjadi CSV UTF-8 yang bersih', en: 'convert an Excel sheet to a clean UTF-8 CSV' },
  'convert <file>': { id: 'berkas XLSX', en: 'XLSX file' },
  'convert --sheet': { id: 'nama lembar', en: 'sheet name' },
  'convert --all-sheets': { id: 'tulis satu CSV per lembar', en: 'write one CSV per sheet' },
  'convert --output': {
    id: 'berkas CSV keluaran (bawaan: di samping berkas masukan); dengan --all-sheets, sebuah folder',
    en: 'output CSV file (default: next to the input); with --all-sheets, a folder',
  },
  'convert --force': { id: 'timpa berkas keluaran yang sudah ada', en: 'replace output files that already exist' },
  'convert --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  template: {
    id: 'buat templat isian Excel dari Table Schema atau paket data',
    en: 'generate an Excel input template from a Table Schema or data package',
  },
  'template <source>': {
    id: 'JSON Table Schema, datapackage.json, atau folder yang memuatnya',
    en: 'Table Schema JSON, datapackage.json or a folder holding one',
  },
  'template --resource': { id: 'nama sumber daya (untuk paket data)', en: 'resource name (data packages)' },
  'template --output': { id: 'path .xlsx keluaran (wajib)', en: 'output .xlsx path (required)' },
  'template --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  init: {
    id: 'mulai repositori data: datapackage.json, konfigurasi, README, dan alur CI',
    en: 'start a data repository: datapackage.json, config, README and CI workflows',
  },
  'init [dir]': { id: 'folder (bawaan: folder saat ini)', en: 'folder (default: the current folder)' },
  'init --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'init --org': { id: 'nama organisasi di CKAN', en: 'CKAN organization name' },
  'init --yes': { id: 'tanpa pertanyaan; berkas yang sudah ada tidak pernah ditimpa', en: 'no prompts; never overwrite existing files' },
  'init --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  metadata: { id: 'isi metadata Satu Data untuk paket data', en: 'fill in Satu Data metadata for a data package' },
  'metadata [package]': {
    id: 'datapackage.json atau foldernya (bawaan: folder saat ini)',
    en: 'datapackage.json or its folder (default: the current folder)',
  },
  'metadata --yes': {
    id: 'tanpa pertanyaan: nilai diambil dari --set, konfigurasi, dan metadata yang ada',
    en: 'no prompts: take values from --set, the config and existing metadata',
  },
  'metadata --set': { id: 'isi satu nilai metadata, kunci=nilai (boleh berulang)', en: 'set a metadata value (repeatable)' },
  'metadata --export': {
    id: 'tulis metadata ke buku kerja Excel untuk diisi',
    en: 'write the metadata to an Excel workbook to fill in',
  },
  'metadata --import': {
    id: 'baca kembali metadata dari buku kerja yang sudah diisi (semua isian diperiksa; tidak ada yang ditulis bila ada yang salah)',
    en: 'read the metadata back from a filled workbook (all values checked; nothing written unless all are valid)',
  },
  'metadata --force': { id: 'dengan --export: timpa buku kerja yang sudah ada', en: 'with --export: replace an existing workbook' },
  'metadata --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'metadata --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  push: { id: 'terbitkan paket data ke portal CKAN (aman diulang)', en: 'publish a data package to the CKAN portal (idempotent)' },
  'push [package]': {
    id: 'datapackage.json atau foldernya (bawaan: folder saat ini)',
    en: 'datapackage.json or its folder (default: the current folder)',
  },
  'push --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'push --org': { id: 'nama organisasi di CKAN', en: 'CKAN organization name' },
  'push --dry-run': { id: 'tampilkan rencana saja, tidak menulis apa pun', en: 'show the plan, write nothing' },
  'push --yes': { id: 'tanpa pertanyaan', en: 'no prompts' },
  'push --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },
  'push --prune': {
    id: 'hapus sumber daya di portal yang tidak ada lagi di paket',
    en: 'delete portal resources that the package no longer has',
  },
  'push --datastore': {
    id: 'muat juga setiap tabel ke DataStore CKAN (kolom bertipe, kamus data)',
    en: 'also load each table into the CKAN DataStore (typed columns, data dictionary)',
  },

  login: { id: 'periksa dan simpan token API untuk sebuah portal', en: 'verify and store an API token for a portal' },
  'login --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'login --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  logout: { id: 'hapus token API tersimpan milik sebuah portal', en: 'remove the stored API token of a portal' },
  'logout --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'logout --json': { id: 'cetak hasil sebagai JSON', en: 'print the result as JSON' },

  status: {
    id: 'audit portal: OPD mana yang belum menerbitkan dataset apa, dan mana yang kedaluwarsa',
    en: 'audit the portal: which agency is missing which dataset, and which are stale',
  },
  'status --register': { id: 'register Daftar Data (CSV atau XLSX)', en: 'the Daftar Data register (CSV or XLSX)' },
  'status --org': { id: 'hanya organisasi ini (boleh berulang)', en: 'only this organization (repeatable)' },
  'status --portal': { id: 'alamat portal CKAN', en: 'CKAN portal URL' },
  'status --format': { id: 'format laporan', en: 'report format' },
  'status --json': { id: 'sama dengan --format json', en: 'same as --format json' },
  'status --output': { id: 'tulis laporan ke berkas', en: 'write the report to a file' },
  'status --fail-on': {
    id: 'keluar dengan kode 1 bila ada yang belum ada atau kosong / juga bila kedaluwarsa / juga bila datanya tidak valid (perlu --check-data) / tidak pernah (bawaan: missing bila stdout bukan terminal, never di terminal)',
    en: 'exit 1 when anything is missing or empty / also stale / also invalid (needs --check-data) / never (default: missing when stdout is not a terminal, never on a terminal)',
  },
  'status --check-data': {
    id: 'unduh setiap sumber daya CSV/XLSX dan validasi dengan skema yang tersimpan padanya (disimpan di cache)',
    en: 'download each CSV/XLSX resource and validate it with the schema stored on it (cached)',
  },
  'status --max-file-mb': {
    id: 'dengan --check-data: berkas yang lebih besar tidak diunduh dan dilaporkan belum diperiksa (bawaan 50)',
    en: 'with --check-data: larger files are not downloaded and reported as not checked (default 50)',
  },
  'status --grace-days': {
    id: 'hari kelonggaran sebelum dataset dihitung kedaluwarsa (bawaan: seperempat periodenya, mis. 92 untuk tahunan, 8 untuk bulanan)',
    en: 'days of grace before a dataset counts as stale (default: a quarter of its period, e.g. 92 for tahunan, 8 for bulanan)',
  },
  'status --now': {
    id: 'waktu audit (tanggal atau tanggal-waktu ISO), untuk laporan yang dapat diulang',
    en: 'the audit time (ISO date or date-time), for reproducible reports',
  },
};

/** commander's help headings, by their English words. */
const TITLES: Record<string, MsgCode> = {
  'Usage:': 'cli.help.usage',
  'Options:': 'cli.help.options',
  'Commands:': 'cli.help.commands',
  'Arguments:': 'cli.help.arguments',
  'Global Options:': 'cli.help.global_options',
};

function optionKey(cmd: string, o: Option): string {
  return `${cmd} ${o.long ?? o.short ?? o.flags}`;
}

function argumentKey(cmd: string, a: Argument): string {
  const name = `${a.name()}${a.variadic ? '...' : ''}`;
  return `${cmd} ${a.required ? `<${name}>` : `[${name}]`}`;
}

/** Every catalogue key the program needs, with the part it describes (for the completeness test). */
export function helpKeys(program: Command): string[] {
  const keys = [program.name(), ...program.options.map((o) => optionKey(program.name(), o))];
  for (const sub of program.commands) {
    keys.push(sub.name(), ...sub.registeredArguments.map((a) => argumentKey(sub.name(), a)), ...sub.options.map((o) => optionKey(sub.name(), o)));
  }
  return keys;
}

function text(key: string, lang: Lang): string | undefined {
  return HELP_TEXT[key]?.[lang];
}

/** Give every command, argument and option of `program` its description in `lang`; localise help headings. */
export function localizeProgram(program: Command, lang: Lang): void {
  const all = [program, ...program.commands];
  for (const cmd of all) {
    const name = cmd.name();
    const desc = text(name, lang);
    if (desc) cmd.description(desc);
    for (const o of cmd.options) o.description = text(optionKey(name, o), lang) ?? o.description;
    for (const a of cmd.registeredArguments) a.description = text(argumentKey(name, a), lang) ?? a.description;
    cmd.helpOption('-h, --help', text('* --help', lang));
    if (lang === 'id') cmd.configureHelp(INDONESIAN_HELP);
  }
  program.helpCommand('help [command]', text('* help', lang));
}

/** commander's `(choices: …, default: …)` and headings, in Indonesian. */
const INDONESIAN_HELP: Partial<Help> = {
  styleTitle: (s: string) => (TITLES[s] ? msg('id', TITLES[s]) : s),
  commandUsage(this: Help, c: Command) {
    return usageId(Help.prototype.commandUsage.call(this, c));
  },
  subcommandTerm(this: Help, c: Command) {
    return usageId(Help.prototype.subcommandTerm.call(this, c));
  },
  optionDescription(this: Help, o: Option) {
    return extraInfoId(Help.prototype.optionDescription.call(this, o));
  },
  argumentDescription(this: Help, a: Argument) {
    return extraInfoId(Help.prototype.argumentDescription.call(this, a));
  },
};

function usageId(s: string): string {
  return s.replace('[options]', msg('id', 'cli.help.options_placeholder')).replace('[command]', msg('id', 'cli.help.command_placeholder'));
}

function extraInfoId(s: string): string {
  const choices = msg('id', 'cli.help.choices');
  const byDefault = msg('id', 'cli.help.default');
  return s.replace(/\((choices|default): /g, (_m, w: string) => `(${w === 'choices' ? choices : byDefault}: `).replace(/, default: /g, `, ${byDefault}: `);
}

/** commander's own parse errors (English, fixed wording) in the user's language. */
export function localizeCommanderError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const say = (code: MsgCode, vars?: Record<string, unknown>) => msg(lang, code, vars);
  const suggest = (s: string) => (s ? say('cli.commander.did_you_mean', { suggestion: s }) : '');
  const rules: Array<[RegExp, (...g: string[]) => string]> = [
    [/^error: unknown option '([^']*)'(?:\n\(Did you mean (.*)\?\))?/, (f, s) => say('cli.commander.unknown_option', { flag: f, suggestion: suggest(s) })],
    [/^error: unknown command '([^']*)'(?:\n\(Did you mean (.*)\?\))?/, (c, s) => say('cli.commander.unknown_command', { command: c, suggestion: suggest(s) })],
    [/^error: option (\S+) expects a whole number, got "(.*)"$/, (f, v) => say('cli.commander.not_whole_number', { flag: f, value: v })],
    [/^error: missing required argument '([^']*)'/, (a) => say('cli.commander.missing_argument', { argument: a })],
    [/^error: option '([^']*)' argument missing/, (f) => say('cli.commander.option_value_missing', { flag: f })],
    [/^error: required option '([^']*)' not specified/, (f) => say('cli.commander.required_option', { flag: f })],
    [
      /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\./,
      (f, v, c) => say('cli.commander.invalid_choice', { flag: f, value: v, choices: c }),
    ],
    [
      /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (c, n, m) => say('cli.commander.too_many_arguments', { command: c ? say('cli.commander.for_command', { command: c }) : '', expected: n, got: m }),
    ],
  ];
  for (const [re, to] of rules) {
    const m = re.exec(message);
    if (m) return message.replace(re, to(...m.slice(1).map((g) => g ?? '')));
  }
  return message.replace(/^error: /, say('cli.commander.error_prefix'));
}
