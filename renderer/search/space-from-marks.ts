/**
 * A search space (core/api/search-space.ts) from the params marked searchable on the canvas:
 * the open document as the inline template, one dimension per mark (`int` or `float` for a
 * range, `bool` for both booleans, `choice` for a list). Checked with the space file's own
 * schema here, so a mistake is named before the host is asked; the host then checks the
 * dimensions against the template and probes them.
 */
import { SearchSpaceFileSchema, SEARCH_SPACE_VERSION, type DimensionInput, type SearchSpaceFileInput } from "../../core/api/search-space";
import type { Architecture } from "../../core/graph/schema";
import { markProblem, type MarkedParam, type SearchMark } from "../store/searches/search-marks";

/** A valid dimension id from any text (letters, digits, `_` and `-`, starting with a letter or `_`). */
function asId(text: string): string {
  const id = text.replace(/[^A-Za-z0-9_-]/g, "_");
  return (/^[A-Za-z_]/.test(id) ? id : `_${id}`).slice(0, 64);
}

/**
 * A dimension id for each marked param: its name (`samples`), which is what trial tables show,
 * or `<node>_<param>` (`generate_samples`) when the same param is marked on several nodes.
 */
export function dimensionIds(marked: readonly Pick<MarkedParam, "nodeId" | "param">[]): string[] {
  const count = new Map<string, number>();
  for (const { param } of marked) count.set(param, (count.get(param) ?? 0) + 1);
  const taken = new Set<string>();
  return marked.map(({ nodeId, param }) => {
    const base = asId(count.get(param) === 1 ? param : `${nodeId}_${param}`);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  });
}

/** A space name from the architecture's (materialised trials are named `<space>-<hash>`). */
export function spaceName(architectureName: string): string {
  const name = architectureName.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^-+|-+$/g, "");
  return name === "" ? "canvas" : name;
}

function dimensionOf(id: string, mark: SearchMark, address: string): DimensionInput {
  if (mark.kind === "range") {
    const range = { id, min: mark.min, max: mark.max, log: mark.log, param: address, description: address };
    return mark.integer ? { ...range, type: "int" } : { ...range, type: "float" };
  }
  const values = mark.values;
  if (values.length === 2 && values.includes(true) && values.includes(false)) return { id, type: "bool", param: address, description: address };
  return { id, type: "choice", values: [...values], param: address, description: address };
}

export type BuiltSpace = { ok: true; space: SearchSpaceFileInput; dimensions: Readonly<Record<string, string>> } | { ok: false; error: string };

/** The space of the marked params over the document; `dimensions` maps each dimension id to its `node.param`. */
export function spaceFromMarks(document: Architecture, marked: readonly MarkedParam[]): BuiltSpace {
  if (marked.length === 0) return { ok: false, error: "Mark a param searchable first: select a node and press “search” beside a number or a choice in the inspector." };
  const dimensions: DimensionInput[] = [];
  const names: Record<string, string> = {};
  const ids = dimensionIds(marked);
  for (const [i, { nodeId, param, mark }] of marked.entries()) {
    const address = `${nodeId}.${param}`;
    const problem = markProblem(mark);
    if (problem !== null) return { ok: false, error: `${address}: ${problem}` };
    const id = ids[i] as string;
    names[id] = address;
    dimensions.push(dimensionOf(id, mark, address));
  }
  const space: SearchSpaceFileInput = {
    version: SEARCH_SPACE_VERSION,
    name: spaceName(document.name),
    description: `Built in the designer from ${marked.length} searchable param${marked.length === 1 ? "" : "s"} of ${document.name}.`,
    template: document as unknown as Record<string, unknown>,
    dimensions,
  };
  const checked = SearchSpaceFileSchema.safeParse(space);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const index = typeof issue?.path[1] === "number" ? issue.path[1] : undefined;
    const where = index === undefined ? "the search space" : (dimensions[index]?.description ?? "a dimension");
    return { ok: false, error: `${where}: ${issue?.message ?? "invalid"}` };
  }
  return { ok: true, space, dimensions: names };
}
