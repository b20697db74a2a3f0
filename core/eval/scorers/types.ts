/** The scorer seam: one file per scorer in this folder, each a `Scorer`. */
import type { ChatCallRequest, ChatCallResult } from "../../nodes/define";
import type { CodeSandbox } from "../../nodes/sandbox-types";
import type { EvalItem } from "../datasets/types";

/** What a scorer may use besides the answer and the item. */
export interface ScoreContext {
  /** Present when the host provides the sandbox (the code scorer needs it). */
  sandbox?: CodeSandbox;
  /**
   * One model call through the evaluation's engine (cache, budget, usage), for the LLM judge:
   * its calls are counted in the evaluation's usage like any other.
   */
  chat?: (request: ChatCallRequest) => Promise<ChatCallResult>;
  signal: AbortSignal;
}

export interface ScoreResult {
  correct: boolean;
  /** In [0, 1]; 1 or 0 for exact scorers, the judge's grade otherwise. */
  score: number;
  /** What was read from the answer (the extracted number, the boxed expression, ...). */
  extracted?: string;
  /** Why (the first failing assertion, the judge's verdict, "no number found"). */
  reason?: string;
}

export interface Scorer {
  name: string;
  /** One line for `itasca eval --help` and the Evaluate view. */
  description: string;
  /** Whether the scorer needs the sandbox or model calls (the runner provides them). */
  needs?: "sandbox" | "model";
  score(answer: string, item: EvalItem, ctx: ScoreContext): Promise<ScoreResult>;
}
