/** The split select of the Evaluate and the Search forms, labelled with each split's share of the items. */
import { DEFAULT_DEV_FRACTION, EVAL_SPLITS, type EvalSplit } from "../../core/api/eval-types";

const percent = (fraction: number): string => `${Math.round(fraction * 100)}%`;

/** `dev (20%)`, `test (80%)`, `all`: the shares the host splits by (core/eval/datasets/split.ts). */
const SPLIT_LABELS: Readonly<Record<EvalSplit, string>> = {
  dev: `dev (${percent(DEFAULT_DEV_FRACTION)})`,
  test: `test (${percent(1 - DEFAULT_DEV_FRACTION)})`,
  all: "all",
};

export function SplitField({ value, onChange, testId }: { value: EvalSplit; onChange(split: EvalSplit): void; testId: string }) {
  return (
    <label className="eval-field">
      <span>Split</span>
      <select data-testid={testId} value={value} onChange={(event) => onChange(event.target.value as EvalSplit)}>
        {EVAL_SPLITS.map((split) => (
          <option key={split} value={split}>
            {SPLIT_LABELS[split]}
          </option>
        ))}
      </select>
    </label>
  );
}
