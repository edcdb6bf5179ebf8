/**
 * Which worker threads `satudata validate` of some targets will likely ask for, guessed from file
 * sizes before anything is checked, so they can start while the command's modules load (see
 * ../warm-threads.ts). Only a guess: the readers still decide from the table itself (wantsParallel,
 * wantsSheetThread), and a thread nobody takes is terminated at the end. It reads no data, only
 * stats files and reads a small descriptor; paths in a descriptor go through resolvePackagePath, as
 * when they are validated.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { resolvePackagePath } from '../package-path.js';
import { resolveFormat } from '../table/format.js';
import { envNumber, tableThreads } from '../tuning.js';
import { ROW_THREAD, parallelMinBytes } from './parallel/eligible.js';
import { SHEET_GUESS_MIN_BYTES, SHEET_THREAD, SHEET_THREAD_MAX_BYTES } from '../table/xlsx-thread-choice.js';
import { releaseWarm, warm } from '../warm-threads.js';

/** A descriptor larger than this is not read for a guess. */
const DESCRIPTOR_MAX_BYTES = 1 << 20;
/** Files looked at, at most (a folder of thousands of files is not stat-ed for a guess). */
const MAX_FILES = 200;

export interface WarmGuess {
  /** Row workers for a large CSV file (parallel/). */
  rows: boolean;
  /** A sheet thread for a large workbook (table/xlsx-thread.ts). */
  sheet: boolean;
}

interface Candidate {
  abs: string;
  kind: 'csv' | 'xlsx' | undefined;
}

function kindOf(file: string, format?: unknown): Candidate['kind'] {
  const f = resolveFormat(file, typeof format === 'string' ? format : undefined);
  return f === 'csv' || f === 'tsv' ? 'csv' : f === 'xlsx' ? 'xlsx' : undefined;
}

function sizeOf(p: string): number | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The local tables a descriptor names (single-file paths only: a multipart CSV is read on one thread). */
function fromDescriptor(file: string): Candidate[] {
  const bytes = sizeOf(file);
  if (bytes === undefined || bytes > DESCRIPTOR_MAX_BYTES) return [];
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const resources = (pkg as { resources?: unknown } | null)?.resources;
  if (!Array.isArray(resources)) return [];
  const out: Candidate[] = [];
  for (const r of resources.slice(0, MAX_FILES)) {
    const { path: p, format } = (r ?? {}) as { path?: unknown; format?: unknown };
    if (typeof p !== 'string') continue;
    const verdict = resolvePackagePath(p, path.dirname(file));
    if (verdict.ok && verdict.exists) out.push({ abs: verdict.absolute, kind: kindOf(p, format) });
  }
  return out;
}

function candidates(cwd: string, targets: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const target of targets.length ? targets : ['.']) {
    if (/^https?:\/\//i.test(target)) continue;
    const abs = path.resolve(cwd, target);
    if (isDir(abs)) {
      const dp = path.join(abs, 'datapackage.json');
      if (sizeOf(dp) !== undefined) out.push(...fromDescriptor(dp));
      else {
        let names: string[] = [];
        try {
          names = readdirSync(abs).slice(0, MAX_FILES);
        } catch {
          // not readable: validate says so
        }
        for (const f of names) out.push({ abs: path.join(abs, f), kind: kindOf(f) });
      }
    } else if (path.extname(abs).toLowerCase() === '.json') out.push(...fromDescriptor(abs));
    else out.push({ abs, kind: kindOf(abs) });
    if (out.length >= MAX_FILES) break;
  }
  return out.slice(0, MAX_FILES);
}

/** What the targets will likely want (nothing on one core, or when --limit-rows reads only their start). */
export function guessThreads(cwd: string, targets: string[], limitRows?: number): WarmGuess {
  const guess: WarmGuess = { rows: false, sheet: false };
  if (tableThreads() < 2 || limitRows !== undefined) return guess;
  for (const c of candidates(cwd, targets)) {
    if (!c.kind || (c.kind === 'csv' ? guess.rows : guess.sheet)) continue;
    const bytes = sizeOf(c.abs);
    if (bytes === undefined) continue;
    if (c.kind === 'csv') guess.rows = bytes >= parallelMinBytes();
    else guess.sheet = bytes >= (envNumber('SATUDATA_PARALLEL_MIN_BYTES') ?? SHEET_GUESS_MIN_BYTES) && bytes <= SHEET_THREAD_MAX_BYTES;
    if (guess.rows && guess.sheet) break;
  }
  return guess;
}

/** Start the threads `validate` of these targets will likely want; `release` ends those nobody took. */
export function warmForValidate(cwd: string, targets: string[], limitRows?: number): { guess: WarmGuess; release: () => Promise<void> } {
  const guess = guessThreads(cwd, targets, limitRows);
  if (guess.rows) warm(ROW_THREAD, tableThreads() - 1);
  if (guess.sheet) warm(SHEET_THREAD, 1);
  return { guess, release: releaseWarm };
}
