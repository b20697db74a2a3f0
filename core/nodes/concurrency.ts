/** A bounded parallel map for work that goes to a shared resource such as the code sandbox. */

/** Candidates run against the sandbox at once by one node: enough to keep a small warm pool busy. @default 4 */
export const SANDBOX_CONCURRENCY = 4;

/** `items.map(fn)` with at most `limit` calls in flight; results keep the input order; the first rejection rejects. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
