/**
 * The environment variables that tune reading (threads, sizes; mostly for tests and benchmarks), read
 * one way everywhere: a number >= 0, or undefined when unset, blank or not such a number.
 */
import { availableParallelism } from 'node:os';

export function envNumber(name: string): number | undefined {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Threads a table may use: SATUDATA_THREADS, else the cores Node may use. */
export function tableThreads(): number {
  return Math.floor(envNumber('SATUDATA_THREADS') ?? availableParallelism());
}
