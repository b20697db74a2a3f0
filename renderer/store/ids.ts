/**
 * Node ids for new and pasted nodes: readable (`generate`, `generate-2`), valid for the file
 * schema, and never equal to an id already in the graph.
 */

/** `rank-3` -> `rank`: the stem a copy of a node is numbered from. */
export function idStem(id: string): string {
  const stem = id.replace(/-\d+$/, "");
  return stem === "" ? "node" : stem;
}

/**
 * `stem` when it is free, else `stem-2`, `stem-3`, ... The chosen id is added to `taken`, so
 * several calls in one edit never collide with each other.
 */
export function freshNodeId(stem: string, taken: Set<string>): string {
  const base = stem.replace(/[^A-Za-z0-9_.-]/g, "-") || "node";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
