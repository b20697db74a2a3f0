/** One item of an evaluation: its run, the answer's score and the scores of the candidates behind it. */
import { randomUUID } from "node:crypto";
import { evalItemRunId, type CandidateScore, type EvalItemRecord, type NodeUsage } from "../../api/eval-types";
import type { Budget, BudgetLimit, RunResult, Usage } from "../../api/run-types";
import { addUsageCounts, EMPTY_USAGE } from "../../api/run-types";
import type { Engine } from "../../engine/executor";
import type { ChatCallRequest, ChatCallResult } from "../../nodes/define";
import type { CodeSandbox } from "../../nodes/sandbox-types";
import type { CheckedArchitecture } from "../../validation/validate";
import type { EvalItem } from "../datasets/types";
import type { ScoreContext, Scorer, ScoreResult } from "../scorers/types";
import { candidatesOfRun } from "./candidates";
import { judgeChat } from "./judge-chat";

export interface RunItemInput {
  engine: Engine;
  sandbox: CodeSandbox | undefined;
  checked: CheckedArchitecture;
  scorer: Scorer;
  item: EvalItem;
  index: number;
  evalId: string;
  signal: AbortSignal;
  /** Dollars left in the evaluation's limit: the run's budget. */
  maxUsd?: number;
  /** The evaluation's per-query limits (a search trial's budget): a run they stop is an error item. */
  budget?: Budget;
}

/** The run's budget: the per-query limits, with the dollars capped by what is left of the evaluation's limit. */
function runBudget(input: RunItemInput): Budget | undefined {
  if (input.maxUsd === undefined) return input.budget;
  return { ...input.budget, maxUsd: Math.min(input.maxUsd, input.budget?.maxUsd ?? Infinity) };
}

/** Whether the evaluation's own dollar limit (not the per-query budget) was what stopped the run. */
function evalLimitStopped(input: RunItemInput, limit: BudgetLimit | undefined): boolean {
  if (input.maxUsd === undefined) return false;
  if (input.budget === undefined) return true;
  return limit === "usd" && input.maxUsd < (input.budget.maxUsd ?? Infinity);
}

function nodeUsage(usage: Usage): NodeUsage {
  const { estimated: _estimated, ...counts } = usage;
  return counts;
}

function perNodeOf(run: RunResult): Record<string, NodeUsage> {
  const perNode: Record<string, NodeUsage> = {};
  for (const node of run.nodes) if (node.usage.calls + node.usage.cachedCalls > 0) perNode[node.id] = nodeUsage(node.usage);
  return perNode;
}

function sumUsage(a: Usage, b: Usage): Usage {
  return { ...addUsageCounts(a, b), estimated: a.estimated || b.estimated };
}

/**
 * Runs and scores one item. Undefined when the item has no outcome to record: the evaluation
 * was cancelled, or its dollar limit stopped the run (the cache keeps the calls made).
 */
export async function runItem(input: RunItemInput): Promise<EvalItemRecord | undefined> {
  const { engine, item, signal } = input;
  const runId = evalItemRunId(input.evalId, input.index, randomUUID().slice(0, 8));
  const budget = runBudget(input);
  const handle = engine.start(input.checked, { text: item.input }, { signal, runId, ...(budget === undefined ? {} : { budget }) });
  let limitHit: BudgetLimit | undefined;
  handle.on("budget.exceeded", (event) => (limitHit ??= event.limit));
  const run = await handle.result;
  if (run.status === "cancelled" || signal.aborted) return undefined;
  if (run.status === "budget-exceeded" && evalLimitStopped(input, limitHit)) return undefined;

  let judgeUsage: Usage = { ...EMPTY_USAGE };
  const ctx: ScoreContext = {
    signal,
    ...(input.sandbox === undefined ? {} : { sandbox: input.sandbox }),
    chat: async (request: ChatCallRequest): Promise<ChatCallResult> => {
      const judged = await judgeChat(engine, request, signal);
      judgeUsage = sumUsage(judgeUsage, judged.usage);
      return judged.result;
    },
  };
  const base = {
    evalId: input.evalId,
    index: input.index,
    itemId: item.id,
    input: item.input,
    ...(item.reference === undefined ? {} : { reference: item.reference }),
    runId: run.runId,
    latencyMs: run.ms,
  };
  const withUsage = (record: Omit<EvalItemRecord, "usage" | "perNode">): EvalItemRecord => {
    const perNode = perNodeOf(run);
    if (judgeUsage.calls + judgeUsage.cachedCalls > 0) perNode["judge"] = nodeUsage(judgeUsage);
    return { ...record, usage: sumUsage(run.usage, judgeUsage), perNode };
  };

  if (run.status !== "completed") {
    return withUsage({ ...base, status: "error", candidates: [], error: run.error?.message ?? `the run ended ${run.status}` });
  }
  const answer = run.answer?.text ?? "";
  try {
    const score = await input.scorer.score(answer, item, ctx);
    const candidates = input.scorer.needs === "model" ? [] : await scoreCandidates(run, input.scorer, item, ctx);
    return withUsage({ ...base, status: "scored", answer, correct: score.correct, score: score.score, ...scoreDetails(score), candidates });
  } catch (error) {
    if (signal.aborted) return undefined;
    return withUsage({ ...base, status: "error", answer, candidates: [], error: `scorer ${input.scorer.name}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

function scoreDetails(score: ScoreResult): { extracted?: string; reason?: string } {
  return { ...(score.extracted === undefined ? {} : { extracted: score.extracted }), ...(score.reason === undefined ? {} : { reason: score.reason }) };
}

/**
 * Scores every candidate the run produced (for coverage). Identical texts are scored once:
 * ten samples that agree cost one sandbox execution, not ten. The LLM judge is not asked
 * (coverage would multiply its calls), so judged evaluations report no coverage.
 */
async function scoreCandidates(run: RunResult, scorer: Scorer, item: EvalItem, ctx: ScoreContext): Promise<CandidateScore[]> {
  const byText = new Map<string, Promise<ScoreResult>>();
  const scored: CandidateScore[] = [];
  for (const candidate of candidatesOfRun(run)) {
    let score = byText.get(candidate.text);
    if (score === undefined) {
      score = scorer.score(candidate.text, item, ctx);
      byText.set(candidate.text, score);
    }
    const result = await score;
    scored.push({ candidateId: candidate.id, correct: result.correct, ...(result.extracted === undefined ? {} : { extracted: result.extracted }) });
  }
  return scored;
}
