/**
 * The XLSX reader: zip central directory → workbook, styles and shared strings → the chosen
 * sheet's XML streamed through the sheet parser in batches. Only the sheet XML is streamed; the
 * shared strings are held in memory (Excel needs them all for random access too).
 */
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { LIMITS } from './limits.js';
import { ByteHasher, hashFile } from './source-file.js';
import { TableSourceError, type OpenedTable, type OpenTableOptions, type Row } from './types.js';
import { readDateStyles, readSharedStrings, readWorkbook, type SheetInfo, type WorkbookInfo } from './xlsx-parts.js';
import { SheetParser } from './xlsx-sheet.js';
import { refuseDtd, Utf8Chunks } from './xlsx-xml.js';
import { ZipReader } from './zip.js';
import { m, notes } from '../i18n.js';
import { at } from '../invariant.js';

const BATCH_ROWS = 1024;
/** A batch also ends at this many cells, so 1,024 rows 16,384 wide are not alive at once. */
const BATCH_CELLS = 1 << 20;

export async function openXlsx(opts: OpenTableOptions, fh: FileHandle, size: number): Promise<OpenedTable> {
  const label = basename(opts.path);
  const maxCellChars = opts.maxCellChars ?? LIMITS.cellChars;
  const zip = await ZipReader.open(fh, size, label);
  if (zip.has('mimetype')) {
    const mime = (await zip.readAll('mimetype', 1024)).toString('latin1');
    if (mime.includes('opendocument')) {
      throw new TableSourceError('format-error', ...notes('source.xlsx.ods', { label, mime: mime.trim() }));
    }
  }
  const wb = await readWorkbook(zip, label);
  const sheet = chooseSheet(wb, opts, label);
  const maybePart = sheet.part;
  if (!maybePart || !zip.has(maybePart)) {
    throw new TableSourceError('format-error', ...notes('source.xlsx.not_a_worksheet', { label, sheet: sheet.name }));
  }
  const part: string = maybePart;
  const dateStyles = await readDateStyles(zip, wb, label);
  const sharedStrings = await readSharedStrings(zip, wb, label, maxCellChars);
  const parser = new SheetParser({ label, sheet: sheet.name, sharedStrings, dateStyles, date1904: wb.date1904, maxCellChars });
  const hasher = new ByteHasher();

  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => undefined);
  };

  async function* batches(): AsyncGenerator<Row[]> {
    try {
      const dec = new Utf8Chunks();
      let pending: Row[] = [];
      let first = true;
      for await (const chunk of zip.stream(part)) {
        const text = dec.decode(chunk);
        if (first) {
          refuseDtd(text.slice(0, 4096), label, part);
          first = false;
        }
        let more = parser.push(text, pending);
        for (;;) {
          if (pending.length >= BATCH_ROWS || cellsOf(pending) >= BATCH_CELLS) {
            yield* split(pending);
            pending = [];
          }
          if (!more) break;
          more = parser.push('', pending, true);
        }
      }
      parser.finish(pending);
      if (pending.length) yield* split(pending);
      // The parts were read out of order, so hash the file once, sequentially, at the end.
      await hashFile(fh, size, hasher);
    } finally {
      await close();
    }
  }

  // Typed with `merges` explicitly so this compiles whether or not the contract lists it yet.
  const table: OpenedTable & { merges(): string[] } = {
    format: 'xlsx',
    dialect: { sheetName: sheet.name, sheetNumber: wb.sheets.indexOf(sheet) + 1 },
    sheet: sheet.name,
    batches: batches(),
    stats: () => hasher.snapshot(),
    close,
    merges: () => [...parser.merges],
  };
  return table;
}

/** Batches of at most BATCH_ROWS rows and (but for one wide row) BATCH_CELLS cells. */
function* split(rows: Row[]): Generator<Row[]> {
  if (rows.length <= BATCH_ROWS * 2 && cellsOf(rows) <= BATCH_CELLS) {
    yield rows;
    return;
  }
  let start = 0;
  let cells = 0;
  for (let i = 0; i < rows.length; i++) {
    cells += at(rows, i).cells.length;
    if (i + 1 - start >= BATCH_ROWS || cells >= BATCH_CELLS) {
      yield rows.slice(start, i + 1);
      start = i + 1;
      cells = 0;
    }
  }
  if (start < rows.length) yield rows.slice(start);
}

function cellsOf(rows: readonly Row[]): number {
  let n = 0;
  for (const r of rows) n += r.cells.length;
  return n;
}

/** The sheet named by the dialect (`sheetName` first, then 1-based `sheetNumber`), default the first. */
export function chooseSheet(wb: WorkbookInfo, opts: OpenTableOptions, label: string): SheetInfo {
  const d = opts.dialect ?? {};
  const names = wb.sheets.map((s) => `"${s.name}"`).join(', ');
  let found: SheetInfo | undefined;
  let wanted: string;
  if (d.sheetName !== undefined) {
    const sheetName = d.sheetName;
    wanted = sheetName;
    found = wb.sheets.find((s) => s.name === sheetName) ?? wb.sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
  } else if (d.sheetNumber !== undefined) {
    wanted = String(d.sheetNumber);
    found = Number.isInteger(d.sheetNumber) ? wb.sheets[d.sheetNumber - 1] : undefined;
  } else {
    wanted = '1';
    found = wb.sheets[0];
  }
  if (found) return found;
  throw new TableSourceError('format-error', ...notes('source.xlsx.no_such_sheet', { label, wanted, names: names || m('source.xlsx.no_sheets') }));
}
