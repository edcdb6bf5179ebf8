/**
 * File side of the metadata Excel round trip: write the exported workbook (never over an existing
 * file without `force`), read a filled one safely, and apply its cells to a package all-or-nothing.
 */
import { existsSync, statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { UsageError } from '../errors.js';
import { fmt, type Lang } from '../i18n.js';
import type { DataPackage } from '../schema/types.js';
import { findDatasetField, type CheckEnv } from './fields.js';
import { resolveResourceKey } from './resource-keys.js';
import { applySets } from './set.js';
import { buildMetadataWorkbook, readMetadataWorkbook, type ExportOptions } from './workbook.js';

/** A metadata workbook is a few hundred rows; anything this large is not one. */
export const MAX_METADATA_WORKBOOK_BYTES = 20 << 20;

const T = {
  exists: {
    id: 'Berkas {file} sudah ada; tidak ditimpa. Pakai nama lain atau tambahkan --force untuk menimpanya.',
    en: '{file} already exists and was not overwritten. Choose another name or add --force to replace it.',
  },
  notXlsx: {
    id: 'Berkas {file} tidak bisa dibaca sebagai buku kerja Excel (.xlsx): {reason}. Pakai berkas hasil "satudata metadata --export metadata.xlsx" yang disimpan dari Excel sebagai .xlsx.',
    en: '{file} cannot be read as an Excel workbook (.xlsx): {reason}. Use the file made by "satudata metadata --export metadata.xlsx", saved from Excel as .xlsx.',
  },
  missing: { id: 'Berkas {file} tidak ada.', en: '{file} does not exist.' },
  tooBig: { id: 'Berkas {file} terlalu besar untuk buku kerja metadata ({mb} MB; paling besar 20 MB).', en: '{file} is too large for a metadata workbook ({mb} MB; at most 20 MB).' },
  bad: { id: 'Tidak ada yang ditulis: {n} isian di {file} perlu diperbaiki:', en: 'Nothing was written: {n} cell(s) of {file} need fixing:' },
  badHint: { id: 'Perbaiki sel-sel itu di Excel, simpan, lalu jalankan lagi "satudata metadata --import {file}".', en: 'Fix those cells in Excel, save, and run "satudata metadata --import {file}" again.' },
};

export async function exportMetadata(pkg: DataPackage, file: string, o: ExportOptions & { force?: boolean }): Promise<{ datasetFields: number; columns: number }> {
  if (existsSync(file) && !o.force) throw new UsageError(fmt(T.exists[o.lang], { file }), undefined, 'E_EXISTS');
  const wb = buildMetadataWorkbook(pkg, o);
  await wb.xlsx.writeFile(file);
  return { datasetFields: wb.getWorksheet('Dataset')!.rowCount - 1, columns: wb.getWorksheet('Kolom')!.rowCount - 1 };
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
