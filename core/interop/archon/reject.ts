/**
 * A config the import cannot turn into an architecture. Thrown inside the import and caught once
 * at its entry point, which turns it into `{ ok: false, reason }`; it never escapes to callers.
 */
export class ArchonRejection extends Error {
  constructor(
    /** The JSON path of the offending value, e.g. `layers[2][0].model`. */
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "ArchonRejection";
  }
}

/** Whether a value is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
