/**
 * The scorers by name. Most need no options; `judge` needs a model and `code` takes limits,
 * so the registry holds factories: `scorerFor(name, options)`.
 */
import type { EvalItem } from "../datasets/types";
import { choiceScorer, referenceLetter } from "./choice";
import { createCodeScorer } from "./code";
import { exactScorer } from "./exact";
import { game24Scorer } from "./game24";
import { createJudgeScorer } from "./judge";
import { mathScorer } from "./math";
import { ScorerSetupError } from "./need";
import { numericScorer, referenceNumber } from "./numeric";
import { parsePuzzleNumbers } from "../../nodes/game24-check";
import type { Scorer } from "./types";

export type { Scorer, ScoreContext, ScoreResult } from "./types";
export { ScorerSetupError } from "./need";
export { buildTestProgram, candidateCode, TEST_FUNCTION } from "./code-program";
export { describeFailure } from "./code-failure";
export { createCodeScorer, type CodeScorerOptions } from "./code";
export { createJudgeScorer, judgeMessages, readJudgeReply, type JudgeOptions, type JudgeReading } from "./judge";
export { isMathEquivalent } from "./math-equivalence";
export { normalizeLatex } from "./latex-normalize";
export { extractMathAnswer } from "./math";
export { extractFinalNumber } from "./numeric";
export { normalizeText } from "./exact";

/** Options of `scorerFor`; each scorer reads the ones it knows. */
export interface ScorerOptions {
  /** judge: the model registry id of the judge (required for judge). */
  model?: string;
  /** judge: what a good answer does. */
  rubric?: string;
  /** judge: grade from which an answer is correct when the reply has no verdict. @default 0.5 */
  threshold?: number;
  /** code: wall-time limit of one test program. @default 10000 */
  timeoutMs?: number;
  /** code: memory limit of one test program. @default 256 */
  memoryMb?: number;
}

export interface ScorerEntry {
  name: string;
  description: string;
  needs?: "sandbox" | "model";
  create(options: ScorerOptions): Scorer;
  /** Why the scorer cannot score this item (checked before an evaluation starts); null when it can. */
  check(item: EvalItem): string | null;
}

const hasReference = (name: string) => (item: EvalItem) =>
  item.reference === undefined || item.reference.trim() === "" ? `scorer "${name}" needs a reference answer and item "${item.id}" has none` : null;

function entry(scorer: Scorer, check: (item: EvalItem) => string | null): ScorerEntry {
  return { name: scorer.name, description: scorer.description, ...(scorer.needs === undefined ? {} : { needs: scorer.needs }), create: () => scorer, check };
}

export const SCORERS = {
  exact: entry(exactScorer, hasReference("exact")),
  numeric: entry(numericScorer, (item) => hasReference("numeric")(item) ?? (referenceNumber(item.reference ?? "") === null ? `scorer "numeric" needs a numeric reference; item "${item.id}" has "${item.reference}"` : null)),
  math: entry(mathScorer, hasReference("math")),
  choice: entry(choiceScorer, (item) => hasReference("choice")(item) ?? (referenceLetter(item.reference ?? "") === null ? `scorer "choice" needs an option letter as the reference; item "${item.id}" has "${item.reference}"` : null)),
  game24: entry(game24Scorer, (item) => (parsePuzzleNumbers(item.input) === null ? `scorer "game24" needs the four numbers as the input; item "${item.id}" has none` : null)),
  code: {
    name: "code",
    description: createCodeScorer().description,
    needs: "sandbox",
    create: (options) => createCodeScorer({ ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }), ...(options.memoryMb === undefined ? {} : { memoryMb: options.memoryMb }) }),
    check: (item) => (item.tests === undefined ? `scorer "code" needs tests and item "${item.id}" has none` : null),
  },
  judge: {
    name: "judge",
    description: "an LLM judge (--judge-model) grades the answer against the reference or a rubric; its calls count in the usage",
    needs: "model",
    create: (options) => {
      const judge: Parameters<typeof createJudgeScorer>[0] = { model: options.model ?? "" };
      if (options.rubric !== undefined) judge.rubric = options.rubric;
      if (options.threshold !== undefined) judge.threshold = options.threshold;
      return createJudgeScorer(judge);
    },
    check: () => null,
  },
} as const satisfies Record<string, ScorerEntry>;

export type ScorerName = keyof typeof SCORERS;
export const SCORER_NAMES = Object.keys(SCORERS) as ScorerName[];

export function isScorerName(name: string): name is ScorerName {
  return Object.hasOwn(SCORERS, name);
}

const OPTION_TYPES: Readonly<Record<keyof ScorerOptions, "string" | "number">> = {
  model: "string",
  rubric: "string",
  threshold: "number",
  timeoutMs: "number",
  memoryMb: "number",
};

/**
 * Checks options that arrive untyped (from the CLI, a stored evaluation, the host contract).
 * @throws ScorerSetupError naming an unknown option or one of the wrong type.
 */
export function parseScorerOptions(options: ScorerOptions | Readonly<Record<string, unknown>> = {}): ScorerOptions {
  const parsed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    const type = (OPTION_TYPES as Record<string, string>)[key];
    if (type === undefined) throw new ScorerSetupError(`unknown scorer option "${key}"; known options: ${Object.keys(OPTION_TYPES).join(", ")}`);
    if (typeof value !== type || (type === "number" && !Number.isFinite(value))) throw new ScorerSetupError(`scorer option "${key}" must be a ${type}, got ${JSON.stringify(value)}`);
    parsed[key] = value;
  }
  return parsed as ScorerOptions;
}

/**
 * The scorer of that name, made with the options it reads (`model` and `rubric` for the
 * judge, `timeoutMs` and `memoryMb` for code; the others take none).
 * @throws ScorerSetupError for an unknown name (listing the known ones), a bad option, or a
 *   missing one (judge without a model).
 */
export function scorerFor(name: string, options: ScorerOptions | Readonly<Record<string, unknown>> = {}): Scorer {
  if (!isScorerName(name)) throw new ScorerSetupError(`unknown scorer "${name}"; known scorers: ${SCORER_NAMES.join(", ")}`);
  return SCORERS[name].create(parseScorerOptions(options));
}

/**
 * The first reason the scorer cannot score the items (e.g. no references for `exact`), to
 * refuse an evaluation before it spends anything; null when every item can be scored.
 */
export function checkScorer(name: string, items: readonly EvalItem[], untyped: ScorerOptions | Readonly<Record<string, unknown>> = {}): string | null {
  if (!isScorerName(name)) return `unknown scorer "${name}"; known scorers: ${SCORER_NAMES.join(", ")}`;
  let options: ScorerOptions;
  try {
    options = parseScorerOptions(untyped);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (name === "judge" && (options.model === undefined || options.model === "")) return `scorer "judge" needs a judge model; pass --judge-model <model registry id>`;
  if (name === "judge" && options.rubric === undefined) {
    const bare = items.find((i) => i.reference === undefined);
    if (bare !== undefined) return `scorer "judge" needs a reference or a rubric; item "${bare.id}" has no reference (pass --rubric)`;
  }
  for (const item of items) {
    const problem = SCORERS[name].check(item);
    if (problem !== null) return problem;
  }
  return null;
}
