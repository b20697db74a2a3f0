/** Reads a text fixture from tests/fixtures. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function readFixture(relativePath: string): string {
  return readFileSync(fileURLToPath(new URL(`../fixtures/${relativePath}`, import.meta.url)), "utf8");
}
