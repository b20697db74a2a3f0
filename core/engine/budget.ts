/**
 * Per-query budgets, checked before every call is made (ARCHITECTURE.md section 4). Calls in
 * flight hold a reservation, so concurrent samples cannot jointly overshoot the limit.
 */
import { BUDGET_LIMITS, type Budget, type BudgetLimit } from "../api/run-types";

/** What calls use of each limited figure. */
export type Spend = Record<BudgetLimit, number>;

export interface BudgetRefusal {
  limit: BudgetLimit;
  used: number;
  max: number;
  message: string;
}

const ZERO: Spend = { calls: 0, inputTokens: 0, outputTokens: 0, usd: 0 };

function add(a: Spend, b: Spend, sign = 1): Spend {
  return {
    calls: a.calls + sign * b.calls,
    inputTokens: a.inputTokens + sign * b.inputTokens,
    outputTokens: a.outputTokens + sign * b.outputTokens,
    usd: a.usd + sign * b.usd,
  };
}

const LIMITS = Object.entries(BUDGET_LIMITS) as [BudgetLimit, keyof Budget][];

export class BudgetTracker {
  private spent: Spend = { ...ZERO };
  private reserved: Spend = { ...ZERO };

  constructor(private readonly budget: Budget = {}) {}

  /**
   * Reserves the worst case of one call (its prompt estimate and `maxTokens` of output), or
   * returns why it would break the budget. A reservation is settled with `commit` or `release`.
   */
  reserve(worstCase: Spend): BudgetRefusal | undefined {
    const after = add(add(this.spent, this.reserved), worstCase);
    for (const [key, max] of LIMITS) {
      const cap = this.budget[max];
      if (cap === undefined) continue;
      // Tokens and dollars are estimates before the call: refuse only once the budget is used up,
      // or when this call's worst case cannot fit at all; calls are exact.
      const committed = this.spent[key] + this.reserved[key];
      const refuse = key === "calls" ? after[key] > cap : committed >= cap;
      if (refuse) {
        const message =
          key === "calls"
            ? `budget exceeded: call ${after.calls} would pass the limit of ${cap} calls`
            : `budget exceeded: ${key} already at ${format(committed, key)} of at most ${format(cap, key)}`;
        return { limit: key, used: committed, max: cap, message };
      }
    }
    this.reserved = add(this.reserved, worstCase);
    return undefined;
  }

  commit(worstCase: Spend, actual: Spend): void {
    this.reserved = add(this.reserved, worstCase, -1);
    this.spent = add(this.spent, actual);
  }

  release(worstCase: Spend): void {
    this.reserved = add(this.reserved, worstCase, -1);
  }

  get used(): Spend {
    return { ...this.spent };
  }
}

function format(value: number, key: keyof Spend): string {
  return key === "usd" ? `$${value.toFixed(4)}` : String(Math.round(value));
}
