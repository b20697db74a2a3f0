/** Reading a budget field: empty means no limit; anything else must be a positive number. */

export type BudgetField = { ok: true; value: number | undefined } | { ok: false; error: string };

/** Parses a limit as typed; `integer` for call counts. */
export function parseBudgetField(text: string, integer: boolean): BudgetField {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: undefined };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0) return { ok: false, error: "a positive number, or empty for no limit" };
  if (integer && !Number.isInteger(value)) return { ok: false, error: "a whole number, or empty for no limit" };
  return { ok: true, value };
}
