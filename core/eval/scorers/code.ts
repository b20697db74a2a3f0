/**
 * `code`: runs the item's tests against the candidate's code in the sandbox (Python): pass
 * when the program exits cleanly, else fail with the first failing assertion as the reason.
 * The candidate's code is its first fenced block, else its whole text.
 */
import { describeFailure } from "./code-failure";
import { buildTestProgram, candidateCode } from "./code-program";
import { ScorerSetupError } from "./need";
import type { Scorer } from "./types";

export interface CodeScorerOptions {
  /** Wall-time limit of one test program. @default 10000 */
  timeoutMs?: number;
  /** Memory limit of one test program. @default 256 */
  memoryMb?: number;
}

export function createCodeScorer(options: CodeScorerOptions = {}): Scorer {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const memoryMb = options.memoryMb ?? 256;
  return {
    name: "code",
    description: "runs the dataset's tests against the answer's code (its first fenced block) in the sandbox; the first failing assertion is the reason",
    needs: "sandbox",
    async score(answer, item, ctx) {
      if (ctx.sandbox === undefined) throw new ScorerSetupError(`scorer "code" needs the code sandbox and none was provided (the eval runner passes it as ctx.sandbox)`);
      const code = candidateCode(answer);
      const program = buildTestProgram(item, code);
      const result = await ctx.sandbox.run({ language: "python", code: program, timeoutMs, memoryMb }, ctx.signal);
      if (result.status === "ok" && result.exitCode === 0) return { correct: true, score: 1, extracted: code, reason: "all tests passed" };
      return { correct: false, score: 0, extracted: code, reason: describeFailure(result, program, timeoutMs) };
    },
  };
}

export const codeScorer = createCodeScorer();
