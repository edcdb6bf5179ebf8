/**
 * Parses, casts and checks the rows of one chunk (in a worker thread, or on the main thread, which
 * takes its share of the chunks): their errors, numbered within the chunk, and the fingerprints of
 * their keys, which the main thread adds to the key indexes in row order.
 */
import { compileSchema } from '../../schema/cast.js';
import { TableSourceError } from '../../table/types.js';
import { warmParser } from '../../table/csv-parser.js';
import { errorChars } from '../error-budget.js';
import { isCommentRow } from '../header.js';
import { KeyIndex } from '../key-index.js';
import { mapFields } from '../labels.js';
import { RowChecker } from '../row-checker.js';
import type { ReportError } from '../types.js';
import { parseChunk, UnsafeChunk, type ChunkRange } from './chunk.js';
import { failedResult, growArrays, okResult, type ChunkResult, type RowArrays, type RowFinding, type WorkerSetup } from './protocol.js';

export class ChunkChecker {
  private readonly checker: RowChecker;

  constructor(private readonly setup: WorkerSetup) {
    const fields = compileSchema(setup.schema);
    const mapping = mapFields(setup.schema, fields, setup.labels, setup.noLabels);
    const fks = setup.foreignKeys.map((fk) => ({ ...fk, lookup: KeyIndex.fromShared(fk.lookup) }));
    this.checker = new RowChecker(setup.schema, mapping, false, fks, 0);
    warmParser(setup.popts); // chunks are ~1 MiB: see warmParser
  }

  /** The chunk's result; `ok: false` when it cannot be proven to parse as in one pass (or does not parse). */
  run(range: ChunkRange, into: RowArrays): ChunkResult {
    try {
      return this.check(range, into);
    } catch (e) {
      if (!(e instanceof UnsafeChunk || e instanceof TableSourceError)) throw e;
      return failedResult(range.index, e.message);
    }
  }

  private check(range: ChunkRange, into: RowArrays): ChunkResult {
    const { setup, checker } = this;
    const slots = checker.keySlots;
    const layout = setup.layout;
    let { rns, status, hashes, nums, heads } = into;
    let cap = rns.length;
    const findings: RowFinding[] = [];
    let j = 0;
    let errorText = 0;
    let truncated = false;
    const note = (post: boolean) => (e: ReportError) => {
      findings.push({ j, post, e });
      errorText += errorChars(e);
      if (findings.length >= setup.limitErrors || errorText > setup.reportChars) truncated = true;
    };
    const pre = note(false);
    const post = note(true);
    const records = parseChunk(setup.path, range, setup.encoding, setup.popts, (rows) => {
      for (const row of rows) {
        const rn = row.rowNumber;
        if (range.index === 0 && rn <= layout.headerEnd) continue;
        if (isCommentRow(layout, rn, row.cells)) continue;
        if (j === cap) {
          cap *= 2;
          ({ rns, status, hashes, nums, heads } = growArrays({ rns, status, hashes, nums, heads }, cap, slots));
        }
        rns[j] = rn;
        if (setup.keysOnly) checker.keyFingerprints(row, status, hashes, j * slots);
        else checker.checkDeferred(row, pre, post, status, hashes, j * slots, nums, heads);
        j++;
        if (truncated) return false;
      }
      return true;
    });
    return okResult(range.index, records, j, { rns, status, hashes, nums, heads }, findings, truncated);
  }
}
