/**
 * Checks of a space's dimensions against its template: every node and param a dimension
 * names exists and accepts the dimension's values, conditions refer to earlier dimensions and
 * test values the parent can take, repeated chains are chains, and the ids copies and clones
 * get are free. Each problem names the dimension's JSON path, the node and param, and the fix.
 */
import { choiceOptions, conditionsOf, subsetOptions, type Condition } from "../../api/search-space";
import type { Architecture, NodeSpec } from "../../graph/schema";
import { didYouMean, quoteList } from "../../graph/suggest";
import { choiceValues, dimensionLevels, subsetValues, valueProblem } from "./config";
import type { SpaceIssue } from "./errors";
import { cloneIds, copyId, definitionOf, inputsOfType, outputsOfType } from "./graph-edit";
import { nodeList, splitAddress } from "./materialize";
import type { Dimension } from "./types";

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** Node types a space may not switch off, copy or clone: a run needs exactly these. */
const FIXED_TYPES = new Set(["input", "output"]);

interface CheckContext {
  template: Architecture;
  nodes: Map<string, NodeSpec>;
  issues: SpaceIssue[];
}

function at(index: number, ...rest: (string | number)[]): string {
  return `dimensions[${index}]${rest.map((r) => (typeof r === "number" ? `[${r}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(r) ? `.${r}` : `[${JSON.stringify(r)}]`)).join("")}`;
}

function nodeHint(context: CheckContext, id: string): string {
  return `${didYouMean(id, context.nodes.keys())}the template's nodes are ${quoteList(context.nodes.keys())}`;
}

/** The node, or an issue naming the dimension and the missing node. */
function findNode(context: CheckContext, dimension: Dimension, id: string, path: string, role: string): NodeSpec | undefined {
  const node = context.nodes.get(id);
  if (node === undefined) context.issues.push({ path, message: `dimension "${dimension.id}" ${role} node "${id}", but the template has no node "${id}"`, hint: nodeHint(context, id) });
  return node;
}

function findFixed(context: CheckContext, dimension: Dimension, node: NodeSpec, path: string, what: string): boolean {
  if (!FIXED_TYPES.has(node.type)) return false;
  context.issues.push({ path, message: `dimension "${dimension.id}" would ${what} node "${node.id}", an ${node.type} node`, hint: `every architecture needs its ${node.type} node; ${what} the nodes between input and output instead` });
  return true;
}

/** Checks that `address` names an existing node and param, and that the param accepts each value. */
function checkParam(context: CheckContext, dimension: Dimension, address: string, values: readonly unknown[], path: string, role = "sets"): void {
  const [nodeId, param] = splitAddress(address);
  const node = findNode(context, dimension, nodeId, path, `${role} "${address}" on`);
  if (node === undefined) return;
  const definition = definitionOf(node);
  if (definition === undefined) return; // the template's own diagnostics name the unknown type
  const shape = (definition.params as { shape: Record<string, { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }> }).shape;
  const field = Object.hasOwn(shape, param) ? shape[param] : undefined;
  if (field === undefined) {
    const params = Object.keys(shape);
    context.issues.push({
      path,
      message: `dimension "${dimension.id}" ${role} "${address}", but node "${nodeId}" (${node.type}) has no param "${param}"`,
      hint: `${didYouMean(param, params)}${node.type} params are ${params.length === 0 ? "none" : quoteList(params)}`,
    });
    return;
  }
  for (const value of values) {
    const result = field.safeParse(value);
    if (result.success) continue;
    context.issues.push({
      path,
      message: `dimension "${dimension.id}": ${show(value)} is not a valid value of ${node.type} param "${param}" on node "${nodeId}": ${result.error?.issues[0]?.message ?? "rejected by the node's schema"}`,
      hint: `keep the dimension's values within what ${node.type}.${param} accepts (\`itasca nodes\` lists the ranges)`,
    });
    return;
  }
}

/** The values a dimension may apply: its levels, or its ends for large ranges, plus its default. */
function appliedValues(dimension: Dimension): unknown[] {
  const levels = dimension.type === "int" || dimension.type === "float" ? [dimension.min, dimension.max] : dimension.type === "subset" ? subsetValues(dimension) : (dimensionLevels(dimension) ?? []);
  return dimension.default === undefined || dimension.type === "subset" ? levels : [...levels, dimension.default];
}

