// core/ is a stack of layers, lowest first; a file may import its own layer and those below it,
// never one above (the brief and ARCHITECTURE.md section 1). Type-only imports count too: a type
// that must be imported upward lives in the wrong layer.
import { dirname, relative, resolve, sep } from "node:path";

/** core's folders, lowest first. A new folder is added here, in its place. */
export const CORE_LAYERS = ["paths", "graph", "nodes", "validation", "api", "cost", "providers", "engine", "store", "eval", "search", "interop", "studio", "cli"];

/** The layer of a path inside the project, or undefined outside core/ (a file directly in core/ is "core"). */
function layerOf(root, absolutePath) {
  const parts = relative(root, absolutePath).split(sep);
  if (parts[0] !== "core" || parts.length < 2) return undefined;
  return parts.length === 2 ? "core" : parts[1];
}

/** @type {import("eslint").Rule.RuleModule} */
export const coreLayerOrder = {
  meta: {
    type: "problem",
    docs: { description: "core/ imports only its own layer and the layers below it" },
    schema: [],
    messages: {
      upward: "core/{{from}} may not import core/{{to}}: core's layers run {{order}} (lowest first) and import only downward; move the shared code down to the lowest layer that needs it.",
      unknown: "core/{{from}} is not in core's layer order; add the folder to CORE_LAYERS in eslint-rules/core-layer-order.js, in its place.",
    },
  },
  create(context) {
    const root = context.cwd;
    const from = layerOf(root, context.filename);
    if (from === undefined) return {};
    const fromIndex = CORE_LAYERS.indexOf(from);
    const check = (node) => {
      const source = node.source;
      if (!source || typeof source.value !== "string" || !source.value.startsWith(".")) return;
      const to = layerOf(root, resolve(dirname(context.filename), source.value));
      if (to === undefined || to === from) return;
      const toIndex = CORE_LAYERS.indexOf(to);
      if (fromIndex === -1) return context.report({ node: source, messageId: "unknown", data: { from } });
      if (toIndex === -1) return context.report({ node: source, messageId: "unknown", data: { from: to } });
      if (toIndex > fromIndex) context.report({ node: source, messageId: "upward", data: { from, to, order: CORE_LAYERS.join(" < ") } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};
