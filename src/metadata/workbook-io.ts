/**
 * File side of the metadata Excel round trip: write the exported workbook (never over an existing
 * file without `force`), read a filled one safely, and apply its cells to a package all-or-nothing.
 */
import { existsSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { UsageError } from '../errors.js';
import { fmt, type Lang, m } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { findDatasetField, type CheckEnv } from './fields.js';
import { resolveResourceKey } from './resource-keys.js';
import { applySets } from './set.js';
import { buildMetadataWorkbook, readMetadataWorkbook, type ExportOptions } from './workbook.js';
import { defined } from '../invariant.js';

/** A metadata workbook is a few hundred rows; anything this large is not one. */
export const MAX_METADATA_WORKBOOK_BYTES = 20 << 20;

const T = {
  exists: m('metadata.workbook-io.t.exists'),
  notXlsx: m('metadata.workbook-io.t.notXlsx'),
  missing: m('metadata.workbook-io.t.missing'),
  tooBig: m('metadata.workbook-io.t.tooBig'),
  bad: m('metadata.workbook-io.t.bad'),
  badHint: m('metadata.workbook-io.t.badHint'),
};

export async function exportMetadata(pkg: DataPackage, file: string, o: ExportOptions & { force?: boolean }): Promise<{ datasetFields: number; columns: number }> {
  if (existsSync(file) && !o.force) throw new UsageError(fmt(T.exists[o.lang], { file }), undefined, 'E_EXISTS');
  const wb = buildMetadataWorkbook(pkg, o);
  await wb.xlsx.writeFile(file);
  return { datasetFields: defined(wb.getWorksheet('Dataset'), 'the Dataset sheet').rowCount - 1, columns: defined(wb.getWorksheet('Kolom'), 'the Kolom sheet').rowCount - 1 };
}

/**
 * Read `file` and apply its cells to `pkg` in place, only when every cell is valid; otherwise throw a
 * UsageError (exit 2) naming each bad cell. Returns the canonical keys that were set.
 */
export async function importMetadata(pkg: DataPackage, file: string, lang: Lang, env: CheckEnv = {}): Promise<string[]> {
  if (!existsSync(file)) throw new UsageError(fmt(T.missing[lang], { file }));
  const size = statSync(file).size;
  if (size > MAX_METADATA_WORKBOOK_BYTES) throw new UsageError(fmt(T.tooBig[lang], { file, mb: (size / 1e6).toFixed(1) }));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new UsageError(fmt(T.notXlsx[lang], { file, reason: String((e as Error)?.message ?? e).slice(0, 200) }));
  }
  const read = readMetadataWorkbook(wb, pkg, lang);
  const problems = [...read.problems];
  // A cell that still shows the current value changes nothing (list answers such as sources are
  // joined with ", " on export and would otherwise be split again).
  const changed = read.assignments.filter((a) => a.value !== currentText(pkg, a.key));
  // Each cell is checked on its own copy so every bad cell is named, not only the first.
  for (const a of changed) {
    const r = applySets(structuredClone(pkg), [`${a.key}=${a.value}`], env);
    for (const p of r.problems) problems.push(`${a.cell}: ${p[lang]}`);
  }
  if (problems.length) {
    throw new UsageError(`${fmt(T.bad[lang], { n: problems.length, file })}\n  - ${problems.join('\n  - ')}`, fmt(T.badHint[lang], { file }), 'E_METADATA_IMPORT');
  }
  return applySets(pkg, changed.map((a) => `${a.key}=${a.value}`), env).applied;
}

function currentText(pkg: DataPackage, key: string): string | undefined {
  if (/^resources\./.test(key)) {
    const t = resolveResourceKey(pkg, key);
    return 'error' in t ? undefined : t.read();
  }
  return findDatasetField(key)?.read(pkg);
}
