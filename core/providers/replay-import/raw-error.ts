/**
 * A raw data file that a replay converter cannot read: the CLI reports it as invalid input
 * (exit 1) naming the file, rather than as an internal error.
 */
export class RawFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RawFormatError";
  }
}

/** A zod issue path as `[3].ys`-style text, for messages about raw files. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(top level)";
}
