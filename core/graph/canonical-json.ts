/**
 * Deterministic JSON: object keys sorted at every depth, `undefined` fields dropped, array
 * order kept. The one definition of "the same value" for the call cache's keys and for finding
 * nodes that would make the same calls.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return inner;
  });
}
