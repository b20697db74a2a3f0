/**
 * Bad input named by the layer that found it (a dataset line, a scorer, a stored evaluation or
 * search, a space file) becomes the CLI's InputError: exit 1 with the message. One list for
 * every command that evaluates or searches.
 */
import { DatasetError } from "../eval/datasets/errors";
import { EvalInputError } from "../eval/run/errors";
import { ScorerSetupError } from "../eval/scorers/need";
import { SearchInputError } from "../search/run/errors";
import { InputError } from "./usage-error";

/** Space errors are matched by name: their module loads only when a search runs. */
const INPUT_ERROR_NAMES = new Set(["SearchSpaceError", "SearchConfigError"]);

export function asInputError(error: unknown): unknown {
  if (error instanceof SearchInputError || error instanceof EvalInputError || error instanceof DatasetError || error instanceof ScorerSetupError) return new InputError(error.message);
  if (error instanceof Error && INPUT_ERROR_NAMES.has(error.name)) return new InputError(error.message);
  return error;
}
