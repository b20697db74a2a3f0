import { describe, expect, it } from "vitest";
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITY, type DiagnosticCode } from "../../core/graph/diagnostics";
import { validateArchitecture } from "../../core/validation/validate";
import { fixtureNames, fixtureText, knownModels } from "./fixtures";

/** Codes a fixture may produce besides its own, because its one mistake implies them. */
const ALSO_EXPECTED: Partial<Record<DiagnosticCode, DiagnosticCode[]>> = {
  // Every non-input node has a required input, so an unreachable node is also an unconnected one.
  "node-unreachable": ["required-input-unconnected"],
};

describe("diagnostics fixtures", () => {
  it.each(DIAGNOSTIC_CODES.map((code) => [code]))("%s.itasca.json reports %s and nothing unrelated", (code) => {
    const file = `${code}.itasca.json`;
    const { diagnostics } = validateArchitecture(fixtureText(file), { knownModels, file });
    const codes = diagnostics.map((d) => d.code);
    expect(codes).toContain(code);
    const allowed = new Set<DiagnosticCode>([code, ...(ALSO_EXPECTED[code] ?? [])]);
    expect(codes.filter((c) => !allowed.has(c))).toEqual([]);
    for (const d of diagnostics) {
      expect(d.severity).toBe(DIAGNOSTIC_SEVERITY[d.code]);
      expect(d.hint.length).toBeGreaterThan(10);
      expect(d.nodeId ?? d.path).toBeDefined();
    }
  });

  it("the cycle message names every node on the cycle, in order", () => {
    const { diagnostics } = validateArchitecture(fixtureText("cycle.itasca.json"));
    const cycle = diagnostics.find((d) => d.code === "cycle");
    expect(cycle?.message).toBe("cycle: critic -> judge -> refine -> critic");
    expect(cycle?.nodeId).toBe("critic");
  });

  it("valid.itasca.json has no diagnostics, with model ids checked", () => {
    const result = validateArchitecture(fixtureText("valid.itasca.json"), { knownModels });
    expect(result.diagnostics).toEqual([]);
    expect(result.architecture?.nodes.map((n) => n.type)).toEqual(["input", "generate", "rank", "fuse", "output"]);
  });

  it("every diagnostic code has a fixture, and every fixture is named after a code", () => {
    const names = fixtureNames();
    const missing = DIAGNOSTIC_CODES.filter((code) => !names.includes(`${code}.itasca.json`));
    expect(missing, "add tests/fixtures/diagnostics/<code>.itasca.json for each new code").toEqual([]);
    const stray = names.filter((name) => name !== "valid.itasca.json" && !(DIAGNOSTIC_CODES as readonly string[]).includes(name.replace(".itasca.json", "")));
    expect(stray).toEqual([]);
  });
});
