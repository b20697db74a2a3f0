/** A ScoreContext for tests. */
import type { ScoreContext } from "../../../core/eval/scorers/index";

export function context(extra: Partial<ScoreContext> = {}): ScoreContext {
  return { signal: new AbortController().signal, ...extra };
}
