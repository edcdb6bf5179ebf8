/**
 * `openTable`: pick the reader for a local file from the declared format or the extension, after
 * checking the first bytes so that an old `.xls`, an `.ods`, or a file renamed to `.xlsx` gets a
 * clear "save as .xlsx or .csv" format-error instead of a parser failure.
 */
import { basename, extname } from 'node:path';
import { openCsv } from './csv.js';
import { openSourceFile, readAt } from './source-file.js';
import { TableSourceError, type OpenedTable, type OpenTableOptions } from './types.js';
import { openXlsx } from './xlsx.js';

export type TableFormat = 'csv' | 'tsv' | 'xlsx' | 'xls' | 'ods';

/** The format named by `format` or, when absent, by the file extension. Pure. */
export function resolveFormat(path: string, format?: string): TableFormat | undefined {
  const f = (format ?? extname(path).slice(1)).trim().toLowerCase();
  if (f === 'csv' || f === 'txt') return 'csv';
  if (f === 'tsv' || f === 'tab') return 'tsv';
  if (f === 'xlsx' || f === 'xlsm') return 'xlsx';
  if (f === 'xls') return 'xls';
  if (f === 'ods') return 'ods';
  return undefined;
}

/** What the first bytes say the file is. Pure. */
export function magicKind(head: Uint8Array): 'ole2' | 'zip' | 'other' {
  if (head.length >= 4 && head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'ole2';
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) {
    return 'zip';
  }
  return 'other';
}

export async function openTable(opts: OpenTableOptions): Promise<OpenedTable> {
  const name = basename(opts.path);
  const format = resolveFormat(opts.path, opts.format);
  const { fh, size } = await openSourceFile(opts.path);
  try {
    const kind = magicKind(await readAt(fh, 0, 8));
    if (kind === 'ole2') throw saveAs(name, 'an old Excel .xls (binary, OLE2) file', 'adalah berkas Excel lama .xls (biner/OLE2)');
    if (format === 'ods') throw saveAs(name, 'an OpenDocument spreadsheet (.ods)', 'adalah lembar kerja OpenDocument (.ods)');
    if (format === 'xls') throw saveAs(name, 'not an .xlsx workbook (an .xls that is not a binary Excel file, often an HTML table)', 'bukan buku kerja Excel yang dapat dibaca (berkas .xls yang sebenarnya tabel HTML atau format lain)');
    if (format === 'xlsx') {
      if (kind !== 'zip') {
        throw saveAs(name, `invalid excel file "${name}": it is not a zip-based .xlsx workbook (a CSV or another file renamed to .xlsx?)`, 'bukan buku kerja .xlsx yang sah (mungkin berkas CSV atau lain yang diganti namanya menjadi .xlsx)', true);
      }
      return await openXlsx(opts, fh, size);
    }
    if (format === 'csv' || format === 'tsv') return await openCsv(opts, fh, format === 'tsv');
    if (kind === 'zip' && !opts.format) return await openXlsx(opts, fh, size);
    throw new TableSourceError(
      'format-error',
      `cannot read "${name}": unsupported format "${opts.format ?? extname(opts.path)}"; use .csv, .tsv or .xlsx`,
      `Format berkas "${name}" tidak didukung. Gunakan .csv, .tsv, atau .xlsx.`,
    );
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

function saveAs(name: string, what: string, whatId: string, whole = false): TableSourceError {
  const note = whole ? what : `"${name}" is ${what}`;
  return new TableSourceError(
    'format-error',
    `${note}; open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or .csv (CSV UTF-8)`,
    `Berkas "${name}" ${whatId}. Buka di Excel atau LibreOffice lalu simpan sebagai .xlsx (Excel Workbook) atau .csv (CSV UTF-8).`,
  );
}
