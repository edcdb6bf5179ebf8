/**
 * When a table's keys are checked in two passes (see ./index.ts): kept apart so a small file never
 * loads the spilling code.
 */
import { envNumber } from '../../tuning.js';

/** Estimated key-index bytes from which a local CSV file is read twice (SATUDATA_KEY_SPILL_BYTES overrides; 0 forces it for any keyed file). */
export const KEY_SPILL_BYTES = 48 << 20;

export function keySpillBytes(): number {
  return envNumber('SATUDATA_KEY_SPILL_BYTES') ?? KEY_SPILL_BYTES;
}

/** Keys one bucket may hold when resolved (SATUDATA_KEY_SPILL_BUCKET_KEYS overrides, for tests): ~20 bytes a key. */
export function bucketKeys(): number {
  const n = envNumber('SATUDATA_KEY_SPILL_BUCKET_KEYS');
  return n && n >= 1 ? Math.floor(n) : 1_000_000;
}

/**
 * Read twice when the key indexes would be too large: `rows` is estimateRows' guess (0 when unknown),
 * `slots()` the table's key slots; one index slot takes 16 bytes, at most 80% full.
 */
export function wantsKeySpill(rows: number, slots: () => number): boolean {
  const n = slots();
  return n > 0 && (rows / 0.8) * 16 * n >= keySpillBytes();
}
