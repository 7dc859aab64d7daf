/**
 * Runs `work` on every item with at most `limit` running at once. Loading a blueprint of a
 * thousand contracts at once held every contract's files, parsed documents and validator state in
 * memory together (1.2 GB); a few at a time keep the reads overlapping and memory flat.
 */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
