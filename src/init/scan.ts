/**
 * The data files already in a folder that init describes as resources: CSV, TSV and XLSX, a few
 * levels deep, skipping hidden folders, node_modules and Excel's "~$" lock files.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

const DATA_EXT = new Set(['.csv', '.tsv', '.xlsx']);
const SKIP_DIRS = new Set(['node_modules', 'dist']);

/** Paths relative to `dir`, with "/" separators (datapackage paths are POSIX), sorted. */
export async function findDataFiles(dir: string, maxDepth = 3): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string, depth: number): Promise<void> {
    const entries = await fs.readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name.startsWith('~$')) continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < maxDepth && !SKIP_DIRS.has(e.name)) await walk(childRel, depth + 1);
      } else if (e.isFile() && DATA_EXT.has(path.extname(e.name).toLowerCase())) {
        out.push(childRel);
      }
    }
  }
  await walk('', 1);
  return out.sort((a, b) => a.localeCompare(b));
}
