/**
 * `Result` values: every host handler returns one instead of throwing, so an error crosses
 * Electron IPC and the web bridge as plain data with a stable code (ARCHITECTURE.md section 7).
 */

/** Stable error codes; the renderer branches on these, never on messages. */
export type ApiErrorCode =
  /** The arguments did not match the channel's schema. */
  | "invalid-arguments"
  /** No such channel. */
  | "unknown-channel"
  /** The architecture has errors; call `architecture.validate` for the diagnostics. */
  | "validation-failed"
  /** A run, model, file or key that does not exist. */
  | "not-found"
  /** A path the host refuses to read or write (outside the rules of `files.*`). */
  | "forbidden-path"
  /** Reading or writing a file failed. */
  | "io-error"
  /** A model or server could not be reached or answered with an error. */
  | "provider-error"
  /** The host cannot do this (e.g. a native dialog in the web studio). */
  | "unsupported"
  /** Missing or wrong session token (web studio only). */
  | "unauthorized"
  /** Anything else; the message says what. */
  | "internal";

export interface ApiError {
  code: ApiErrorCode;
  /** Human-readable, already redacted: never contains an API key. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ApiErrorCode, message: string): Result<T> {
  return { ok: false, error: { code, message } };
}
