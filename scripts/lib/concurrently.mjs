/**
 * Runs `run` on every item, at most `width` at a time, in order of start; resolves when all
 * have finished (rejects on the first failure).
 * @template T
 * @param {T[]} items
 * @param {number} width
 * @param {(item: T) => Promise<unknown>} run
 * @returns {Promise<void>}
 */
export async function forEachConcurrently(items, width, run) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}
