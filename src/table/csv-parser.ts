/**
 * A fast CSV state machine over decoded string chunks, with Python `csv` (frictionless) semantics:
 * - a record ends at LF, CRLF or a lone CR (whatever the file uses); an empty line is a record with
 *   zero cells; one final line break does not create a record;
 * - a cell that starts with the quote char is quoted: it may hold delimiters and line breaks, a
 *   doubled quote is a literal quote (`doubleQuote`), text after the closing quote is kept;
 *   a quote in the middle of an unquoted cell is literal;
 * - `escapeChar` makes the next character literal, in quoted and unquoted cells.
 *
 * Speed: cells are found with `indexOf` (vectorised in V8) and cut with `slice`; the next positions
 * of the delimiter and line breaks are cached so each is searched once per occurrence. A record cut
 * by the end of a chunk is re-parsed from its start when the next chunk arrives (cheap: at most one
 * record per chunk; a giant cell is refused once it passes `maxCellChars`). While a long record is
 * pending, new text is held back until it is as long as the pending part, so a record of n characters
 * is re-parsed O(log n) times, not n / chunk times (a 200 MB line took minutes).
 */
import { LIMITS } from './limits.js';
import { TableSourceError, type Cell, type Row } from './types.js';
import { mf, notes } from '../i18n.js';
import { at } from '../invariant.js';

export interface CsvParserOptions {
  delimiter: string;
  /** '' disables quoting. */
  quoteChar: string;
  doubleQuote: boolean;
  /** '' when there is none. */
  escapeChar: string;
  skipInitialSpace: boolean;
  nullSequence?: string;
  maxCellChars: number;
  /** Cells in one record (default LIMITS.columns). */
  maxColumns?: number;
  /** Characters in one record, line breaks inside quoted cells included (default LIMITS.recordChars). */
  maxRecordChars?: number;
  /** The file name, for messages. */
  label?: string;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
/**
 * "Not found": past any string index (V8 strings hold < 2^29 characters) and a small integer (Smi),
 * so the cached positions stay Smis: Number.MAX_SAFE_INTEGER, a heap number, deoptimised `parse`
 * ("not a Smi") each time a chunk ran out of a delimiter or line break, and every re-optimisation of
 * this large function cost a TurboFan compile on a background thread (19 in the 1M-row bench).
 */
const NONE = 0x3fffffff;
/** A pending record shorter than this is re-parsed with every chunk (cheap); a longer one waits. */
const HOLD_FROM = 1 << 16;

/** Whether this thread ran warmParser. */
let warmed = false;

/**
 * Runs `parse` to the end a few times on a small text, once per thread, before a large text. The
 * first real call parses a 64 KiB piece (~700 records): V8 compiles it mid-loop (on-stack replacement)
 * before the code after the loop ever ran, so that code had no type feedback; every call then entered
 * the cached loop code and was deoptimised on its way out (up to ~600 times in one 1M-row run, each a
 * bailout to the interpreter). A text of ~100 records gives the function its feedback vector (V8
 * allocates it only after enough bytecode has run) and the second and third calls record feedback on
 * every exit: a complete text, and one cut inside a record. The text is parsed with the table's own
 * options (delimiter, quote char, escape char) by throwaway parsers, so nothing of the real parse
 * changes. It costs ~8 ms (interpreted), so only readers of large files call it.
 */
export function warmParser(opts: CsvParserOptions): void {
  if (warmed) return;
  warmed = true;
  const d = opts.delimiter;
  const q = opts.quoteChar;
  const record = ['12', `${q}a${d}b${q}`, '3.5', '', `${q}x${q}${q}y${q}`].join(d);
  const text = `${record}\n`.repeat(100);
  try {
    for (let k = 0; k < 3; k++) {
      const p = new CsvParser({ ...opts, maxCellChars: 1 << 20, maxColumns: 64, maxRecordChars: 1 << 20, nullSequence: undefined });
      const rows: Row[] = [];
      p.push(text + record.slice(0, 3), rows); // ends inside a record
      p.finish(rows);
    }
  } catch {
    // Odd options (a digit as quote char) can make the sample text malformed: it only warms, so no matter.
  }
}

export class CsvParser {
  private rest = '';
  private held: string[] = [];
  private heldChars = 0;
  private records = 0;
  private readonly o: CsvParserOptions;
  private readonly maxColumns: number;
  private readonly maxRecordChars: number;

