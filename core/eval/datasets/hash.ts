/** The dataset hash an evaluation records: SHA-256 of the file's bytes, hex. */
import { createHash } from "node:crypto";

export function hashBytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
