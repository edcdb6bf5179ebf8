/**
 * `openTable`: pick the reader for a local file from the declared format or the extension, after
 * checking the first bytes so that an old `.xls`, an `.ods`, or a file renamed to `.xlsx` gets a
 * clear "save as .xlsx or .csv" format-error instead of a parser failure.
 */
import { basename, extname } from 'node:path';
import { resolveFormat } from './format.js';
import { openCsv } from './csv.js';
import { openSourceFile, readAt } from './source-file.js';
import { TableSourceError, type OpenedTable, type OpenTableOptions } from './types.js';
import { openXlsx } from './xlsx.js';
import { mf, notes, type Msg } from '../i18n.js';

export { resolveFormat, type TableFormat } from './format.js';

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
    if (kind === 'ole2') throw saveAs(mf('source.open.xls_binary', { name }));
    if (format === 'ods') throw saveAs(mf('source.open.ods', { name }));
    if (format === 'xls') throw saveAs(mf('source.open.xls_other', { name }));
    if (format === 'xlsx') {
      if (kind !== 'zip') {
        throw saveAs(mf('source.open.xlsx_not_zip', { name }));
      }
      return await openXlsx(opts, fh, size);
    }
    if (format === 'csv' || format === 'tsv') return await openCsv(opts, fh, format === 'tsv', size);
    if (kind === 'zip' && !opts.format) return await openXlsx(opts, fh, size);
    throw new TableSourceError('format-error', ...notes('source.open.unsupported_format', { name, format: opts.format ?? extname(opts.path) }));
  } catch (err) {
    await fh.close().catch(() => undefined);
    throw err;
  }
}

function saveAs(what: Msg): TableSourceError {
  return new TableSourceError('format-error', ...notes('source.open.save_as', { what }));
}
