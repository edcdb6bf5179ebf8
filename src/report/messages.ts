import type { Lang } from '../i18n.js';
import type { ReportError } from '../validate/types.js';
import { expectedValue } from './expect.js';

export interface HumanMessage {
  /** What is wrong, in one sentence. */
  what: string;
  /** How to fix it. */
  fix?: string;
}

const q = (s: string | undefined) => `"${s ?? ''}"`;

function typeSpec(note: string): string {
  return /type is "([^"]+)"/.exec(note)?.[1] ?? 'string/default';
}

/** `constraint "maximum" is "100"` → ['maximum', '100'] */
function constraintOf(note: string): [string, string] {
  const m = /constraint "([^"]+)" is "([\s\S]*)"$/.exec(note);
  return m ? [m[1]!, m[2]!] : ['', note];
}

function constraintText(name: string, value: string, lang: Lang): HumanMessage {
  const id = lang === 'id';
  switch (name) {
    case 'required':
      return id ? { what: 'kolom ini wajib diisi tetapi kosong', fix: 'isi sel ini; jika datanya memang tidak ada, tanyakan nilai pengganti yang disepakati (mis. "-") ke walidata' } : { what: 'this column is required but the cell is empty', fix: 'fill in the cell; if the value is truly unknown, agree on a missing-value marker (e.g. "-") with the walidata' };
    case 'minimum':
      return id ? { what: `nilainya lebih kecil dari batas bawah ${value}`, fix: `periksa nilainya; harus ≥ ${value}` } : { what: `the value is below the minimum ${value}`, fix: `check the value; it must be ≥ ${value}` };
    case 'maximum':
      return id ? { what: `nilainya lebih besar dari batas atas ${value}`, fix: `periksa nilainya; harus ≤ ${value}` } : { what: `the value is above the maximum ${value}`, fix: `check the value; it must be ≤ ${value}` };
    case 'exclusiveMinimum':
      return id ? { what: `nilainya harus lebih besar dari ${value}`, fix: `periksa nilainya; harus > ${value}` } : { what: `the value must be greater than ${value}`, fix: `it must be > ${value}` };
    case 'exclusiveMaximum':
      return id ? { what: `nilainya harus lebih kecil dari ${value}`, fix: `periksa nilainya; harus < ${value}` } : { what: `the value must be less than ${value}`, fix: `it must be < ${value}` };
    case 'minLength':
      return id ? { what: `isinya terlalu pendek (minimal ${value} karakter/unsur)`, fix: 'lengkapi isinya' } : { what: `the value is too short (at least ${value})`, fix: 'complete the value' };
    case 'maxLength':
      return id ? { what: `isinya terlalu panjang (maksimal ${value} karakter/unsur)`, fix: 'persingkat isinya' } : { what: `the value is too long (at most ${value})`, fix: 'shorten the value' };
    case 'pattern':
      return id ? { what: `isinya tidak sesuai pola ${value}`, fix: 'tulis sesuai pola yang ditetapkan di skema (lihat contoh di kamus kolom)' } : { what: `the value does not match the pattern ${value}`, fix: 'write it as the schema pattern requires (see the column dictionary)' };
    case 'enum':
      return id ? { what: `nilainya bukan salah satu pilihan yang diizinkan: ${value}`, fix: 'pilih salah satu nilai yang diizinkan (perhatikan huruf besar/kecil dan spasi)' } : { what: `the value is not one of the allowed values: ${value}`, fix: 'use one of the allowed values (mind upper/lower case and spaces)' };
    case 'categories':
      return id ? { what: `nilainya bukan salah satu kategori: ${value}`, fix: 'pilih salah satu kategori yang diizinkan' } : { what: `the value is not one of the categories: ${value}`, fix: 'use one of the allowed categories' };
    case 'jsonSchema':
      return id ? { what: 'isinya tidak sesuai JSON Schema kolom ini', fix: 'periksa struktur JSON-nya' } : { what: 'the value does not match the column\'s JSON Schema', fix: 'check the JSON structure' };
    default:
      return id ? { what: `melanggar batasan ${name} ${value}` } : { what: `violates the constraint ${name} ${value}` };
  }
}

