/**
 * A row worker: parses, casts and checks the rows of the chunks it is given, and sends back their
 * errors (numbered within the chunk) and the fingerprints of their keys, which the main thread adds to
 * the key indexes in row order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSchema } from '../../schema/cast.js';
import { TableSourceError } from '../../table/types.js';
import { errorChars } from '../error-budget.js';
import { isCommentRow } from '../header.js';
import { KeyIndex } from '../key-index.js';
import { mapFields } from '../labels.js';
import { RowChecker } from '../row-checker.js';
import type { ReportError } from '../types.js';
import { parseChunk, UnsafeChunk, type ChunkRange } from './chunk.js';
import { growArrays, type ChunkResult, type RowArrays, type RowFinding, type ToWorker, type WorkerSetup } from './protocol.js';

const setup = workerData as WorkerSetup;
const fields = compileSchema(setup.schema);
const mapping = mapFields(setup.schema, fields, setup.labels, setup.noLabels);
const fks = setup.foreignKeys.map((fk) => ({ ...fk, lookup: KeyIndex.fromShared(fk.lookup) }));
const checker = new RowChecker(setup.schema, mapping, false, fks, 0);
const slots = checker.keySlots;
const layout = setup.layout;

function runChunk(range: ChunkRange, into: RowArrays): ChunkResult {
  let { rns, status, hashes } = into;
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
        ({ rns, status, hashes } = growArrays({ rns, status, hashes }, cap, slots));
      }
      rns[j] = rn;
      checker.checkDeferred(row, pre, post, status, hashes, j * slots);
      j++;
      if (truncated) return false;
    }
    return true;
  });
  return {
    ok: true,
    index: range.index,
    records,
    dataRows: j,
    arrays: { rns, status, hashes },
    findings,
    truncated,
  };
}

parentPort!.on('message', (msg: ToWorker) => {
  let result: ChunkResult;
  try {
    result = runChunk(msg.chunk, msg.arrays);
  } catch (e) {
    if (!(e instanceof UnsafeChunk || e instanceof TableSourceError)) throw e;
    result = { ok: false, index: msg.chunk.index, reason: e.message };
  }
  parentPort!.postMessage(result);
});
