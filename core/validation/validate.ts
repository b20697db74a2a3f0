/**
 * The one entry point that turns file text (or parsed JSON) into a checked architecture plus
 * every problem found, each with a stable code, a JSON path and a hint. Never throws on bad input:
 * the CLI, the canvas and presets all read the same list.
 */
import { hasErrors, type Diagnostic } from "../graph/diagnostics";
import { ROOT_PATH } from "../graph/json-path";
import { parseJsonText } from "../graph/json-text";
import { migrateArchitecture } from "../graph/migrate";
import { ArchitectureSchema, type Architecture } from "../graph/schema";
import type { AnyNodeDefinition } from "../nodes/define";
import { createNodeRegistry, nodeRegistry } from "../nodes/registry";
import { unknownTypeFinding } from "./edge-findings";
import { report, type ValidationContext } from "./validate-context";
import { checkEdgeCounts, checkEdges } from "./validate-edges";
import { checkCycle, checkDuplicateCalls, checkInputs, checkOutputNode, checkReachable } from "./validate-graph";
import { checkParams } from "./validate-params";
import { schemaDiagnostics } from "./validate-schema";

export interface ValidateOptions {
  /**
   * Whether a model id is in the model registry. When absent, model ids are not checked
   * (the renderer may not have the registry yet; the CLI and engine pass it).
   * @default undefined
   */
  knownModels?: (id: string) => boolean;
  /**
   * The file name, used only when a diagnostic message needs to name the file.
   * @default undefined
   */
  file?: string;
  /**
   * The node types to validate against.
   * @default NODE_DEFINITIONS (the built-in registry)
   */
  definitions?: readonly AnyNodeDefinition[];
}

export interface ValidationResult {
  /**
   * Parsed, migrated, with each valid node's params parsed by its schema (defaults filled in).
   * Present unless the JSON, the version or the file schema failed.
   */
  architecture?: Architecture;
  /**
   * The same document as written (migrated, params untouched): what an editor saves back, so
   * defaults do not get written into the user's file.
   */
  document?: Architecture;
  diagnostics: Diagnostic[];
}

function checkNodeIds(context: ValidationContext): void {
  context.architecture.nodes.forEach((node, index) => {
    const first = context.nodes.get(node.id);
    if (first === undefined) {
      context.nodes.set(node.id, { node, index });
      return;
    }
    report(context, {
      code: "duplicate-node-id",
      nodeId: node.id,
      path: `nodes[${index}].id`,
      message: `node id "${node.id}" is used by nodes[${first.index}] and nodes[${index}]`,
      hint: `rename nodes[${index}]; ids must be unique because edges refer to nodes by id`,
    });
  });
}

function checkNodeTypes(context: ValidationContext): void {
  const known = [...context.definitions.keys()];
  context.architecture.nodes.forEach((node, index) => {
    if (context.definitions.has(node.type)) return;
    const { code, message, hint } = unknownTypeFinding(node.id, node.type, known);
    report(context, { code, nodeId: node.id, path: `nodes[${index}].type`, message, hint });
  });
}

/** Validates an architecture given as JSON text (a string) or already-parsed JSON. */
export function validateArchitecture(input: unknown, options: ValidateOptions = {}): ValidationResult {
  let raw = input;
  if (typeof input === "string") {
    const parsed = parseJsonText(input);
    if (!parsed.ok) {
      const where = `${options.file === undefined ? "" : `${options.file}:`}${parsed.line}:${parsed.column}`;
      return {
        diagnostics: [
          {
            code: "invalid-json",
            severity: "error",
            path: ROOT_PATH,
            message: `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`,
            hint: `fix the JSON syntax at ${where}`,
          },
        ],
      };
    }
    raw = parsed.value;
  }

  const migrated = migrateArchitecture(raw);
  if (migrated.document === undefined) return { diagnostics: migrated.diagnostics };
  const schema = ArchitectureSchema.safeParse(migrated.document);
  if (!schema.success) return { diagnostics: [...migrated.diagnostics, ...schemaDiagnostics(schema.error, migrated.document)] };

  const document = schema.data;
  const context: ValidationContext = {
    architecture: document,
    definitions: options.definitions === undefined ? nodeRegistry : createNodeRegistry(options.definitions),
    nodes: new Map(),
    params: new Map(),
    structuralEdges: [],
    connectingEdges: [],
    validEdges: [],
    diagnostics: [...migrated.diagnostics],
    ...(options.knownModels === undefined ? {} : { knownModels: options.knownModels }),
  };
  checkNodeIds(context);
  checkNodeTypes(context);
  checkParams(context);
  checkEdges(context);
  checkEdgeCounts(context);
  checkCycle(context);
  checkInputs(context);
  checkOutputNode(context);
  checkReachable(context);
  checkDuplicateCalls(context);

  const architecture: Architecture = {
    ...document,
    nodes: document.nodes.map((node) => {
      const params = context.params.get(node.id);
      return context.nodes.get(node.id)?.node === node && params !== undefined ? { ...node, params: params as Record<string, unknown> } : node;
    }),
  };
  return { architecture, document, diagnostics: context.diagnostics };
}

declare const CHECKED: unique symbol;

/**
 * An architecture that validated with no errors (warnings are fine): what the engine runs. Only
 * {@link isRunnable} makes one, so a value of this type has been validated exactly once.
 */
export type CheckedArchitecture = Architecture & { readonly [CHECKED]: true };

/** Whether a result can be run: it parsed and has no error (warnings are fine). */
export function isRunnable(result: ValidationResult): result is ValidationResult & { architecture: CheckedArchitecture } {
  return result.architecture !== undefined && !hasErrors(result.diagnostics);
}

/** One line per diagnostic, as the CLI prints it: `<file>: <code> <nodeId or path>: <message> (<hint>)`. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  return `${file}: ${diagnostic.code} ${diagnostic.nodeId ?? diagnostic.path ?? ROOT_PATH}: ${diagnostic.message} (${diagnostic.hint})`;
}
