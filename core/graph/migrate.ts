/**
 * The one migrator every load goes through, presets included (ARCHITECTURE.md section 2).
 * Migrations are data-to-data functions kept apart from validation, as in tldraw: each takes a
 * document of version N and returns it in the shape of version N + 1.
 */
import type { Diagnostic } from "./diagnostics";
import { ROOT_PATH } from "./json-path";
import { ARCHITECTURE_VERSION } from "./schema";

/** An architecture document before schema validation: any JSON object. */
export type RawDocument = Record<string, unknown>;

/**
 * Turns a document of version N into one of version N + 1. The migrator stamps the new version,
 * so a migration only reshapes the content.
 */
export type Migration = (document: RawDocument) => RawDocument;

/** Keyed by the version migrated from. */
export type MigrationTable = Readonly<Record<number, Migration>>;

/** Version 1 is the first format, so there is nothing to migrate yet. */
export const MIGRATIONS: MigrationTable = {};

export interface MigrationResult {
  /** The document at the target version; absent when it could not be brought there. */
  document?: RawDocument;
  diagnostics: Diagnostic[];
}

function unsupported(message: string, hint: string): MigrationResult {
  return { diagnostics: [{ code: "unsupported-version", severity: "error", path: "version", message, hint }] };
}

function isPlainObject(value: unknown): value is RawDocument {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Brings a parsed document to `targetVersion` by applying migrations one version at a time.
 * The input is not modified.
 *
 * @param migrations The chain, keyed by the version each step starts from. @default MIGRATIONS
 * @param targetVersion The version to reach. @default ARCHITECTURE_VERSION
 */
export function migrateArchitecture(
  raw: unknown,
  migrations: MigrationTable = MIGRATIONS,
  targetVersion: number = ARCHITECTURE_VERSION,
): MigrationResult {
  if (!isPlainObject(raw)) {
    const kind = raw === null ? "null" : Array.isArray(raw) ? "an array" : `a ${typeof raw}`;
    return {
      diagnostics: [
        {
          code: "schema-violation",
          severity: "error",
          path: ROOT_PATH,
          message: `an architecture file holds a JSON object, got ${kind}`,
          hint: 'start from { "version": 1, "name": "...", "nodes": [], "edges": [] }',
        },
      ],
    };
  }
  const version = raw["version"];
  if (version === undefined) {
    return unsupported(
      "the file has no \"version\"",
      `add "version": ${targetVersion} at the top level if the file was written for this Itasca`,
    );
  }
  if (typeof version !== "number" || !Number.isInteger(version)) {
    return unsupported(
      `"version" must be an integer, got ${JSON.stringify(version)}`,
      `set "version" to the format version the file was written in (this Itasca writes ${targetVersion})`,
    );
  }
  if (version > targetVersion) {
    return unsupported(
      `version ${version} is newer than this Itasca reads (up to ${targetVersion})`,
      "this file was written by a newer Itasca; upgrade Itasca to open it",
    );
  }
  let document: RawDocument = structuredClone(raw);
  for (let from = version; from < targetVersion; from++) {
    const migration = migrations[from];
    if (migration === undefined) {
      return unsupported(
        `version ${version} is older than any version this Itasca reads (no migration from version ${from})`,
        `open and re-save the file with an older Itasca that reads version ${version}, or recreate it at version ${targetVersion}`,
      );
    }
    document = { ...migration(document), version: from + 1 };
  }
  return { document, diagnostics: [] };
}
