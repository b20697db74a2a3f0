/**
 * Error info, defined once: what a failed request, node or run reports, as plain clone-safe
 * data with a stable code from one closed union (xyflow's error codes). Callers and the UI
 * branch on the code, never on the message.
 */

export type ErrorCode =
  /** The arguments did not match the channel's schema. */
  | "invalid-arguments"
  /** No such channel. */
  | "unknown-channel"
  /** The architecture has errors; `architecture.validate` (or `itasca validate`) lists the diagnostics. */
  | "validation-failed"
  /** A run, model, file or key that does not exist. */
  | "not-found"
  /** A path the host refuses to read or write (outside the rules of `files.*`). */
  | "forbidden-path"
  /** Reading or writing a file failed. */
  | "io-error"
  /** A model or server could not be reached or answered with an error. */
  | "provider-error"
  /** An architecture names a model the registry does not have. */
  | "unknown-model"
  /** The host cannot do this (e.g. a native dialog in the web studio). */
  | "unsupported"
  /** Missing or wrong session token (web studio only). */
  | "unauthorized"
  /** The host itself did not answer (the studio server or the engine's thread is gone). */
  | "unreachable"
  /** A per-query budget stopped the run before a call would pass it. */
  | "budget-exceeded"
  /** The run was cancelled (by the user, Ctrl-C or shutdown). */
  | "cancelled"
  /** A node could not run (e.g. an unknown node type reached the engine). */
  | "node-failed"
  /** A node finished without a value its consumers need. */
  | "invalid-output"
  /** Anything else; the message says what. */
  | "internal";

export interface ErrorInfo {
  code: ErrorCode;
  /** Human-readable, already redacted when it leaves the host: never contains an API key. */
  message: string;
  /** The node the error belongs to, for node and run errors. */
  nodeId?: string;
}