/** A specific fix for the common ways Indonesian spreadsheets write numbers and dates. */
export function typeFix(cell: string, spec: string, lang: Lang): string | undefined {
  const id = lang === 'id';
  const [type = 'string', format = 'default'] = spec.split('/');
  if (cell !== cell.trim()) return id ? 'hapus spasi di awal/akhir sel' : 'remove the spaces around the value';
  const numeric = type === 'integer' || type === 'number' || type === 'year';
  if (numeric && /^(Rp\.?\s*|IDR\s*)|%$/i.test(cell)) {
    return id ? 'tulis angkanya saja tanpa "Rp" atau "%", atau tambahkan "bareNumber": false pada kolom ini di skema' : 'write the number without "Rp" or "%", or add "bareNumber": false to this field in the schema';
  }
  if (numeric && /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(cell)) {
    return id
      ? 'angka ditulis gaya Indonesia (titik pemisah ribuan): tulis tanpa titik (mis. 1250), atau tambahkan "groupChar": "." (dan "decimalChar": ",") pada kolom ini di skema'
      : 'the number uses Indonesian style (dots between thousands): write it without dots (e.g. 1250), or add "groupChar": "." (and "decimalChar": ",") to this field in the schema';
  }
  if (type === 'number' && /^-?\d+,\d+$/.test(cell)) {
    return id ? 'ganti koma desimal dengan titik (12,5 → 12.5), atau tambahkan "decimalChar": "," pada kolom ini di skema' : 'use a dot as decimal separator (12,5 → 12.5), or add "decimalChar": "," to this field in the schema';
  }
  if (type === 'integer' && /^-?\d+[.,]\d+$/.test(cell)) {
    return /^-?\d+[.,]0+$/.test(cell)
      ? id ? 'hapus desimal ",0"/".0" (tulis bilangan bulat), atau ubah tipe kolom menjadi "number"' : 'drop the ".0" (write a whole number), or change the field type to "number"'
      : id ? 'kolom ini bilangan bulat: bulatkan nilainya, atau ubah tipe kolom menjadi "number"' : 'this column holds whole numbers: round the value, or change the field type to "number"';
  }
  if ((type === 'date' || type === 'datetime') && format === 'default') {
    if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}$/.test(cell)) {
      return id ? 'tulis tanggal sebagai TTTT-BB-HH (mis. 2023-12-31), atau tambahkan "format": "%d/%m/%Y" pada kolom ini di skema' : 'write the date as YYYY-MM-DD (e.g. 2023-12-31), or add "format": "%d/%m/%Y" to this field in the schema';
    }
    if (/^\d{5}(\.\d+)?$/.test(cell)) {
      return id ? 'ini nomor seri tanggal Excel: format sel sebagai Tanggal di Excel lalu simpan ulang' : 'this is an Excel date serial number: format the cell as a Date in Excel and save again';
    }
  }
  if (type === 'boolean') {
    return id ? 'tulis true/false, atau daftarkan nilai seperti "ya"/"tidak" di "trueValues"/"falseValues" pada skema' : 'write true/false, or list values like "ya"/"tidak" in "trueValues"/"falseValues" in the schema';
  }
  if (numeric && /[a-z]/i.test(cell)) {
    return id ? 'tulis nilainya dengan angka, bukan huruf; jika datanya tidak ada, kosongkan sel atau pakai penanda data kosong (mis. "-") yang terdaftar di missingValues' : 'write the value in digits; if it is unknown, leave the cell empty or use a missing-value marker (e.g. "-") listed in missingValues';
  }
  return undefined;
}

