/**
 * `Result` values: every host handler returns one instead of throwing, so an error crosses
 * Electron IPC and the web bridge as plain data with a stable code (ARCHITECTURE.md section 7).
 */
import type { ErrorCode, ErrorInfo } from "./run-types";

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
