/**
 * Bounded concurrency: run `fn` over `items` with at most `limit` calls in flight, results in input
 * order. Portals are shared infrastructure; 2,000 parallel requests would be an attack, 1 at a time
 * would take minutes.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  const queue = items.entries(); // shared by the workers: each item is handed out once
  let failed = false;
  const worker = async () => {
    for (const [i, item] of queue) {
      if (failed) return;
      try {
        results[i] = await fn(item, i);
      } catch (e) {
        // Stop handing out work: the first failure decides the outcome.
        failed = true;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
