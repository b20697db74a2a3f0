/**
 * Engine errors carry a stable code from the one closed union (core/api/run-types.ts), so callers
 * and the UI can branch on them without parsing messages.
 */
import type { ErrorCode, ErrorInfo } from "../api/run-types";

export class EngineError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "EngineError";
  }
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof EngineError) return error.code === "cancelled";
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

export function toErrorInfo(error: unknown, nodeId?: string): ErrorInfo {
  const code = error instanceof EngineError ? error.code : isAbortError(error) ? "cancelled" : "internal";
  const message = error instanceof Error ? error.message : String(error);
  return nodeId === undefined ? { code, message } : { code, message, nodeId };
}

/** Throws the run's cancellation when its signal is aborted. */
export function throwIfAborted(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw new EngineError("cancelled", `${what}: the run was stopped`);
}

/** Why a run's signal was aborted, in words: the cancel reason, else plain "cancelled". */
export function cancelReason(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : "cancelled";
}
