/**
 * Reads whose presence the code has already established: an index inside a loop's bounds or after a
 * length check, a regex group that always takes part in the match, a map key the code itself set.
 * Under `noUncheckedIndexedAccess` such a read is typed `T | undefined`; these helpers narrow it with a
 * check instead of a `!` that assures nothing, so a broken invariant fails here, loudly (an internal
 * error, exit 3), instead of letting `undefined` travel on. Element types that may hold `undefined`
 * are refused by the type parameter: handle those reads with `??` or a check.
 */
export function at<T extends {} | null>(items: ArrayLike<T>, index: number): T {
  const value = items[index];
  if (value === undefined) throw new Error(`invariant broken: no element at index ${index} (length ${items.length})`);
  return value;
}

/** A value the code knows is set (a map entry it just filled, a field an earlier check required). */
export function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`invariant broken: ${what} is missing`);
  return value;
}
