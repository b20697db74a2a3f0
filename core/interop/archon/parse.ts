/**
 * Archon config text to its layers, in one form: each layer a list of components with the JSON
 * path of each. Both layer forms are accepted: a list of components, and the older
 * `{"branches": N, "models": [...]}` (Archon's layer.py reads only `models`).
 */
import { parseJsonText } from "../../graph/json-text";
import { CONFIG_KEYS, misspellingOf } from "./keys";
import { ArchonRejection, isObject } from "./reject";
import type { ArchonWarning } from "./types";

export interface ParsedComponent {
  /** JSON path, e.g. `layers[1][0]` or `layers[1].models[0]`. */
  path: string;
  type: string;
  raw: Record<string, unknown>;
}

export interface ParsedLayer {
  path: string;
  components: ParsedComponent[];
}

export interface ParsedConfig {
  name?: string;
  custom: boolean;
  layers: ParsedLayer[];
}

/** Parses and shape-checks a config; throws {@link ArchonRejection} with the path on anything Archon could not load. */
export function parseArchonText(text: string, warnings: ArchonWarning[]): ParsedConfig {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new ArchonRejection("$", `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}; fix the JSON syntax`);
  const config = parsed.value;
  if (!isObject(config)) throw new ArchonRejection("$", `an Archon config is a JSON object {"name", "layers"}, got ${describe(config)}`);
  checkTopLevelKeys(config, warnings);
  const layers = config["layers"];
  if (layers === undefined) throw new ArchonRejection("layers", `the config has no "layers"; add "layers": [[{"type": "generator", ...}], ...]`);
  if (!Array.isArray(layers)) throw new ArchonRejection("layers", `"layers" must be a list of layers, got ${describe(layers)}`);
  if (layers.length === 0) throw new ArchonRejection("layers", `"layers" is empty; add at least one layer with a generator`);
  const name = config["name"];
  if (name !== undefined && (typeof name !== "string" || name.trim() === "")) {
    warnings.push({ code: "other", path: "name", message: `"name" is not a non-empty string (${describe(name)}); the file name is used instead` });
  }
  const custom = config["custom"];
  if (custom !== undefined && typeof custom !== "boolean") warnings.push({ code: "other", path: "custom", message: `"custom" should be true or false, got ${describe(custom)}; ignored` });
  return {
    ...(typeof name === "string" && name.trim() !== "" ? { name: name.trim() } : {}),
    custom: custom === true,
    layers: layers.map((layer, index) => parseLayer(layer, `layers[${index}]`, warnings)),
  };
}

function checkTopLevelKeys(config: Record<string, unknown>, warnings: ArchonWarning[]): void {
  for (const key of Object.keys(config)) {
    if ((CONFIG_KEYS as readonly string[]).includes(key)) continue;
    const meant = misspellingOf(key, CONFIG_KEYS);
    if (meant === "layers" && config["layers"] === undefined) throw new ArchonRejection(key, `the config has no "layers" but has "${key}"; rename it to "layers"`);
    warnings.push(
      meant === undefined
        ? { code: "unsupported-key", path: key, message: `top-level key "${key}" is not part of an Archon config; ignored` }
        : { code: "misspelled-key", path: key, message: `"${key}" looks like a misspelling of "${meant}", which Archon would silently ignore; ignored here too, rename it to "${meant}"` },
    );
  }
}

function parseLayer(layer: unknown, path: string, warnings: ArchonWarning[]): ParsedLayer {
  if (Array.isArray(layer)) return { path, components: layer.map((c, i) => parseComponent(c, `${path}[${i}]`)) };
  if (isObject(layer) && Array.isArray(layer["models"])) {
    const models = layer["models"] as unknown[];
    const branches = layer["branches"];
    if (branches !== undefined && branches !== models.length) {
      warnings.push({ code: "other", path: `${path}.branches`, message: `"branches" is ${JSON.stringify(branches)} but the layer lists ${models.length} models; Archon ignores "branches" and runs each model once, and so does the import` });
    }
    for (const key of Object.keys(layer)) {
      if (key !== "models" && key !== "branches") warnings.push({ code: "unsupported-key", path: `${path}.${key}`, message: `layer key "${key}" is not read by Archon (only "models" and "branches" are); ignored` });
    }
    return { path, components: models.map((c, i) => parseComponent(c, `${path}.models[${i}]`)) };
  }
  throw new ArchonRejection(path, `a layer is a list of components or {"branches": N, "models": [...]}, got ${describe(layer)}`);
}

function parseComponent(component: unknown, path: string): ParsedComponent {
  if (!isObject(component)) throw new ArchonRejection(path, `a component is an object {"type", "model", ...}, got ${describe(component)}`);
  const type = component["type"];
  if (typeof type !== "string" || type.trim() === "") throw new ArchonRejection(`${path}.type`, `the component has no "type"; set it to generator, fuser, critic, ranker, verifier, unit_test_generator or unit_test_evaluator`);
  return { path, type, raw: component };
}

/** A short description of a JSON value for messages. */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
