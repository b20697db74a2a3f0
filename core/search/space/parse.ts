/**
 * Loading a `*.space.json`: the file's schema (core/api/search-space.ts), its template
 * architecture (a file beside it or inline, validated like any architecture), the dimensions
 * against the template (check.ts), then a probe: each dimension's values are materialised and
 * validated once, so a space whose configurations would not run is refused when it loads, with
 * the dimension to blame. Every problem becomes one issue of a {@link SearchSpaceError}.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { z } from "zod";
import { DIMENSION_SCHEMAS, DIMENSION_TYPES, SearchSpaceFileSchema, type SearchSpaceFile } from "../../api/search-space";
import type { SearchConfig } from "../../api/search-types";
import { hasErrors, type Diagnostic } from "../../graph/diagnostics";
import { formatJsonPath, valueAtPath } from "../../graph/json-path";
import { parseJsonText } from "../../graph/json-text";
import type { Architecture } from "../../graph/schema";
import { didYouMean, quoteList } from "../../graph/suggest";
import { validateArchitecture } from "../../validation/validate";
import { checkDimensions } from "./check";
import { dimensionLevels, isActive, sampleValue, spaceSize, enumerateConfigs } from "./config";
import { SearchSpaceError, type SpaceIssue } from "./errors";
import { materialize } from "./materialize";
import { createRng } from "./rng";
import type { Dimension, ResolvedSpace } from "./types";

export interface SpaceOptions {
  /**
   * Whether a model id is in the model registry; when given, the template and the probed
   * configurations are checked against it.
   * @default undefined (model ids are not checked; the runner's engine.check does)
   */
  knownModels?: (id: string) => boolean;
  /**
   * Configurations materialised and validated while loading (each dimension's values, plus
   * random ones); 0 skips the probe.
   * @default 48
   */
  probes?: number;
}

const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

