/**
 * The top bar's run controls: the query box (and an optional system prompt), Run and Cancel,
 * and the shown run's status. Mod+Enter runs and Escape cancels, from anywhere.
 */
import { useState } from "react";
import { IS_MAC } from "../shell/platform";
import { useItasca, useItascaStore } from "../store/react";
import { selectCurrentRun } from "../store/selectors";
import type { RunCommands } from "./use-run-commands";

export function RunControls({ commands }: { commands: RunCommands }) {
  const store = useItascaStore();
  const queryText = useItasca((state) => state.queryText);
  const systemPrompt = useItasca((state) => state.systemPrompt);
  const starting = useItasca((state) => state.starting);
  const status = useItasca((state) => selectCurrentRun(state)?.status);
  const [showSystem, setShowSystem] = useState(false);
  const running = starting || status === "running";
  const mod = IS_MAC ? "⌘" : "Ctrl";

  return (
    <div className="run-controls">
      <input
        className="query-input"
        data-testid="query-input"
        aria-label="Query"
        placeholder="Query to run the architecture on"
        value={queryText}
        onChange={(event) => store.getState().setQueryText(event.target.value)}
      />
      <button type="button" className={`system-toggle${systemPrompt.trim() === "" ? "" : " system-toggle--set"}`} data-testid="system-toggle" onClick={() => setShowSystem(!showSystem)} title="System prompt" aria-expanded={showSystem}>
        sys
      </button>
      {showSystem && (
        <textarea
          className="system-input"
          data-testid="system-input"
          aria-label="System prompt"
          placeholder="System prompt (optional)"
          value={systemPrompt}
          onChange={(event) => store.getState().setSystemPrompt(event.target.value)}
        />
      )}
      <button type="button" className="run-button" data-testid="run-button" onClick={commands.run} disabled={running} title={`Run (${mod}+Enter)`}>
        ▶ Run
      </button>
      <button type="button" className="cancel-button" data-testid="cancel-button" onClick={commands.cancel} disabled={status !== "running"} title="Cancel (Esc)">
        ■ Cancel
      </button>
      <span className={`run-status run-status--${status ?? "idle"}`} data-testid="run-status" data-status={starting ? "starting" : (status ?? "idle")}>
        {starting ? "starting" : (status ?? "idle")}
      </span>
    </div>
  );
}