/** A plain-language description of one error, with a fix, in Bahasa Indonesia or English. */
export function humanMessage(e: ReportError, lang: Lang): HumanMessage {
  const id = lang === 'id';
  switch (e.type) {
    case 'type-error': {
      const spec = typeSpec(e.note);
      const expected = expectedValue(spec, lang);
      const excelError = /^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!)/.test(e.cell ?? '');
      const formula = (e.cell ?? '').startsWith('=');
      if (excelError) {
        return id
          ? { what: `sel berisi galat Excel ${e.cell}`, fix: 'perbaiki rumus di Excel atau ganti dengan nilai yang benar' }
          : { what: `the cell holds the Excel error ${e.cell}`, fix: 'fix the formula in Excel or replace it with a value' };
      }
      if (formula) {
        return id
          ? { what: `sel berisi rumus tanpa nilai tersimpan (${e.cell})`, fix: 'buka dan simpan ulang berkas di Excel agar nilai rumus tersimpan, atau ganti rumus dengan nilainya' }
          : { what: `the cell holds a formula without a saved value (${e.cell})`, fix: 'open and save the file in Excel so the formula value is stored, or replace the formula by its value' };
      }
      return {
        what: id ? `nilai ${q(e.cell)} tidak sesuai tipe kolom; yang diharapkan: ${expected}` : `the value ${q(e.cell)} does not fit the column type; expected ${expected}`,
        fix: typeFix(e.cell ?? '', spec, lang) ?? (id ? 'ketik ulang nilainya sesuai contoh di atas' : 'retype the value as in the example above'),
      };
    }
    case 'constraint-error': {
      const [name, value] = constraintOf(e.note);
      const m = constraintText(name, value, lang);
      return { what: `${id ? 'nilai' : 'the value'} ${q(e.cell)}: ${m.what}`, fix: m.fix };
    }
    case 'unique-error':
      return id
        ? { what: `nilai ${q(e.cell)} sudah dipakai di baris lain (${e.note.replace('the same as in the row at position', 'sama dengan baris')}) padahal kolom ini harus unik`, fix: 'hapus baris ganda atau perbaiki nilainya' }
        : { what: `the value ${q(e.cell)} is used in another row (${e.note}) but the column must be unique`, fix: 'remove the duplicate row or correct the value' };
    case 'primary-key':
      if (e.note.includes('all "None"')) {
        return id ? { what: 'kolom kunci utama (primary key) kosong semua', fix: 'isi kolom kunci utama pada baris ini' } : { what: 'all primary-key cells are empty', fix: 'fill in the primary-key columns of this row' };
      }
      return id
        ? { what: `kombinasi kunci utama sudah ada (${e.note.replace('the same as in the row at position', 'sama dengan baris')})`, fix: 'setiap baris harus punya kunci utama yang berbeda: hapus baris ganda atau perbaiki nilainya' }
        : { what: `the primary key repeats an earlier row (${e.note})`, fix: 'every row needs a different primary key: remove the duplicate or correct it' };
    case 'unique-key':
      return id ? { what: `kombinasi nilai harus unik tetapi berulang (${e.note})`, fix: 'hapus baris ganda atau perbaiki nilainya' } : { what: `a unique key repeats (${e.note})`, fix: 'remove the duplicate or correct it' };
    case 'foreign-key':
      return id
        ? { what: `nilai ${(e.fieldCells ?? []).map((c) => q(c)).join(', ')} di kolom ${(e.fieldNames ?? []).join(', ')} tidak ada di tabel rujukan ${q(e.referenceName || '(tabel ini sendiri)')} (kolom ${(e.referenceFieldNames ?? []).join(', ')})`, fix: 'pakai kode yang terdaftar di tabel rujukan (mis. kode kecamatan resmi) atau tambahkan kodenya ke tabel rujukan' }
        : { what: `the value(s) ${(e.fieldCells ?? []).map((c) => q(c)).join(', ')} of ${(e.fieldNames ?? []).join(', ')} are not in the reference table ${q(e.referenceName || '(this table)')} (${(e.referenceFieldNames ?? []).join(', ')})`, fix: 'use a code listed in the reference table (e.g. an official kecamatan code) or add it there' };
    case 'blank-row':
      return id ? { what: 'baris ini kosong seluruhnya', fix: 'hapus baris kosong di tengah data' } : { what: 'the row is completely blank', fix: 'delete blank rows inside the data' };
    case 'extra-cell':
      return id ? { what: `baris ini punya nilai lebih (${q(e.cell)}) di luar kolom yang ditetapkan skema`, fix: 'hapus nilai tersebut atau tambahkan kolomnya ke skema; periksa juga koma/titik koma yang tidak diberi tanda kutip' } : { what: `the row has an extra value (${q(e.cell)}) beyond the schema's columns`, fix: 'remove it or add the column to the schema; check for unquoted commas/semicolons' };
    case 'missing-cell':
      return id ? { what: `baris ini kekurangan sel untuk kolom ${q(e.fieldName)}`, fix: 'lengkapi baris; periksa pemisah kolom (koma/titik koma) yang hilang' } : { what: `the row lacks a cell for column ${q(e.fieldName)}`, fix: 'complete the row; check for missing separators' };
    case 'blank-label':
      return id ? { what: `judul kolom ke-${e.fieldNumber} kosong`, fix: `tulis nama kolom ${q(e.fieldName)} di baris judul` } : { what: `the header of column ${e.fieldNumber} is blank`, fix: `write the column name ${q(e.fieldName)} in the header row` };
    case 'duplicate-label':
      return id ? { what: `judul kolom ${q(e.label)} muncul lebih dari sekali (${e.note.replace('at position', 'di posisi')})`, fix: 'beri setiap kolom nama yang berbeda' } : { what: `the header ${q(e.label)} appears more than once (${e.note})`, fix: 'give every column a different name' };
    case 'incorrect-label':
      return id ? { what: `judul kolom ${q(e.label)} tidak sama dengan nama kolom di skema ${q(e.fieldName)}`, fix: `ganti judul kolom menjadi ${q(e.fieldName)} (huruf besar/kecil berpengaruh), atau perbaiki urutan kolom` } : { what: `the header ${q(e.label)} differs from the schema field name ${q(e.fieldName)}`, fix: `rename the header to ${q(e.fieldName)} (case matters) or fix the column order` };
    case 'missing-label':
      return id ? { what: `kolom ${q(e.fieldName)} yang diminta skema tidak ada di data`, fix: `tambahkan kolom ${q(e.fieldName)} ke tabel` } : { what: `the column ${q(e.fieldName)} required by the schema is not in the data`, fix: `add the column ${q(e.fieldName)}` };
    case 'extra-label':
      return id ? { what: `kolom ${q(e.label)} tidak ada di skema`, fix: 'hapus kolom itu dari data atau tambahkan ke skema (satudata describe membantu)' } : { what: `the column ${q(e.label)} is not in the schema`, fix: 'remove it or add it to the schema (satudata describe helps)' };
    case 'unmatched-header':
      return id ? { what: 'tidak satu pun kolom skema ada di judul tabel', fix: 'periksa baris judul dan nama kolom di skema' } : { what: 'none of the schema fields is in the header', fix: 'check the header row and the schema field names' };
    case 'hash-count':
    case 'byte-count':
      return id ? { what: `isi berkas tidak sama dengan yang tercatat di datapackage.json (${e.note})`, fix: 'jika berkas memang diperbarui, hapus atau perbarui "hash"/"bytes" di datapackage.json' } : { what: `the file differs from what datapackage.json records (${e.note})`, fix: 'if the file was updated on purpose, update or remove "hash"/"bytes" in datapackage.json' };
    case 'scheme-error':
      return id ? { what: e.noteId ?? `berkas tidak dapat dibuka: ${e.note}`, fix: 'periksa nama dan lokasi berkas (path di datapackage.json relatif terhadap folder paket)' } : { what: `the file cannot be opened: ${e.note}`, fix: 'check the file name and location (paths in datapackage.json are relative to the package folder)' };
    case 'format-error':
      return id ? { what: e.noteId ?? `berkas tidak dapat dibaca: ${e.note}`, fix: 'simpan ulang sebagai .xlsx (Excel Workbook) atau .csv (UTF-8)' } : { what: `the file cannot be parsed: ${e.note}`, fix: 'save it again as .xlsx (Excel Workbook) or .csv (UTF-8)' };
    case 'encoding-error':
      return id ? { what: e.noteId ?? `pengodean karakter berkas salah: ${e.note}`, fix: 'di Excel pilih Simpan Sebagai → "CSV UTF-8 (Comma delimited)"' } : { what: `the file's character encoding is wrong: ${e.note}`, fix: 'in Excel use Save As → "CSV UTF-8 (Comma delimited)"' };
    case 'source-error':
      return id ? { what: `sumber data kosong atau tidak konsisten: ${e.note}` } : { what: `the data source is empty or inconsistent: ${e.note}` };
    case 'satudata-metadata':
      return { what: e.message, fix: id ? 'lengkapi dengan "satudata metadata"' : 'complete it with "satudata metadata"' };
    default:
      return { what: e.message };
  }
}
