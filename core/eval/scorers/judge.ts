/**
 * `judge`: a chosen model grades the answer against the reference and/or a rubric, through
 * `ctx.chat` (the evaluation's engine: cached, budgeted and counted in its usage). The reply
 * is asked for as `GRADE: 0-10`, `VERDICT: CORRECT|INCORRECT`, `REASON: ...` and read
 * leniently: a labelled verdict wins, else the grade against the threshold, else the last
 * decisive word (parse.ts's `parseVerdict`).
 */
import type { ChatMessage } from "../../nodes/define";
import { parseVerdict } from "../../nodes/parse";
import type { EvalItem } from "../datasets/types";
import { ScorerSetupError } from "./need";
import type { Scorer } from "./types";

export interface JudgeOptions {
  /** Model registry id of the judge, e.g. `openai/gpt-4o-mini`. */
  model: string;
  /** What a good answer does; used beside the reference, or alone when the item has none. */
  rubric?: string;
  /** Grade in [0, 1] from which an answer counts as correct when the reply states no verdict. @default 0.5 */
  threshold?: number;
  /** @default 0 */
  temperature?: number;
  /** @default 512 */
  maxTokens?: number;
}

export const JUDGE_SYSTEM = "You are a strict, fair grader. You compare a candidate answer with the reference answer and the rubric you are given, and you grade only correctness, not style.";

/** The judge's prompt for one item. */
export function judgeMessages(item: EvalItem, answer: string, rubric: string | undefined): ChatMessage[] {
  const parts = [`Question:\n${item.input}`];
  if (item.reference !== undefined) parts.push(`Reference answer:\n${item.reference}`);
  if (rubric !== undefined) parts.push(`Rubric:\n${rubric}`);
  parts.push(`Candidate answer:\n${answer}`);
  parts.push(
    [
      item.reference !== undefined ? "Is the candidate's final answer correct, that is, equivalent to the reference answer" + (rubric !== undefined ? " and meeting the rubric?" : "?") : "Does the candidate answer meet the rubric?",
      "Reply with exactly three lines:",
      "GRADE: <a whole number from 0 (wrong) to 10 (fully correct)>",
      "VERDICT: CORRECT or INCORRECT",
      "REASON: <one sentence>",
    ].join("\n"),
  );
  return [
    { role: "system", content: JUDGE_SYSTEM },
    { role: "user", content: parts.join("\n\n") },
  ];
}

export interface JudgeReading {
  /** The labelled verdict, or the decisive word when there is neither verdict nor grade. */
  pass?: boolean;
  /** The grade in [0, 1]. */
  grade?: number;
  reason: string;
}

/** "GRADE: 7", "Grade: 7/10", "Score: 0.8" (a grade above 1 without a scale is out of 10). */
function readGrade(text: string): number | undefined {
  const match = [...text.matchAll(/\b(?:grade|score|rating)\b[\s*_]*[:=]?[\s*_]*(\d+(?:\.\d+)?)\s*(?:(?:\/|out\s+of)\s*(\d+(?:\.\d+)?))?/gi)].at(-1);
  if (match?.[1] === undefined) return undefined;
  const value = Number(match[1]);
  const scale = match[2] !== undefined ? Number(match[2]) : value <= 1 && match[1].includes(".") ? 1 : 10;
  if (!(scale > 0)) return undefined;
  return Math.min(1, Math.max(0, value / scale));
}

/** What a judge's reply says; null when it names neither a verdict nor a grade. */
export function readJudgeReply(text: string): JudgeReading | null {
  const reasonLine = [...text.matchAll(/^\W*reason\b[\s*_]*[:：-][\s*_]*(.+)$/gim)].at(-1)?.[1]?.trim();
  const labelled = [...text.matchAll(/\bverdict\b[\s*_]*[:：=-]?[\s*_]*(correct|incorrect|pass|fail|passed|failed|yes|no|right|wrong)\b/gi)].at(-1)?.[1];
  const grade = readGrade(text);
  const reading: JudgeReading = { reason: reasonLine ?? text.trim().slice(0, 300) };
  if (grade !== undefined) reading.grade = grade;
  if (labelled !== undefined) reading.pass = ["correct", "pass", "passed", "yes", "right"].includes(labelled.toLowerCase());
  else if (grade === undefined) {
    const verdict = parseVerdict(text);
    if (verdict === null) return null;
    reading.pass = verdict.pass;
  }
  return reading;
}

/**
 * A judge scorer for one model. Pass it as `scorerFor("judge", { model, rubric })`.
 * @throws ScorerSetupError without a model.
 */
export function createJudgeScorer(options: JudgeOptions): Scorer {
  if (options.model === undefined || options.model.trim() === "") throw new ScorerSetupError(`scorer "judge" needs a judge model; pass --judge-model <model registry id>`);
  const threshold = options.threshold ?? 0.5;
  if (!(threshold >= 0 && threshold <= 1)) throw new ScorerSetupError(`judge threshold must be between 0 and 1, got ${threshold}`);
  return {
    name: "judge",
    description: `LLM judge (${options.model}) grades the answer against the reference${options.rubric === undefined ? "" : " and the rubric"}`,
    needs: "model",
    async score(answer, item, ctx) {
      if (ctx.chat === undefined) throw new ScorerSetupError(`scorer "judge" needs model calls and none were provided (the eval runner passes ctx.chat)`);
      if (item.reference === undefined && options.rubric === undefined) {
        throw new ScorerSetupError(`scorer "judge" needs a reference or a rubric; item "${item.id}" has no reference (pass --rubric)`);
      }
      ctx.signal.throwIfAborted();
      const reply = await ctx.chat({
        model: options.model,
        messages: judgeMessages(item, answer, options.rubric),
        sampling: { temperature: options.temperature ?? 0, maxTokens: options.maxTokens ?? 512 },
        sample: 0,
        purpose: `judge ${item.id}`,
      });
      const reading = readJudgeReply(reply.text);
      if (reading === null) throw new Error(`judge ${options.model} gave no verdict or grade for item "${item.id}": ${JSON.stringify(reply.text.slice(0, 200))}`);
      const correct = reading.pass ?? (reading.grade ?? 0) >= threshold;
      const score = reading.grade ?? (correct ? 1 : 0);
      return { correct, score, reason: reading.reason };
    },
  };
}
