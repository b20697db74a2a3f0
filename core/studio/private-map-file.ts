/**
 * A name -> string map kept in a JSON file readable by its owner only (0600): the key stores of
 * the web studio (plain values) and the desktop app (encrypted values) both live in one.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const MODE = 0o600;

/**
 * Reads `{ [field]: { NAME: value } }`; a missing file is an empty map.
 * @param holds what the file holds, named in errors (e.g. "API keys entered in the studio")
 */
export function readPrivateMap(file: string, field: string, holds: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  // Tighten a file someone loosened by hand before reading secrets out of it.
  chmodSync(file, MODE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // Never quote the parse error: it may contain part of a key.
    throw new Error(`${file}: not valid JSON; fix or delete the file (it holds ${holds})`);
  }
  const entries = (raw as Record<string, unknown> | null)?.[field];
  if (typeof entries !== "object" || entries === null) throw new Error(`${file}: expected {"${field}": {"NAME": "value"}}`);
  return new Map(Object.entries(entries).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Writes the map via a private temp file renamed into place: never briefly readable by others, never half written. */
export function writePrivateMap(file: string, field: string, values: ReadonlyMap<string, string>): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify({ [field]: Object.fromEntries(values) }, null, 2)}\n`, { mode: MODE });
  chmodSync(temp, MODE);
  renameSync(temp, file);
  chmodSync(file, MODE);
}
