/**
 * The canvas refuses an edge being drawn with the validator's own words: for each bad edge of
 * the diagnostics fixtures, `checkConnection` on the graph without that edge gives as its
 * reason exactly the message `itasca validate --json` prints for the file with it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Architecture, EdgeSpec } from "../../core/graph/schema";
import { checkConnection, type ConnectionRefusalCode } from "../../core/validation/connection";
import { ROOT } from "../helpers/architectures";
import { runCli } from "../helpers/run-cli";

const FIXTURES = join(ROOT, "tests", "fixtures", "diagnostics");
const scratch = mkdtempSync(join(tmpdir(), "itasca-connection-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface ValidateJson {
  diagnostics: { code: string; path?: string; message: string }[];
}

const readFixture = (name: string) => JSON.parse(readFileSync(join(FIXTURES, `${name}.itasca.json`), "utf8")) as Architecture;

/** `itasca validate --json` on a document: its diagnostic with `code`, by the real command. */
async function validatorSays(document: Architecture, code: string) {
  const file = join(scratch, `${code}.itasca.json`);
  writeFileSync(file, JSON.stringify(document));
  const { stdout } = await runCli(["validate", file, "--json"]);
  const diagnostic = (JSON.parse(stdout) as ValidateJson).diagnostics.find((d) => d.code === code);
  if (diagnostic === undefined) throw new Error(`itasca validate reported no ${code} for ${file}:\n${stdout}`);
  return diagnostic;
}

/** The canvas's answer for drawing `edge` into the document's graph without it. */
function canvasSays(document: Architecture, edge: EdgeSpec) {
  const graph = { nodes: document.nodes, edges: document.edges.filter((e) => e !== edge) };
  return checkConnection(graph, { source: edge.from[0], sourcePort: edge.from[1], target: edge.to[0], targetPort: edge.to[1] });
}

/** The edge a diagnostic's path points at (`edges[4]`, `edges[3].from`). */
function edgeAt(document: Architecture, path: string | undefined): EdgeSpec {
  const index = Number(/^edges\[(\d+)\]/.exec(path ?? "")?.[1]);
  const edge = document.edges[index];
  if (edge === undefined) throw new Error(`no edge at ${path}`);
  return edge;
}

describe("the canvas and itasca validate give the same reason for the same bad edge", () => {
  it.each<[string, string, ConnectionRefusalCode]>([
    ["port-type-mismatch", "port-type-mismatch", "port-type-mismatch"],
    ["cycle", "cycle", "cycle"],
    ["unknown-port", "unknown-port", "unknown-port"],
    ["dangling-edge", "dangling-edge", "unknown-node"],
  ])("%s", async (fixture, diagnosticCode, refusalCode) => {
    const document = readFixture(fixture);
    const diagnostic = await validatorSays(document, diagnosticCode);
    const refusal = canvasSays(document, edgeAt(document, diagnostic.path));
    expect(refusal).toEqual({ ok: false, code: refusalCode, reason: diagnostic.message });
  });

  it("a second edge into a single-valued input", async () => {
    const valid = readFixture("valid");
    const extra: EdgeSpec = { from: ["input-2", "query"], to: ["gen", "query"] };
    const document: Architecture = { ...valid, nodes: [...valid.nodes, { id: "input-2", type: "input", params: {}, position: { x: 0, y: 200 } }], edges: [...valid.edges, extra] };
    const diagnostic = await validatorSays(document, "too-many-edges");
    expect(canvasSays(document, extra)).toEqual({ ok: false, code: "input-occupied", reason: diagnostic.message });
  });

  it("accepts the edges of a valid file, each drawn last", () => {
    const valid = readFixture("valid");
    for (const edge of valid.edges) expect(canvasSays(valid, edge), JSON.stringify(edge)).toMatchObject({ ok: true, edge });
  });
});
