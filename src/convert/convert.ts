/**
 * Convert one sheet (or CSV) to a clean UTF-8 CSV: the header is the field names, data rows only
 * (title, header, comment rows skipped as the dialect says), values normalised as the schema
 * describes. Streaming: rows go from the reader through csv-stringify to the file with backpressure,
 * so memory does not grow with the sheet.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { DataInvalidError } from '../errors.js';
import { compileField, INVALID } from '../schema/cast.js';
import { joinLabels } from '../validate/header.js';
import type { Dialect, Resource, Schema } from '../schema/types.js';
import { openTable } from '../table/open.js';
import type { Row } from '../table/types.js';
import { rawText, valueText } from './normalize.js';
import { msg } from '../i18n.js';

export interface ConvertResult {
  output: string;
  rows: number;
  /** Cells that did not cast with the schema and were written as they were. */
  uncast: number;
  uncastRows: number[];
}

/** Pure: which physical rows are data under a dialect (frictionless semantics). */
export function dataRowTest(dialect: Dialect | undefined): (rowNumber: number) => boolean {
  const d = dialect ?? {};
  const headerEnd = d.header === false ? 0 : Math.max(...(d.headerRows?.length ? d.headerRows : [1]));
  const comments = new Set(d.commentRows ?? []);
  return (r) => r > headerEnd && !comments.has(r);
}

/** The file's header (as validators read it) must name the schema's fields in order. */
function checkHeader(rows: Row[], schema: Schema, sourcePath: string, lang: 'id' | 'en'): void {
  const labels = joinLabels(rows.map((r) => r.cells), ' ').map((l) => l.replace(/\r?\n/g, ' '));
  const wrong: string[] = [];
  schema.fields.forEach((f, j) => {
    const l = labels[j] ?? '';
    if (l !== f.name) wrong.push(`${j + 1}: "${l}" ≠ "${f.name}"`);
  });
  rows.length = 0;
  if (schema.fieldsMatch !== undefined && schema.fieldsMatch !== 'exact') return;
  if (wrong.length) {
    const list = wrong.slice(0, 5).join('; ');
    throw new DataInvalidError(msg(lang, 'convert.refused.header_mismatch', { sourcePath, list }),
    'E_HEADER_MISMATCH');
  }
}

export async function convertResource(sourcePath: string, resource: Resource, output: string, lang: 'id' | 'en' = 'id'): Promise<ConvertResult> {
  const schema = resource.schema as Schema;
  const dialect = (typeof resource.dialect === 'object' ? resource.dialect : undefined) as Dialect | undefined;
  const fields = schema.fields.map((f) => compileField(f, schema.missingValues));
  const isData = dataRowTest(dialect);
  const table = await openTable({
    path: sourcePath,
    encoding: resource.encoding,
    dialect: { delimiter: dialect?.delimiter, sheetName: dialect?.sheetName },
  });
  const tmp = `${output}.${process.pid}.tmp`;
  const file = createWriteStream(tmp);
  // A cell holding a lone CR (or LF) must be quoted, or the CSV gains a row.
  const csv = stringify({ record_delimiter: 'unix', quoted_match: /[\r\n]/ });
  csv.pipe(file);
  const result: ConvertResult = { output, rows: 0, uncast: 0, uncastRows: [] };
  const toRecord = (row: Row): string[] =>
    fields.map((f, j) => {
      const cell = row.cells[j] ?? null;
      if (f.isMissing(cell)) return '';
      const v = f.cast(cell);
      if (v === INVALID) {
        result.uncast++;
        if (result.uncastRows.length < 10 && !result.uncastRows.includes(row.rowNumber)) result.uncastRows.push(row.rowNumber);
        return rawText(cell);
      }
      return valueText(v);
    });
  const headerRows = dialect?.header === false ? [] : (dialect?.headerRows?.length ? dialect.headerRows : [1]);
  const headerCells: Row[] = [];
  try {
    csv.write(fields.map((f) => f.name));
    for await (const batch of table.batches) {
      for (const row of batch) {
        if (headerRows.includes(row.rowNumber)) headerCells.push(row);
        if (!isData(row.rowNumber)) continue;
        // The header is checked before the first data row is written: a CSV never carries figures
        // under a name their column does not have.
        if (headerCells.length === headerRows.length && headerRows.length) checkHeader(headerCells, schema, sourcePath, lang);
        result.rows++;
        if (!csv.write(toRecord(row))) await once(csv, 'drain');
      }
    }
    csv.end();
    await once(file, 'close');
    await rename(tmp, output);
  } catch (e) {
    csv.destroy();
    file.destroy();
    await rm(tmp, { force: true });
    throw e;
  } finally {
    await table.close();
  }
  return result;
}
