/**
 * A search's budgets. Per query: limits the estimator applies before a trial runs (a
 * configuration over them is excluded, never evaluated) and that every run of the trial's
 * evaluation is held to by the engine. In total: dollars, provider calls and wall time after
 * which the search stops cleanly with its best so far.
 */
import type { Budget } from "../../api/run-types";
import type { CostEstimate } from "../../cost/estimate";

/** Per-query limits (`--max-calls-per-query`, `--max-usd-per-query`, ...). */
export interface PerQueryLimits {
  maxCalls?: number;
  maxInputTokens?: number;
  maxOutputTokens?: number;
  maxUsd?: number;
}

/** Whole-search limits (`--max-total-usd`, `--max-total-calls`, `--max-minutes`). */
export interface TotalLimits {
  maxUsd?: number;
  /** Provider calls made (cache hits are free and not counted). */
  maxCalls?: number;
  maxMinutes?: number;
}

const usd = (x: number) => `$${x.toFixed(4)}`;

/**
 * Why an estimate breaks the per-query limits, or undefined when it fits. Output tokens are the
 * `max_tokens` ceiling, so the check holds in the worst case. Dollars of unpriced models are
 * unknown: the estimate is then a lower bound and is compared as such.
 */
export function overBudget(estimate: Pick<CostEstimate, "calls" | "inputTokens" | "outputTokens" | "usd" | "unpriced">, limits: PerQueryLimits): string | undefined {
  const reasons: string[] = [];
  if (limits.maxCalls !== undefined && estimate.calls > limits.maxCalls) reasons.push(`${estimate.calls} calls per query > ${limits.maxCalls} (--max-calls-per-query)`);
  if (limits.maxInputTokens !== undefined && estimate.inputTokens > limits.maxInputTokens) reasons.push(`${estimate.inputTokens} input tokens per query > ${limits.maxInputTokens} (--max-input-tokens-per-query)`);
  if (limits.maxOutputTokens !== undefined && estimate.outputTokens > limits.maxOutputTokens) reasons.push(`${estimate.outputTokens} output tokens per query > ${limits.maxOutputTokens} (--max-output-tokens-per-query)`);
  if (limits.maxUsd !== undefined && estimate.usd > limits.maxUsd) {
    reasons.push(`${usd(estimate.usd)}${estimate.unpriced.length > 0 ? " or more" : ""} per query > ${usd(limits.maxUsd)} (--max-usd-per-query)`);
  }
  return reasons.length === 0 ? undefined : `estimated ${reasons.join(", ")}`;
}

/** The engine budget every run of a trial is held to. */
export function runBudgetOf(limits: PerQueryLimits): Budget | undefined {
  const budget: Budget = {};
  if (limits.maxCalls !== undefined) budget.maxCalls = limits.maxCalls;
  if (limits.maxInputTokens !== undefined) budget.maxInputTokens = limits.maxInputTokens;
  if (limits.maxOutputTokens !== undefined) budget.maxOutputTokens = limits.maxOutputTokens;
  if (limits.maxUsd !== undefined) budget.maxUsd = limits.maxUsd;
  return Object.keys(budget).length === 0 ? undefined : budget;
}

/**
 * Spend of a search against its total limits: what the finished trials paid plus what the
 * trials in flight have paid so far (updated after each of their items).
 */
export class TotalSpend {
  private settledUsd = 0;
  private settledCalls = 0;
  private readonly live = new Map<number, { usd: number; calls: number }>();

  constructor(
    private readonly limits: TotalLimits,
    /** Milliseconds the search has run, over all its sessions. */
    private readonly elapsedMs: () => number,
  ) {}

  settle(trialIndex: number, spent: { usd: number; calls: number }): void {
    this.live.delete(trialIndex);
    this.settledUsd += spent.usd;
    this.settledCalls += spent.calls;
  }

  /** A trial in flight has paid this much so far. */
  update(trialIndex: number, spent: { usd: number; calls: number }): void {
    this.live.set(trialIndex, spent);
  }

  /** Drops a trial that ended without an outcome (its spend counts again when it is resumed). */
  forget(trialIndex: number): void {
    this.live.delete(trialIndex);
  }

  get usd(): number {
    let total = this.settledUsd;
    for (const spent of this.live.values()) total += spent.usd;
    return total;
  }

  get calls(): number {
    let total = this.settledCalls;
    for (const spent of this.live.values()) total += spent.calls;
    return total;
  }

  /** Why the search must stop now, or undefined while every total limit holds. */
  exhausted(): string | undefined {
    const { maxUsd, maxCalls, maxMinutes } = this.limits;
    if (maxUsd !== undefined && this.usd >= maxUsd) return `the total budget of ${usd(maxUsd)} is spent (${usd(this.usd)})`;
    if (maxCalls !== undefined && this.calls >= maxCalls) return `the total budget of ${maxCalls} calls is used (${this.calls})`;
    if (maxMinutes !== undefined && this.elapsedMs() >= maxMinutes * 60_000) return `the time budget of ${maxMinutes} min is used`;
    return undefined;
  }
}