/** What people write for a dimension type, and what it is here. */
const TYPE_ALIASES: Readonly<Record<string, string>> = {
  integer: "int",
  number: "float",
  real: "float",
  boolean: "bool",
  enum: "choice",
  categorical: "choice",
  category: "choice",
  set: "subset",
  models: "subset",
};

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${show(value)}`;
}

/** The keys allowed at a path of the space file, for "did you mean". */
function allowedKeys(raw: unknown, path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(SearchSpaceFileSchema.shape);
  if (path[0] === "dataset" && path.length === 1) return ["name", "split", "limit"];
  if (path[0] === "dimensions" && path.length === 2) {
    const type = (valueAtPath(raw, path) as { type?: unknown } | undefined)?.type;
    const schema = typeof type === "string" && type in DIMENSION_SCHEMAS ? DIMENSION_SCHEMAS[type as keyof typeof DIMENSION_SCHEMAS] : undefined;
    return schema === undefined ? [] : Object.keys(schema.shape);
  }
  if (path[0] === "dimensions" && path[2] === "when") return ["dimension", "equals", "in", "min", "max", "contains"];
  if (path[0] === "dimensions" && path[2] === "values" && path.length === 4) return ["value", "label", "enable", "set"];
  return [];
}

function zodIssues(error: z.ZodError, raw: unknown, prefix: readonly PropertyKey[] = []): SpaceIssue[] {
  return error.issues.flatMap((issue): SpaceIssue[] => {
    const segments = [...prefix, ...issue.path];
    const path = formatJsonPath(segments);
    const value = valueAtPath(raw, segments);
    const last = segments[segments.length - 1];
    const name = typeof last === "string" ? `"${last}"` : "this value";
    switch (issue.code) {
      case "unrecognized_keys": {
        const allowed = allowedKeys(raw, segments);
        return issue.keys.map((key) => ({
          path: formatJsonPath([...segments, key]),
          message: `unknown key "${key}"`,
          hint: `${didYouMean(key, allowed)}remove it${allowed.length > 0 ? `; allowed keys here are ${quoteList(allowed)}` : ""}`,
        }));
      }
      case "invalid_type":
        if (value === undefined) return [{ path, message: `missing required key ${name}`, hint: `add ${name} (${issue.expected})` }];
        return [{ path, message: `${name} must be ${issue.expected === "array" ? "an array" : `a ${issue.expected}`}, got ${kindOf(value)}`, hint: `change ${name} to ${issue.expected === "array" ? "an array" : `a ${issue.expected}`}` }];
      case "invalid_value":
        return [{ path, message: `${name} must be ${issue.values.map(show).join(" or ")}, got ${show(value)}`, hint: `set ${name} to ${issue.values.map(show).join(" or ")}` }];
      case "invalid_union":
        return [{ path, message: `${name} has the wrong shape (${kindOf(value)})`, hint: name === '"template"' ? 'give "template" a path to an .itasca.json file (relative to the space file) or the architecture object itself' : "see the search-space format: core/api/search-space.ts or the README" }];
      case "custom": {
        const hint = (issue.params as { hint?: unknown } | undefined)?.hint;
        return [{ path, message: issue.message, hint: typeof hint === "string" ? hint : "see the search-space format (core/api/search-space.ts, or the README's Search spaces section)" }];
      }
      default:
        return [{ path, message: `${name}: ${issue.message}`, hint: `change ${name} to satisfy the limit` }];
    }
  });
}

/** The file's shape: the top level first, then each dimension by its own type's schema (so errors speak of that type). */
function parseShape(json: unknown): { file?: SearchSpaceFile; issues: SpaceIssue[] } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return { issues: [{ path: "$", message: `a search space is a JSON object, got ${kindOf(json)}`, hint: 'start from { "version": 1, "name": "...", "template": "...", "dimensions": [...] }' }] };
  }
  const raw = json as Record<string, unknown>;
  const issues: SpaceIssue[] = [];
  const dimensions = raw["dimensions"];
  if (Array.isArray(dimensions)) {
    dimensions.forEach((dimension, i) => {
      const type = (dimension as { type?: unknown } | null)?.type;
      if (typeof dimension !== "object" || dimension === null || Array.isArray(dimension)) {
        issues.push({ path: `dimensions[${i}]`, message: `a dimension is an object, got ${kindOf(dimension)}`, hint: 'write { "id": "...", "type": "int", "min": 1, "max": 8, "param": "node.param" }' });
      } else if (typeof type !== "string" || !(DIMENSION_TYPES as readonly string[]).includes(type)) {
        issues.push({
          path: `dimensions[${i}].type`,
          message: type === undefined ? "missing required key \"type\"" : `unknown dimension type ${show(type)}`,
          hint: `${typeof type === "string" ? (TYPE_ALIASES[type.toLowerCase()] !== undefined ? `did you mean "${TYPE_ALIASES[type.toLowerCase()]}"? ` : didYouMean(type, DIMENSION_TYPES)) : ""}use one of ${quoteList(DIMENSION_TYPES)}`,
        });
      } else {
        const result = DIMENSION_SCHEMAS[type as keyof typeof DIMENSION_SCHEMAS].safeParse(dimension);
        if (!result.success) issues.push(...zodIssues(result.error, raw, ["dimensions", i]));
      }
    });
  }
  const result = SearchSpaceFileSchema.safeParse(json);
  if (!result.success) {
    // Dimension issues were reported by their own type's schema above.
    const top = result.error.issues.filter((issue) => !(issue.path[0] === "dimensions" && issue.path.length >= 2));
    issues.push(...zodIssues({ issues: top } as z.ZodError, raw));
  }
  return issues.length > 0 || !result.success ? { issues } : { file: result.data, issues };
}

function diagnosticIssue(diagnostic: Diagnostic, path: string, where: string): SpaceIssue {
  const subject = diagnostic.nodeId === undefined ? (diagnostic.path ?? "$") : `node "${diagnostic.nodeId}"`;
  return { path, message: `${where}: ${diagnostic.code} ${subject}: ${diagnostic.message}`, hint: diagnostic.hint };
}

/** The template, validated: as written (document form), or the issues that stop it. */
function resolveTemplate(file: SearchSpaceFile, baseDir: string, options: SpaceOptions): { template?: Architecture; templateFile?: string; issues: SpaceIssue[] } {
  const validateOptions = options.knownModels === undefined ? {} : { knownModels: options.knownModels };
  if (typeof file.template === "string") {
    const templateFile = resolve(baseDir, file.template);
    let text: string;
    try {
      text = readFileSync(templateFile, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
      return { issues: [{ path: "template", message: `cannot read the template ${show(file.template)} (${reason}; resolved to ${templateFile})`, hint: "give a path relative to the space file, or put the architecture inline" }] };
    }
    const result = validateArchitecture(text, { file: templateFile, ...validateOptions });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (result.document === undefined || hasErrors(result.diagnostics)) {
      return { issues: errors.map((d) => diagnosticIssue(d, "template", `template ${file.template}`)) };
    }
    return { template: result.document, templateFile, issues: [] };
  }
  const result = validateArchitecture(file.template, validateOptions);
  if (result.document === undefined || hasErrors(result.diagnostics)) {
    return {
      issues: result.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => ({ path: d.path === undefined || d.path === "$" ? "template" : `template.${d.path}`, message: `template: ${d.code}${d.nodeId === undefined ? "" : ` node "${d.nodeId}"`}: ${d.message}`, hint: d.hint })),
    };
  }
  return { template: result.document, issues: [] };
}

/**
 * The configurations the probe materialises: for each dimension, each of its values (the ends
 * of ranges) in a random configuration where it is active; then random configurations.
 * Everything is seeded, so a space loads the same way every time.
 */
function probeConfigs(space: ResolvedSpace, count: number): { config: SearchConfig; dimension?: number }[] {
  const size = spaceSize(space);
  if (size !== null && size <= count) return [...enumerateConfigs(space)].map((config) => ({ config }));
  const rng = createRng(0x5eed);
  const complete = (config: SearchConfig, from: number, fixed?: { index: number; value: SearchConfig[string] }): SearchConfig => {
    space.dimensions.forEach((d, i) => {
      if (i < from) return;
      if (!isActive(d, config)) delete config[d.id];
      else if (fixed?.index === i) config[d.id] = fixed.value;
      else config[d.id] ??= sampleValue(d, rng);
    });
    return config;
  };
  const probes: { config: SearchConfig; dimension?: number }[] = [];
  space.dimensions.forEach((dimension, index) => {
    const levels = dimension.type === "int" || dimension.type === "float" ? [dimension.min, dimension.max] : (dimensionLevels(dimension) ?? [sampleValue(dimension, rng)]);
    for (const value of levels.slice(0, 16)) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const base = complete({}, 0);
        if (!isActive(dimension, base)) continue;
        probes.push({ config: complete(base, index, { index, value }), dimension: index });
        break;
      }
    }
  });
  for (let i = 0; i < count; i++) probes.push({ config: complete({}, 0) });
  return probes;
}

function probe(space: ResolvedSpace, options: SpaceOptions): SpaceIssue[] {
  const count = options.probes ?? 48;
  if (count <= 0) return [];
  const issues: SpaceIssue[] = [];
  const reported = new Set<string>();
  for (const { config, dimension } of probeConfigs(space, count)) {
    const architecture = materialize(space, config);
    const result = validateArchitecture(architecture, options.knownModels === undefined ? {} : { knownModels: options.knownModels });
    const error = result.diagnostics.find((d) => d.severity === "error");
    if (error === undefined) continue;
    const key = `${dimension ?? ""}:${error.code}:${error.nodeId ?? ""}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const blamed = dimension === undefined ? undefined : (space.dimensions[dimension] as Dimension);
    issues.push({
      path: dimension === undefined ? "dimensions" : `dimensions[${dimension}]`,
      message: `${blamed === undefined ? `the configuration ${show(config)}` : `dimension "${blamed.id}" = ${show(config[blamed.id])} (in the configuration ${show(config)})`} gives an invalid architecture: ${error.code}${error.nodeId === undefined ? "" : ` node "${error.nodeId}"`}: ${error.message}`,
      hint: `${error.hint}; change the template or the dimensions so that every configuration is a valid architecture (a switched-off node's candidates pass through; its other outputs are dropped)`,
    });
    if (issues.length >= 5) break;
  }
  return issues;
}

