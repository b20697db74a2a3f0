/** The misconfiguration errors scorers share: they concern the whole evaluation, not one answer. */
import type { EvalItem } from "../datasets/types";

/** Thrown when a scorer cannot score an item at all (no reference, no tests, no sandbox, no model). */
export class ScorerSetupError extends Error {
  override readonly name = "ScorerSetupError";
}

/** The item's reference, or a setup error that says which scorer fits instead. */
export function needReference(scorer: string, item: EvalItem): string {
  if (item.reference === undefined || item.reference.trim() === "") {
    throw new ScorerSetupError(`scorer "${scorer}" needs a reference answer and item "${item.id}" has none; map one with --reference-field <name> or pick another scorer (game24, code, judge with a rubric)`);
  }
  return item.reference;
}
