/**
 * The top bar's budget meter (ARCHITECTURE.md section 6b): estimated calls and dollars per
 * query against the per-query budget, and the estimated latency along the longest path.
 * Clicking it opens the two limits; a run started after that carries them, and the engine
 * stops it before a call would exceed one.
 */
import { useState } from "react";
import { budgetUse } from "../../core/cost/budget-use";
import { formatCalls } from "../canvas/node-summary";
import { useItasca, useItascaStore } from "../store/react";
import { selectQueryCost } from "../store/selectors";
import { formatMs, formatUsd } from "./format";
import { LimitField } from "./LimitField";

function Bar({ use, label }: { use: number | undefined; label: string }) {
  if (use === undefined) return null;
  return (
    <span className={`budget-bar${use > 1 ? " budget-bar--over" : ""}`} title={`${label}: ${Math.round(use * 100)}% of the budget`}>
      <span className="budget-bar-fill" style={{ width: `${Math.min(use, 1) * 100}%` }} />
    </span>
  );
}

export function BudgetMeter() {
  const store = useItascaStore();
  const cost = useItasca(selectQueryCost);
  const budget = useItasca((state) => state.budget);
  const [open, setOpen] = useState(false);
  const use = budgetUse(cost, budget);
  const unpricedNote = cost.unpriced.length > 0 ? `; no price known for ${cost.unpriced.join(", ")}, so dollars are a lower bound` : "";
  const latency = `about ${formatMs(cost.latencyMs)} along ${cost.criticalPath.join(" → ")}`;
  const title = `Estimated per query: ${formatCalls(cost.calls)} calls, ${cost.inputTokens} input and ${cost.outputTokens} output tokens, ${formatUsd(cost.usd)}${unpricedNote}; ${latency}${use.over ? ". Over budget: the run will stop when it reaches a limit" : ""}. Click to set the budget.`;

  return (
    <span className="budget-meter-wrap">
      <button type="button" className={`budget-meter${use.over ? " budget-meter--over" : ""}`} data-testid="budget-meter" data-over={use.over} onClick={() => setOpen(!open)} title={title} aria-expanded={open}>
        <span data-testid="estimated-calls" data-calls={cost.calls}>
          ≈ {formatCalls(cost.calls)} call{cost.calls === 1 ? "" : "s"}
        </span>
        <Bar use={use.calls} label="Calls" />
        <span data-testid="estimated-usd" data-usd={cost.usd}>
          {formatUsd(cost.usd)}
          {cost.unpriced.length > 0 ? "+" : ""}
        </span>
        <Bar use={use.usd} label="Dollars" />
        <span data-testid="estimated-latency" data-ms={Math.round(cost.latencyMs)}>
          {formatMs(cost.latencyMs)}
        </span>
        <span className="budget-unit">/ query</span>
      </button>
      {open && (
        <div className="budget-popover" data-testid="budget-popover" role="dialog" aria-label="Budget per query">
          <LimitField label="Max calls" testId="budget-max-calls" className="budget-field" integer initial={budget.maxCalls} apply={(maxCalls) => store.getState().setBudget({ ...withoutKey(store.getState().budget, "maxCalls"), ...(maxCalls === undefined ? {} : { maxCalls }) })} />
          <LimitField label="Max $" testId="budget-max-usd" className="budget-field" integer={false} initial={budget.maxUsd} apply={(maxUsd) => store.getState().setBudget({ ...withoutKey(store.getState().budget, "maxUsd"), ...(maxUsd === undefined ? {} : { maxUsd }) })} />
          <p className="budget-note">
            Checked before every call; a run stops (budget-stopped) rather than overspend. Estimate: {cost.inputTokens} input + {cost.outputTokens} output tokens, {latency}.
          </p>
          <button type="button" className="overlay-close" data-testid="budget-close" onClick={() => setOpen(false)}>
            Done
          </button>
        </div>
      )}
    </span>
  );
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
