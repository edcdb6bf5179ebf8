import { createHash } from 'node:crypto';
import type { Cell, OpenedTable, Row } from '../table/types.js';
import { TableSourceError } from '../table/types.js';
import { notes } from '../i18n.js';

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/**
 * A resource with inline `data`: an array of arrays (the first is the header) or an array of objects
 * (keys of the first object are the header), as frictionless reads it.
 */
export function openInline(data: unknown): OpenedTable {
  if (!Array.isArray(data)) throw new TableSourceError('source-error', ...notes('source.inline.not_rows'));
  const rows: Row[] = [];
  if (data.length && data.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r))) {
    const keys = Object.keys(data[0] as object);
    rows.push({ rowNumber: 1, cells: keys });
    data.forEach((r, i) => rows.push({ rowNumber: i + 2, cells: keys.map((k) => toCell((r as Record<string, unknown>)[k])) }));
  } else if (data.every((r) => Array.isArray(r))) {
    data.forEach((r, i) => rows.push({ rowNumber: i + 1, cells: (r as unknown[]).map(toCell) }));
  } else {
    throw new TableSourceError('source-error', ...notes('source.inline.mixed_rows'));
  }
  const text = JSON.stringify(data);
  return {
    format: 'inline',
    dialect: {},
    batches: (async function* () {
      if (rows.length) yield rows;
    })(),
    stats: () => ({
      bytes: Buffer.byteLength(text),
      md5: createHash('md5').update(text).digest('hex'),
      sha256: createHash('sha256').update(text).digest('hex'),
    }),
    close: async () => {},
  };
}
