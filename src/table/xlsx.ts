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
import { decodeChunks, estimateSheetRows, sheetBatches, tapFirst } from './xlsx-batches.js';
import { SHEET_GUESS_MIN_BYTES, SHEET_THREAD, SHEET_THREAD_AHEAD, wantsSheetThread, type SheetThread } from './xlsx-thread-choice.js';
import { dropWarm } from '../warm-threads.js';
import { SheetParser } from './xlsx-sheet.js';
import { ZipReader } from './zip.js';
import { m, notes } from '../i18n.js';

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
  const context = { label, sheet: sheet.name, dateStyles, date1904: wb.date1904, maxCellChars };
  const parser = new SheetParser({ ...context, sharedStrings });
  const hasher = new ByteHasher();

  let thread: SheetThread | undefined;
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await thread?.stop(); // its feeding may be reading this descriptor
    await fh.close().catch(() => undefined);
  };

  const xmlBytes = zip.entries.get(part)?.uncompressedSize ?? 0;
  let rowsHint = 0;
  const sheetChunks = () => tapFirst(zip.stream(part), (first) => (rowsHint = estimateSheetRows(first, xmlBytes)));
  async function* here(): AsyncGenerator<Row[]> {
    yield* sheetBatches(decodeChunks(sheetChunks()), part, parser, label);
    // The parts were read out of order, so hash the file once, sequentially, at the end.
    await hashFile(fh, size, hasher);
  }
  // A large sheet: parsed on a thread of its own while this thread inflates it and checks the rows. The
  // thread starts with the first batch asked for: a table opened for its sheet name only never starts one.
  async function* rows(): AsyncGenerator<Row[]> {
    if (opts.sheetThread === true && wantsSheetThread(xmlBytes, sharedStrings.length)) {
      const { startSheetThread } = await import('./xlsx-thread.js');
      const local = { rows: here, stats: () => hasher.snapshot(), merges: () => parser.merges };
      const source = { texts: () => decodeChunks(sheetChunks()), hash: () => hashFile(fh, size, hasher) };
      if (!closed) thread = startSheetThread({ part, context, sharedStrings: sharedStrings.length, ahead: SHEET_THREAD_AHEAD }, sharedStrings, local, source);
    } else if (opts.sheetThread === true && size >= SHEET_GUESS_MIN_BYTES) dropWarm(SHEET_THREAD); // one started ahead for this file is not needed
    yield* thread?.batches ?? here();
  }
  async function* batches(): AsyncGenerator<Row[]> {
    try {
      yield* rows();
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
    // Before the thread's last batch nothing is hashed yet, as on one thread (the file is hashed at the end).
    stats: () => (thread ? (thread.stats() ?? new ByteHasher().snapshot()) : hasher.snapshot()),
    close,
    merges: () => [...(thread ? thread.merges() : parser.merges)],
    rowsHint: () => rowsHint,
  };
  return table;
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