  constructor(opts: CsvParserOptions) {
    const d = opts.delimiter;
    if (!d || /[\r\n]/.test(d) || (opts.quoteChar && d.includes(opts.quoteChar))) {
      throw new TableSourceError('format-error', ...notes('source.csv.bad_delimiter', { delimiter: JSON.stringify(d) }));
    }
    if (opts.quoteChar.length > 1 || opts.escapeChar.length > 1) {
      throw new TableSourceError('format-error', ...notes('source.csv.bad_quote_char'));
    }
    this.o = opts;
    this.maxColumns = opts.maxColumns ?? LIMITS.columns;
    this.maxRecordChars = opts.maxRecordChars ?? LIMITS.recordChars;
  }

  /** Records completed so far (the number of the last record emitted). */
  get recordCount(): number {
    return this.records;
  }

  /** Characters of a record begun but not yet complete (0 at a record boundary). */
  get pendingChars(): number {
    return this.rest.length + this.heldChars;
  }

  /** The record number the next (possibly partial) record will get. */
  get nextRecordNumber(): number {
    return this.records + 1;
  }

  /**
   * Parse more text; complete records are appended to `out`. Behind a long pending record the text may
   * be held back (see the top); `flush` parses everything now (to count records exactly).
   */
  push(text: string, out: Row[], flush = false): void {
    if (this.rest.length >= HOLD_FROM || this.heldChars) {
      this.held.push(text);
      this.heldChars += text.length;
      const total = this.rest.length + this.heldChars;
      if (!flush && this.heldChars < this.rest.length && total <= this.maxRecordChars) return;
      text = this.held.join('');
      this.held = [];
      this.heldChars = 0;
    }
    this.parse(this.rest.length ? this.rest + text : text, false, out);
  }

  /** End of input: the pending record (if any) is completed. */
  finish(out: Row[]): void {
    const s = this.rest + this.held.join('');
    this.rest = '';
    this.held = [];
    this.heldChars = 0;
    if (s.length) this.parse(s, true, out);
  }