function checkCondition(context: CheckContext, dimensions: readonly Dimension[], index: number, condition: Condition, path: string): void {
  const dimension = dimensions[index] as Dimension;
  const parentIndex = dimensions.findIndex((d) => d.id === condition.dimension);
  const parent = dimensions[parentIndex];
  if (parent === undefined) {
    context.issues.push({ path, message: `dimension "${dimension.id}" is conditional on "${condition.dimension}", which is not a dimension of this space`, hint: `${didYouMean(condition.dimension, dimensions.map((d) => d.id))}"when" names an earlier dimension's id` });
    return;
  }
  if (parentIndex >= index) {
    const message = parentIndex === index ? `dimension "${dimension.id}" is conditional on itself` : `dimension "${dimension.id}" is conditional on "${parent.id}", which comes after it`;
    const hint = parentIndex === index ? "make it conditional on an earlier dimension, or drop the condition" : `move "${parent.id}" before "${dimension.id}" in "dimensions": a condition refers to an earlier dimension`;
    context.issues.push({ path, message, hint });
    return;
  }
  const numeric = parent.type === "int" || parent.type === "float" || (parent.type === "choice" && choiceValues(parent).every((v) => typeof v === "number"));
  if ((condition.min !== undefined || condition.max !== undefined) && !numeric) {
    context.issues.push({ path, message: `"min"/"max" test a number, but "${parent.id}" is a ${parent.type} dimension`, hint: parent.type === "subset" ? `use "contains"` : `use "equals" or "in"` });
  }
  if (condition.contains !== undefined) {
    if (parent.type !== "subset") context.issues.push({ path, message: `"contains" tests a subset, but "${parent.id}" is a ${parent.type} dimension`, hint: `use "equals" or "in"` });
    else if (!subsetValues(parent).includes(condition.contains)) context.issues.push({ path, message: `"${parent.id}" never contains ${show(condition.contains)}`, hint: `use one of its values: ${subsetValues(parent).map(show).join(", ")}` });
  }
  const tested = condition.equals !== undefined ? [condition.equals] : (condition.in ?? []);
  if (tested.length > 0 && parent.type === "subset") context.issues.push({ path, message: `"${parent.id}" is a subset; "equals"/"in" cannot test it`, hint: `use "contains"` });
  else for (const value of tested) {
    const problem = valueProblem(parent, value);
    if (problem !== undefined) context.issues.push({ path, message: `the condition tests "${parent.id}" for ${show(value)}, a value it never takes (it ${problem})`, hint: `test one of the values "${parent.id}" takes` });
  }
}

/** The chain's shape: each node's candidates feed the next; only the last feeds nodes outside the chain. */
function checkChain(context: CheckContext, dimension: Dimension, chain: readonly string[], path: string): void {
  const nodes = chain.map((id) => findNode(context, dimension, id, path, "repeats"));
  if (nodes.some((n) => n === undefined)) return;
  if ((nodes as NodeSpec[]).some((n) => findFixed(context, dimension, n, path, "repeat"))) return;
  const first = nodes[0] as NodeSpec;
  const last = nodes[nodes.length - 1] as NodeSpec;
  if (new Set(chain).size !== chain.length) {
    context.issues.push({ path, message: `dimension "${dimension.id}" lists a node twice in its repeated chain`, hint: "list each node of the chain once, in flow order" });
    return;
  }
  if (inputsOfType(definitionOf(first), "candidates").length === 0 || outputsOfType(definitionOf(last), "candidates").length === 0) {
    context.issues.push({ path, message: `dimension "${dimension.id}" repeats ${show(chain)}, which does not take and give candidates (${first.type} -> ${last.type})`, hint: "repeat nodes that pass candidates on, e.g. fuse, or critique, rank and fuse" });
    return;
  }
  const edges = context.template.edges;
  for (let i = 0; i + 1 < chain.length; i++) {
    const from = nodes[i] as NodeSpec;
    const to = nodes[i + 1] as NodeSpec;
    const linked = edges.some((e) => e.from[0] === from.id && e.to[0] === to.id && definitionOf(from)?.outputs[e.from[1]]?.type === "candidates" && definitionOf(to)?.inputs[e.to[1]]?.type === "candidates");
    if (!linked) {
      context.issues.push({ path, message: `dimension "${dimension.id}" repeats ${show(chain)}, but "${from.id}" does not feed its candidates to "${to.id}"`, hint: `list the chain in flow order, or connect ${from.id}.candidates -> ${to.id}.candidates in the template` });
      return;
    }
  }
  const inChain = new Set(chain);
  const leak = edges.find((e) => inChain.has(e.from[0]) && e.from[0] !== last.id && !inChain.has(e.to[0]));
  if (leak !== undefined) {
    context.issues.push({ path, message: `dimension "${dimension.id}" repeats ${show(chain)}, but "${leak.from[0]}" (not the last of the chain) also feeds "${leak.to[0]}" outside it`, hint: `only the last node of a repeated chain ("${last.id}") may feed nodes outside it` });
  }
}

function checkEnable(context: CheckContext, dimension: Dimension, ids: readonly string[], path: string): void {
  for (const id of ids) {
    const node = findNode(context, dimension, id, path, "switches");
    if (node !== undefined) findFixed(context, dimension, node, path, "switch off");
  }
}

