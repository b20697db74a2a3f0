/**
 * Turns whatever a handler throws into a `Result` error with a stable code and a redacted
 * message: nothing that leaves the host may contain an API key.
 */
import type { Result } from "../api/result";
import type { ErrorCode, ErrorInfo } from "../api/run-types";
import { EngineError } from "../engine/errors";
import { redactor } from "../providers/redact";
import { PathRefusedError } from "./path-policy";

/** Thrown by handlers for an expected failure with a known code. */
export class HostError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "HostError";
  }
}

const FS_NOT_FOUND = new Set(["ENOENT", "ENOTDIR"]);

export function toApiError(error: unknown): ErrorInfo {
  const message = redactor.redact(error instanceof Error ? error.message : String(error));
  return { code: codeOf(error), message };
}

function codeOf(error: unknown): ErrorCode {
  if (error instanceof HostError) return error.code;
  if (error instanceof PathRefusedError) return "forbidden-path";
  if (error instanceof EngineError) return error.code;
  if (error instanceof Error && error.name === "ModelsFileError") return "io-error";
  // An evaluation asked for something wrong (an unknown scorer, an empty split, a resume of a changed architecture).
  if (error instanceof Error && error.name === "EvalInputError") return "invalid-arguments";
  // A search asked for something wrong (no space, a resume of a changed space), or its space is invalid (the message names each problem's JSON path and fix).
  if (error instanceof Error && (error.name === "SearchInputError" || error.name === "SearchSpaceError" || error.name === "SearchConfigError")) return "invalid-arguments";
  // A dataset that cannot be loaded: its message names the file, the line and the field.
  if (error instanceof Error && error.name === "DatasetError") return (error as { code?: unknown }).code === "not-found" ? "not-found" : "invalid-arguments";
  const fsCode = (error as { code?: unknown } | null)?.code;
  if (typeof fsCode === "string" && FS_NOT_FOUND.has(fsCode)) return "not-found";
  if (typeof fsCode === "string" && /^E[A-Z]+$/.test(fsCode)) return "io-error";
  return "internal";
}

/** Runs a handler body, catching anything it throws. */
export async function guarded<T>(body: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

/** A deep copy with every string redacted: the last guard on whatever leaves the host. */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return redactor.redact(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  return value;
}
