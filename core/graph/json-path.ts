/**
 * JSON paths in diagnostics (`nodes[2].params.samples`): what a user can follow in the file.
 */

/** The path of the whole document. */
export const ROOT_PATH = "$";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Appends segments to a path: numbers become `[i]`, identifier-like keys `.key`, other keys
 * `["some key"]`, so the result stays unambiguous for keys with dots or spaces.
 */
export function joinJsonPath(base: string, segments: readonly PropertyKey[]): string {
  let path = base === ROOT_PATH ? "" : base;
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else if (typeof segment === "string" && IDENTIFIER.test(segment)) path += path === "" ? segment : `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path === "" ? ROOT_PATH : path;
}

/** `formatJsonPath(["nodes", 2, "position", "x"])` is `nodes[2].position.x`; `[]` is `$`. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  return joinJsonPath(ROOT_PATH, segments);
}

/** The value at a path below `root`, or `undefined` when the path leaves the data. */
export function valueAtPath(root: unknown, segments: readonly PropertyKey[]): unknown {
  let value = root;
  for (const segment of segments) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}
