/** The sheet names of a workbook, through the reader contract only (open by number until none is left). */
import { openTable } from '../table/open.js';
import { TableSourceError } from '../table/types.js';

export async function listSheets(path: string, max = 500): Promise<string[]> {
  const names: string[] = [];
  for (let n = 1; n <= max; n++) {
    let t;
    try {
      t = await openTable({ path, dialect: { sheetNumber: n } });
    } catch (e) {
      // Past the last sheet the reader says "does not have a sheet": that ends the list.
      if (e instanceof TableSourceError && e.type === 'format-error' && n > 1) break;
      throw e;
    }
    try {
      if (t.format !== 'xlsx' || !t.sheet) return names.length ? names : [];
      if (names.includes(t.sheet)) break;
      names.push(t.sheet);
    } finally {
      await t.close();
    }
  }
  return names;
}
