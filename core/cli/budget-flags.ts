/**
 * The per-query budget flags of `run` and `serve`: `--max-calls`, `--max-input-tokens`,
 * `--max-output-tokens`, `--max-usd`, declared once for both parsers.
 */
import type { Budget } from "../api/run-types";
import { numberOption } from "./usage-error";

export const BUDGET_OPTIONS = {
  "max-calls": { type: "string" },
  "max-input-tokens": { type: "string" },
  "max-output-tokens": { type: "string" },
  "max-usd": { type: "string" },
} as const;

/** The per-query budget from the `--max-*` flags; absent flags leave that limit off. */
export function readBudget(values: Record<string, string | boolean | undefined>): Budget {
  const pick = (flag: string, integer: boolean) => numberOption(values[flag] as string | undefined, `--${flag}`, { integer });
  const budget: Budget = {};
  const maxCalls = pick("max-calls", true);
  const maxInputTokens = pick("max-input-tokens", true);
  const maxOutputTokens = pick("max-output-tokens", true);
  const maxUsd = pick("max-usd", false);
  if (maxCalls !== undefined) budget.maxCalls = maxCalls;
  if (maxInputTokens !== undefined) budget.maxInputTokens = maxInputTokens;
  if (maxOutputTokens !== undefined) budget.maxOutputTokens = maxOutputTokens;
  if (maxUsd !== undefined) budget.maxUsd = maxUsd;
  return budget;
}
