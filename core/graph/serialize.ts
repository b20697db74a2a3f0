/**
 * The on-disk form of an architecture: a stable key order and a fixed layout, so saving the same
 * graph twice gives the same bytes and a diff shows only what changed (ARCHITECTURE.md section 2).
 */
import type { Architecture, EdgeSpec, NodeSpec } from "./schema";

const INDENT = "  ";
/** Arrays and objects of scalars that fit in this many columns stay on one line (port refs, positions). */
const MAX_INLINE_WIDTH = 100;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Params with keys sorted alphabetically at every depth; array order is data and is kept. */
function sortedParams(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedParams);
  if (isPlainObject(value)) {
    const out: Record<string, Json> = {};
    for (const key of Object.keys(value).sort()) {
      // defineProperty, not assignment: a "__proto__" key parsed from JSON must stay plain data
      if (value[key] !== undefined) Object.defineProperty(out, key, { value: sortedParams(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value as Json;
}

function nodeJson(node: NodeSpec): Json {
  return {
    id: node.id,
    type: node.type,
    params: sortedParams(node.params),
    position: { x: node.position.x, y: node.position.y },
  };
}

/** Values always printed on one line: one edge per line, so adding or removing an edge is a one-line diff. */
const alwaysInline = new WeakSet<object>();

function edgeJson(edge: EdgeSpec): Json {
  const json = { from: [edge.from[0], edge.from[1]], to: [edge.to[0], edge.to[1]] };
  alwaysInline.add(json);
  return json;
}

function isScalar(value: Json): value is null | boolean | number | string {
  return value === null || typeof value !== "object";
}

function printInline(value: Json): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(printInline).join(", ")}]`;
  const members = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${printInline(item)}`);
  return members.length === 0 ? "{}" : `{ ${members.join(", ")} }`;
}

function print(value: Json, indent: string, prefixWidth: number): string {
  if (isScalar(value)) return JSON.stringify(value);
  if (alwaysInline.has(value)) return printInline(value);
  const entries: [string | undefined, Json][] = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : Object.entries(value).map(([key, item]) => [key, item]);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;
  const member = ([key, item]: [string | undefined, Json], childIndent: string, childPrefix: number): string => {
    const label = key === undefined ? "" : `${JSON.stringify(key)}: `;
    return label + print(item, childIndent, childPrefix + label.length);
  };
  if (entries.every(([, item]) => isScalar(item))) {
    const inline = printInline(value);
    if (prefixWidth + inline.length <= MAX_INLINE_WIDTH) return inline;
  }
  const childIndent = indent + INDENT;
  const lines = entries.map((entry) => childIndent + member(entry, childIndent, childIndent.length));
  return `${open}\n${lines.join(",\n")}\n${indent}${close}`;
}

/**
 * Pretty prints an architecture with a stable layout: top-level keys `$schema, version, name,
 * description, nodes, edges`; node keys `id, type, params, position`; params sorted by key;
 * 2-space indent; one edge per line; short lists and objects of scalars (positions, small
 * params) on one line; a trailing newline.
 * Absent optional keys (`$schema`, `description`) are left out rather than written as null.
 */
export function serializeArchitecture(arch: Architecture): string {
  const document: Record<string, Json> = {};
  if (arch.$schema !== undefined) document["$schema"] = arch.$schema;
  document["version"] = arch.version;
  document["name"] = arch.name;
  if (arch.description !== undefined) document["description"] = arch.description;
  document["nodes"] = arch.nodes.map(nodeJson);
  document["edges"] = arch.edges.map(edgeJson);
  return `${print(document, "", 0)}\n`;
}
