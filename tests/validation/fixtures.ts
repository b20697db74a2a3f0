/** Reading the diagnostics fixtures: files, so each case can also be opened and edited by hand. */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Architecture } from "../../core/graph/schema";

export const FIXTURE_DIR = join(import.meta.dirname, "..", "fixtures", "diagnostics");

export function fixtureText(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), "utf8");
}

export function fixtureNames(): string[] {
  return readdirSync(FIXTURE_DIR).filter((name) => name.endsWith(".itasca.json")).sort();
}

/** A fresh copy of the valid fixture, to change one thing per test. */
export function validArchitecture(): Architecture {
  return JSON.parse(fixtureText("valid.itasca.json")) as Architecture;
}

/** The model ids the tests treat as registered. */
export const KNOWN_MODELS: ReadonlySet<string> = new Set(["local/stories260k"]);
export const knownModels = (id: string): boolean => KNOWN_MODELS.has(id);
