/**
 * CLI exit codes and the usage error. 0 success, 1 invalid input, 2 usage error,
 * 3 a run that did not complete (failed, cancelled or stopped by its budget).
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export const EXIT = { ok: 0, invalidInput: 1, usage: 2, runIncomplete: 3 } as const;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Invalid input the user can fix (a missing file, bad JSON): exit 1 with the message. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** `parseArgs` with its errors turned into usage errors. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads a number option (>= 0, or > 0 with `positive`), or a usage error naming the flag. */
export function numberOption(value: string | undefined, flag: string, { integer = false, positive = false } = {}): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0 || (integer && !Number.isInteger(parsed)) || (positive && parsed === 0)) {
    const bound = !positive ? ">= 0" : integer ? ">= 1" : "> 0";
    throw new UsageError(`${flag} takes a ${integer ? "whole " : ""}number ${bound}, got "${value}"`);
  }
  return parsed;
}

/** Reads an option that takes one of `allowed`, or a usage error listing them. */
export function choiceOption<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} takes one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}