/**
 * Checks a parsed space file and resolves its template (a path is relative to `baseDir`).
 * @throws SearchSpaceError naming `file`, the JSON path and the fix of every problem found
 */
export function parseSearchSpace(json: unknown, file: string, baseDir: string, options: SpaceOptions = {}): ResolvedSpace {
  const shape = parseShape(json);
  if (shape.file === undefined) throw new SearchSpaceError(file, shape.issues);
  const parsed = shape.file;
  const resolved = resolveTemplate(parsed, baseDir, options);
  if (resolved.template === undefined) throw new SearchSpaceError(file, resolved.issues);
  const dimensions = parsed.dimensions as Dimension[];
  const issues = checkDimensions(dimensions, resolved.template);
  if (issues.length > 0) throw new SearchSpaceError(file, issues);
  const space: ResolvedSpace = {
    name: parsed.name,
    file,
    baseDir,
    ...(parsed.description === undefined ? {} : { description: parsed.description }),
    template: resolved.template,
    ...(resolved.templateFile === undefined ? {} : { templateFile: resolved.templateFile }),
    dimensions,
    ...(parsed.dataset === undefined ? {} : { dataset: parsed.dataset }),
    source: parsed,
  };
  const probed = probe(space, options);
  if (probed.length > 0) throw new SearchSpaceError(file, probed);
  return space;
}

/**
 * Reads, parses and checks a `*.space.json`.
 * @throws SearchSpaceError for an unreadable file, invalid JSON or any problem of the space
 */
export async function loadSearchSpace(file: string, options: SpaceOptions = {}): Promise<ResolvedSpace> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw new SearchSpaceError(file, [{ path: "$", message: `cannot read the search space (${reason})`, hint: `check the path (resolved to ${resolve(file)}; relative to ${relative(process.cwd(), dirname(resolve(file))) || "."})` }]);
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new SearchSpaceError(file, [{ path: "$", message: `invalid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}`, hint: `fix the JSON syntax at ${file}:${parsed.line}:${parsed.column}` }]);
  }
  return parseSearchSpace(parsed.value, file, dirname(resolve(file)), options);
}
