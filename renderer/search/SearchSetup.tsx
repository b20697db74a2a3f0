/**
 * The next search: its space, the data the trials are scored on, the algorithm and its trials,
 * the budget (per query: calls and dollars, over which a configuration is excluded unrun; in
 * total: dollars), and Start / Pause / Resume / Stop for the shown search.
 */
import { useState } from "react";
import { SEARCH_ALGORITHMS, type SearchAlgorithmName } from "../../core/api/search-types";
import { DatasetPicker } from "../evaluate/DatasetPicker";
import { SplitField } from "../evaluate/SplitField";
import { LimitField } from "../run/LimitField";
import { useItasca, useItascaStore } from "../store/react";
import { canResumeSearch } from "../store/searches/search-view";
import { selectSearchGoing, selectShownSearch } from "../store/selectors";
import { SpaceSection } from "./SpaceSection";
import type { SearchCommands } from "./use-search-commands";


const ALGORITHM_LABELS: Readonly<Record<SearchAlgorithmName, string>> = {
  random: "random",
  grid: "grid",
  greedy: "greedy (coordinate ascent)",
  bayes: "Bayesian optimisation",
  halving: "successive halving",
};

/** The algorithm's seed: a whole number >= 0 (empty: 0). */
function SeedField({ initial, apply }: { initial: number; apply(seed: number): void }) {
  const [text, setText] = useState(String(initial));
  const valid = text.trim() === "" || /^\d+$/.test(text.trim());
  return (
    <label className="eval-field">
      <span>Seed</span>
      <input
        data-testid="search-seed"
        inputMode="numeric"
        placeholder="0"
        value={text}
        aria-invalid={!valid}
        onChange={(event) => {
          setText(event.target.value);
          const trimmed = event.target.value.trim();
          if (trimmed === "") apply(0);
          else if (/^\d+$/.test(trimmed)) apply(Number(trimmed));
        }}
      />
    </label>
  );
}

export function SearchSetup({ commands }: { commands: SearchCommands }) {
  const store = useItascaStore();
  const form = useItasca((state) => state.searchForm);
  const going = useItasca(selectSearchGoing);
  const shown = useItasca(selectShownSearch);
  const intent = useItasca((state) => (shown === undefined ? undefined : state.searchIntents[shown.searchId]));
  const running = shown?.status === "running";
  const setForm = store.getState().setSearchForm;
  // Resume is offered for a search that stopped short, unless the user stopped it for good.
  const resumable = !running && canResumeSearch(shown) && intent !== "stop";
  return (
    <form
      className="eval-setup search-setup"
      data-testid="search-setup"
      aria-label="Search settings"
      onSubmit={(event) => {
        event.preventDefault();
        commands.start();
      }}
    >
      <SpaceSection />
      <fieldset className="search-group" aria-label="Data">
        <DatasetPicker value={form} onChange={setForm} testId="search" browse="search-dataset" />
        <SplitField testId="search-split" value={form.split} onChange={(split) => setForm({ split })} />
        <LimitField label="Items" testId="search-limit" className="eval-field" integer placeholder="all of the split" initial={form.limit} apply={(limit) => setForm({ limit })} />
      </fieldset>
      <fieldset className="search-group" aria-label="Algorithm">
        <label className="eval-field">
          <span>Algorithm</span>
          <select data-testid="search-algorithm" value={form.algorithm} onChange={(event) => setForm({ algorithm: event.target.value as SearchAlgorithmName })}>
            {SEARCH_ALGORITHMS.map((algorithm) => (
              <option key={algorithm} value={algorithm}>
                {ALGORITHM_LABELS[algorithm]}
              </option>
            ))}
          </select>
        </label>
        <div className="eval-field-pair">
          <LimitField label="Trials" testId="search-trial-count" className="eval-field" integer placeholder="20" initial={form.trials} apply={(trials) => setForm({ trials: trials ?? 20 })} />
          <SeedField initial={form.seed} apply={(seed) => setForm({ seed })} />
        </div>
      </fieldset>
      <fieldset className="search-group" aria-label="Budget">
        <legend className="eval-note">Budget per query (over it: excluded, never run) and in total</legend>
        <LimitField label="Calls / q" testId="search-max-calls" className="eval-field" integer placeholder="no limit" initial={form.maxCallsPerQuery} apply={(maxCallsPerQuery) => setForm({ maxCallsPerQuery })} />
        <LimitField label="$ / query" testId="search-max-usd" className="eval-field" integer={false} placeholder="no limit" initial={form.maxUsdPerQuery} apply={(maxUsdPerQuery) => setForm({ maxUsdPerQuery })} />
        <LimitField label="Total $" testId="search-max-total-usd" className="eval-field" integer={false} placeholder="no limit" initial={form.maxTotalUsd} apply={(maxTotalUsd) => setForm({ maxTotalUsd })} />
      </fieldset>
      <div className="eval-actions">
        <button type="submit" className="eval-run" data-testid="search-start" disabled={going}>
          {going ? "Searching…" : "Start"}
        </button>
        {resumable ? (
          <button type="button" data-testid="search-resume" disabled={going} onClick={commands.resume} title="Continue where it stopped: finished trials are not run again, and cached calls cost nothing">
            Resume
          </button>
        ) : (
          <button type="button" data-testid="search-pause" disabled={!running} onClick={commands.pause} title="Stop cleanly after the trials in flight are cancelled; Resume continues">
            Pause
          </button>
        )}
        <button type="button" data-testid="search-stop" disabled={!running && !resumable} onClick={commands.stop} title="End the search: its finished trials and best so far are kept">
          Stop
        </button>
      </div>
    </form>
  );
}