function checkIdFree(context: CheckContext, dimension: Dimension, ids: readonly string[], path: string, what: string): void {
  for (const id of ids) {
    if (!context.nodes.has(id)) continue;
    context.issues.push({ path, message: `dimension "${dimension.id}" names its ${what} "${id}", but the template already has a node "${id}"`, hint: `rename template node "${id}"` });
    return;
  }
}

function checkTargets(context: CheckContext, dimension: Dimension, index: number): void {
  switch (dimension.type) {
    case "int":
      if (dimension.param !== undefined) checkParam(context, dimension, dimension.param, appliedValues(dimension), at(index, "param"));
      if (dimension.repeat !== undefined) {
        const chain = nodeList(dimension.repeat);
        checkChain(context, dimension, chain, at(index, "repeat"));
        const copies = chain.flatMap((id) => Array.from({ length: Math.max(0, dimension.max - 1) }, (_, k) => copyId(id, k + 2)));
        checkIdFree(context, dimension, copies, at(index, "repeat"), "copy");
        if (dimension.default !== undefined && dimension.default < 0) context.issues.push({ path: at(index, "default"), message: `a repeat count cannot be negative (default ${dimension.default})`, hint: "set default to 0 or more" });
      }
      return;
    case "float":
      checkParam(context, dimension, dimension.param, appliedValues(dimension), at(index, "param"));
      return;
    case "bool":
      if (dimension.param !== undefined) checkParam(context, dimension, dimension.param, appliedValues(dimension), at(index, "param"));
      if (dimension.enable !== undefined) checkEnable(context, dimension, nodeList(dimension.enable), at(index, "enable"));
      return;
    case "choice": {
      if (dimension.param !== undefined) checkParam(context, dimension, dimension.param, appliedValues(dimension), at(index, "param"));
      choiceOptions(dimension).forEach((option, i) => {
        if (option.enable !== undefined) checkEnable(context, dimension, option.enable, at(index, "values", i, "enable"));
        for (const [address, value] of Object.entries(option.set ?? {})) checkParam(context, dimension, address, [value], at(index, "values", i, "set", address));
      });
      return;
    }
    case "subset": {
      if (dimension.clone !== undefined) {
        const values = subsetValues(dimension);
        checkParam(context, dimension, dimension.clone, values, at(index, "clone"), "clones");
        const [nodeId] = splitAddress(dimension.clone);
        const node = context.nodes.get(nodeId);
        if (node !== undefined && !findFixed(context, dimension, node, at(index, "clone"), "clone")) checkIdFree(context, dimension, cloneIds(nodeId, values), at(index, "clone"), "clone");
      } else {
        (subsetOptions(dimension) as { enable?: string[] }[]).forEach((option, i) => checkEnable(context, dimension, option.enable ?? [], at(index, "values", i, "enable")));
      }
      if (dimension.default !== undefined) {
        const problem = valueProblem(dimension, dimension.default);
        if (problem !== undefined) context.issues.push({ path: at(index, "default"), message: `the default ${problem}`, hint: "give a subset of the dimension's values" });
      }
      return;
    }
  }
}

/** Nodes that two structural dimensions both copy (a clone inside a repeated chain, a node repeated twice). */
function checkOverlaps(context: CheckContext, dimensions: readonly Dimension[]): void {
  const owner = new Map<string, string>();
  dimensions.forEach((dimension, index) => {
    const ids = dimension.type === "int" && dimension.repeat !== undefined ? nodeList(dimension.repeat) : dimension.type === "subset" && dimension.clone !== undefined ? [splitAddress(dimension.clone)[0]] : [];
    for (const id of ids) {
      const first = owner.get(id);
      if (first !== undefined) {
        context.issues.push({ path: at(index, dimension.type === "int" ? "repeat" : "clone"), message: `dimensions "${first}" and "${dimension.id}" both copy node "${id}"`, hint: "a node may be repeated or cloned by one dimension only; clone a node outside the repeated chain" });
      } else owner.set(id, dimension.id);
    }
  });
}

/** Every problem of the dimensions against the template (empty when the space is sound). */
export function checkDimensions(dimensions: readonly Dimension[], template: Architecture): SpaceIssue[] {
  const context: CheckContext = { template, nodes: new Map(template.nodes.map((n) => [n.id, n])), issues: [] };
  const seen = new Map<string, number>();
  dimensions.forEach((dimension, index) => {
    const first = seen.get(dimension.id);
    if (first !== undefined) context.issues.push({ path: at(index, "id"), message: `dimension id "${dimension.id}" is used by dimensions[${first}] and dimensions[${index}]`, hint: "give every dimension its own id: it is the key of its value in a configuration" });
    else seen.set(dimension.id, index);
    const conditions = conditionsOf(dimension);
    conditions.forEach((condition, i) => checkCondition(context, dimensions, index, condition, Array.isArray(dimension.when) ? at(index, "when", i) : at(index, "when")));
    checkTargets(context, dimension, index);
  });
  checkOverlaps(context, dimensions);
  return context.issues;
}
