/** The Archon fixtures (tests/fixtures/archon): configs, the expected outcome of each, golden DAGs. */
import { readdirSync, readFileSync } from "node:fs";
import type { ArchonWarningCode } from "../../../core/interop/archon";
import { ROOT } from "../../helpers/architectures";

export const ARCHON_DIR = `${ROOT}tests/fixtures/archon/`;
export const CONFIG_DIR = `${ARCHON_DIR}configs/`;
export const GOLDEN_DIR = `${ARCHON_DIR}golden/`;

export interface Expected {
  status: "imported" | "warned" | "rejected";
  codes?: ArchonWarningCode[];
  /** Present when the round trip is not the identity, with the reason. */
  roundTrip?: string;
}

export const EXPECTED = JSON.parse(readFileSync(`${ARCHON_DIR}expected.json`, "utf8")) as Record<string, Expected>;

/** The config files the importer reads from the directory (not NOTES.txt, not nested/). */
export const CONFIG_FILES = readdirSync(CONFIG_DIR, { withFileTypes: true })
  .filter((e) => e.isFile() && e.name.endsWith(".json"))
  .map((e) => e.name)
  .sort();

export function readConfig(file: string): string {
  return readFileSync(`${CONFIG_DIR}${file}`, "utf8");
}

export function filesWith(status: Expected["status"]): string[] {
  return CONFIG_FILES.filter((f) => EXPECTED[f]?.status === status);
}

/** `readme-basic.json` -> `readme-basic.itasca.json` */
export function goldenName(file: string): string {
  return file.replace(/\.json$/, ".itasca.json");
}
