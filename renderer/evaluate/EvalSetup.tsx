/** The form of the next evaluation (dataset, split, item and dollar limits) and Evaluate / Cancel / Resume. */
import { LimitField } from "../run/LimitField";
import { canResume } from "../store/evals/eval-view";
import { useItasca, useItascaStore } from "../store/react";
import { selectEvalGoing, selectShownEval } from "../store/selectors";
import { DatasetPicker } from "./DatasetPicker";
import { SplitField } from "./SplitField";
import type { EvalCommands } from "./use-eval-commands";


export function EvalSetup({ commands }: { commands: EvalCommands }) {
  const store = useItascaStore();
  const form = useItasca((state) => state.evalForm);
  const going = useItasca(selectEvalGoing);
  const shown = useItasca(selectShownEval);
  const running = shown?.status === "running";
  return (
    <form
      className="eval-setup"
      data-testid="eval-setup"
      aria-label="Evaluation settings"
      onSubmit={(event) => {
        event.preventDefault();
        commands.start();
      }}
    >
      <DatasetPicker value={form} onChange={(change) => store.getState().setEvalForm(change)} testId="eval" browse="dataset" />
      <SplitField testId="eval-split" value={form.split} onChange={(split) => store.getState().setEvalForm({ split })} />
      <div className="eval-field-pair">
        <LimitField label="Items" testId="eval-limit" className="eval-field" integer placeholder="all" initial={form.limit} apply={(limit) => store.getState().setEvalForm({ limit })} />
        <LimitField label="Max $" testId="eval-max-usd" className="eval-field" integer={false} placeholder="none" initial={form.maxUsd} apply={(maxUsd) => store.getState().setEvalForm({ maxUsd })} />
      </div>
      <div className="eval-actions">
        <button type="submit" className="eval-run" data-testid="eval-run" disabled={going}>
          {going ? "Evaluating…" : "Evaluate"}
        </button>
        {/* Cancel while it runs; once it stopped short, Resume in its place. */}
        {!running && canResume(shown) ? (
          <button type="button" data-testid="eval-resume" disabled={going} onClick={commands.resume} title="Continue where it stopped: completed items are not run again">
            Resume
          </button>
        ) : (
          <button type="button" data-testid="eval-cancel" disabled={!running} onClick={commands.cancel} title="Stop starting items; the completed ones are kept">
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
