import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrateArchitecture, type MigrationTable } from "../../core/graph/migrate";
import { ARCHITECTURE_VERSION } from "../../core/graph/schema";
import { fixtureText, validArchitecture } from "../validation/fixtures";

describe("migrateArchitecture", () => {
  it("passes a current-version document through unchanged, as a copy", () => {
    const raw = validArchitecture();
    const { document, diagnostics } = migrateArchitecture(raw);
    expect(diagnostics).toEqual([]);
    expect(document).toEqual(raw);
    expect(document).not.toBe(raw);
  });

  it("has no migrations yet: version 1 is the first format", () => {
    expect(ARCHITECTURE_VERSION).toBe(1);
    expect(Object.keys(MIGRATIONS)).toEqual([]);
  });

  it("applies an injected chain one version at a time and stamps each version", () => {
    const seen: number[] = [];
    const chain: MigrationTable = {
      1: (doc) => {
        seen.push(doc["version"] as number);
        // v2 renamed "title" to "name"
        const { title, ...rest } = doc;
        return { ...rest, name: title };
      },
      2: (doc) => {
        seen.push(doc["version"] as number);
        return { ...doc, edges: [] };
      },
    };
    const raw = { version: 1, title: "old", nodes: [] };
    const { document, diagnostics } = migrateArchitecture(raw, chain, 3);
    expect(diagnostics).toEqual([]);
    expect(seen).toEqual([1, 2]);
    expect(document).toEqual({ version: 3, name: "old", nodes: [], edges: [] });
    expect(raw).toEqual({ version: 1, title: "old", nodes: [] });
  });

  it("starts the chain at the document's version", () => {
    const chain: MigrationTable = { 1: () => ({ step: 1 }), 2: (doc) => ({ ...doc, step2: true }) };
    expect(migrateArchitecture({ version: 2 }, chain, 3).document).toEqual({ version: 3, step2: true });
  });

  it("reports a gap in the chain as unsupported-version", () => {
    const { document, diagnostics } = migrateArchitecture({ version: 0 }, {}, 1);
    expect(document).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: "unsupported-version", severity: "error", path: "version" }]);
    expect(diagnostics[0]?.message).toContain("no migration from version 0");
  });

  it.each([
    ["missing", {}, 'no "version"'],
    ["a string", { version: "1" }, "must be an integer"],
    ["a fraction", { version: 1.5 }, "must be an integer"],
  ])("reports a %s version", (_label, raw, text) => {
    const { diagnostics } = migrateArchitecture(raw);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "unsupported-version", severity: "error" });
    expect(diagnostics[0]?.message).toContain(text);
  });

  it("tells the user to upgrade for a file from a newer Itasca", () => {
    const { diagnostics } = migrateArchitecture(JSON.parse(fixtureText("unsupported-version.itasca.json")));
    expect(diagnostics[0]?.code).toBe("unsupported-version");
    expect(diagnostics[0]?.message).toContain("version 2 is newer");
    expect(diagnostics[0]?.hint).toContain("newer Itasca; upgrade");
  });

  it.each([[null], [[]], ["text"], [3]])("reports %j as a schema violation, not a version problem", (raw) => {
    const { document, diagnostics } = migrateArchitecture(raw);
    expect(document).toBeUndefined();
    expect(diagnostics).toMatchObject([{ code: "schema-violation", path: "$" }]);
  });
});