  /**
   * Rows are appended with `out[out.length] = row`, not `out.push(row)`: a fresh `[]` holds small
   * integers (Smis) until its first object, and the inlined `push` specialised for that kind was
   * deoptimised ("not a Smi") by the first row of each caller's array; a keyed store transitions it.
   */
  private parse(s: string, final: boolean, out: Row[]): void {
    const { delimiter: delim, quoteChar: q, doubleQuote, escapeChar: esc, skipInitialSpace, nullSequence } = this.o;
    const max = this.o.maxCellChars;
    const dlen = delim.length;
    const qc = q ? q.charCodeAt(0) : -1;
    const n = s.length;
    // Cached next positions (>= the position they were searched from); stale when < i.
    let nd = -1;
    let nlf = -1;
    let ncr = -1;
    let nesc = esc ? -1 : NONE;
    let rec = this.records;
    let i = 0;
    let recStart = 0;
    let cellStart = 0;
    let incomplete = false;

    outer: while (i < n) {
      recStart = i;
      cellStart = i;
      const c0 = s.charCodeAt(i);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && i + 1 >= n && !final) {
          incomplete = true; // a CRLF may be cut between chunks
          break;
        }
        i += c0 === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        out[out.length] = { rowNumber: ++rec, cells: [] };
        continue;
      }
      const cells: Cell[] = [];
      for (;;) {
        cellStart = i;
        if (skipInitialSpace) while (i < n && s.charCodeAt(i) === SPACE) i++;
        let value: string;
        if (i < n && s.charCodeAt(i) === qc) {
          // Quoted cell: collect segments between escapes / doubled quotes.
          let j = i + 1;
          let seg = j;
          value = '';
          for (;;) {
            const k = s.indexOf(q, j);
            if (esc && nesc < j) nesc = find(s, esc, j);
            if (esc && nesc < (k < 0 ? n : k)) {
              if (nesc + 1 >= n) {
                if (!final) { incomplete = true; break outer; }
                value += s.slice(seg, nesc);
                j = seg = n;
                continue;
              }
              value += s.slice(seg, nesc) + s[nesc + 1];
              j = seg = nesc + 2;
              continue;
            }
            if (k < 0) {
              if (!final) { incomplete = true; break outer; }
              throw this.unterminated(rec + 1, cells.length + 1);
            }
            if (k + 1 >= n && !final) { incomplete = true; break outer; }
            if (doubleQuote && s.charCodeAt(k + 1) === qc) {
              value += s.slice(seg, k + 1);
              j = seg = k + 2;
              continue;
            }
            value += s.slice(seg, k);
            i = k + 1;
            break;
          }
          // Python's csv keeps text between the closing quote and the delimiter.
          if (nd < i) nd = find(s, delim, i);
          if (nlf < i) nlf = find(s, '\n', i);
          if (ncr < i) ncr = find(s, '\r', i);
          const end = Math.min(nd, nlf, ncr, n);
          if (end === n && !final) { incomplete = true; break outer; }
          if (end > i) value += s.slice(i, end);
          i = end;
        } else {
          if (nd < i) nd = find(s, delim, i);
          if (nlf < i) nlf = find(s, '\n', i);
          if (ncr < i) ncr = find(s, '\r', i);
          let end = Math.min(nd, nlf, ncr, n);
          if (esc && nesc < i) nesc = find(s, esc, i);
          if (esc && nesc < end) {
            // Slow path: escapes inside an unquoted cell.
            value = '';
            let seg = i;
            while (nesc < end) {
              if (nesc + 1 >= n) {
                if (!final) { incomplete = true; break outer; }
                break;
              }
              value += s.slice(seg, nesc) + s[nesc + 1];
              seg = nesc + 2;
              nesc = find(s, esc, seg);
              if (nd < seg) nd = find(s, delim, seg);
              if (nlf < seg) nlf = find(s, '\n', seg);
              if (ncr < seg) ncr = find(s, '\r', seg);
              end = Math.min(nd, nlf, ncr, n);
            }
            if (end === n && !final) { incomplete = true; break outer; }
            value += s.slice(Math.min(seg, end), end);
          } else {
            if (end === n && !final) { incomplete = true; break outer; }
            value = s.slice(i, end);
          }
          i = end;
        }
        if (value.length > max) throw this.tooLarge(rec + 1, cells.length + 1);
        cells.push(nullSequence !== undefined && value === nullSequence ? null : value);
        if (cells.length > this.maxColumns) throw this.tooWide(rec + 1);
        if (i >= n) {
          out[out.length] = { rowNumber: ++rec, cells };
          break outer;
        }
        if (i === nd) {
          i += dlen;
          if (i >= n) {
            if (!final) { incomplete = true; break outer; }
            cells.push(nullSequence === '' ? null : ''); // "a,b," at EOF: a last empty cell
            out[out.length] = { rowNumber: ++rec, cells };
            break outer;
          }
          continue;
        }
        const c = s.charCodeAt(i);
        if (c === CR) {
          if (i + 1 >= n && !final) { incomplete = true; break outer; }
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else i++;
        out[out.length] = { rowNumber: ++rec, cells };
        continue outer;
      }
    }
    this.records = rec;
    if (incomplete && n - cellStart > max) throw this.tooLarge(rec + 1, 0);
    // One store for both outcomes: a chunk that ends at a record boundary is rare in a stream, and a
    // store of its own would have no type feedback when it finally runs: a deoptimisation each time.
    this.rest = incomplete ? s.slice(recStart) : '';
    if (this.rest.length > this.maxRecordChars) throw this.tooLong(rec + 1);
  }

  private unterminated(row: number, col: number): TableSourceError {
    return new TableSourceError('format-error', ...notes('source.csv.unclosed_quote', { row, col }));
  }

  private tooLarge(row: number, col: number): TableSourceError {
    const where = col > 0 ? mf('source.csv.at_cell', { row, col }) : mf('source.csv.at_row', { row });
    return new TableSourceError('format-error', ...this.inFile(notes('source.csv.cell_too_large', { where, max: this.o.maxCellChars })));
  }

  private tooLong(row: number): TableSourceError {
    return new TableSourceError('format-error', ...this.inFile(notes('source.csv.row_too_long', { row, max: this.maxRecordChars })));
  }

  private tooWide(row: number): TableSourceError {
    return new TableSourceError('format-error', ...this.inFile(notes('source.csv.row_too_wide', { row, max: this.maxColumns })));
  }

  /** Both notes led by the file name when known; else the Indonesian one capitalised. */
  private inFile([en, id]: [string, string]): [string, string] {
    if (this.o.label) return notes('source.csv.in_file', { label: this.o.label, text: { en, id } });
    return [en, `${id.charAt(0).toUpperCase()}${id.slice(1)}`];
  }
}

function find(s: string, needle: string, from: number): number {
  const k = s.indexOf(needle, from);
  return k < 0 ? NONE : k;
}
