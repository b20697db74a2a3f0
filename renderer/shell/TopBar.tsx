/**
 * The top bar: the file name with its dirty mark, the budget meter (estimated calls and dollars
 * per query against the budget), the run controls with the query box, and the edit and view commands.
 */
import { FileControls } from "../files/FileControls";
import { BudgetMeter } from "../run/BudgetMeter";
import { RunControls } from "../run/RunControls";
import type { RunCommands } from "../run/use-run-commands";
import { useHistory, useItasca } from "../store/react";
import { selectDirty } from "../store/selectors";
import type { Commands } from "./use-commands";

export function TopBar({ commands, runCommands }: { commands: Commands; runCommands: RunCommands }) {
  const fileName = useItasca((state) => state.fileName);
  const dirty = useItasca(selectDirty);
  const theme = useItasca((state) => state.theme);
  const toggleTheme = useItasca((state) => state.toggleTheme);
  const setModelsOpen = useItasca((state) => state.setModelsOpen);
  const layoutRunning = useItasca((state) => state.layoutRunning);
  const canUndo = useHistory((state) => state.pastStates.length > 0);
  const canRedo = useHistory((state) => state.futureStates.length > 0);

  return (
    <header className="topbar" data-testid="topbar">
      <span className="brand">Itasca</span>
      <FileControls />
      <span className="file" title={fileName}>
        <span className="file-name" data-testid="file-name">
          {fileName}
        </span>
        {dirty && (
          <span className="dirty-mark" data-testid="dirty-mark" title="Unsaved changes" aria-label="unsaved changes">
            ●
          </span>
        )}
      </span>
      <BudgetMeter />
      <RunControls commands={runCommands} />
      <span className="topbar-spacer" />
      <nav className="toolbar" aria-label="Edit and view">
        <button type="button" data-testid="undo" onClick={commands.undo} disabled={!canUndo} title="Undo (Ctrl/Cmd+Z)" aria-label="Undo">
          ↶
        </button>
        <button type="button" data-testid="redo" onClick={commands.redo} disabled={!canRedo} title="Redo (Ctrl/Cmd+Shift+Z)" aria-label="Redo">
          ↷
        </button>
        <button type="button" data-testid="layout" onClick={commands.layout} disabled={layoutRunning} title="Auto-layout (Ctrl/Cmd+L)">
          Layout
        </button>
        <button type="button" data-testid="fit" onClick={commands.fit} title="Fit view (F)" aria-label="Fit view">
          ⤢
        </button>
        <button type="button" data-testid="models-button" onClick={() => setModelsOpen(true)} title="Models and keys">
          Models
        </button>
        <button type="button" data-testid="shortcuts-button" onClick={commands.help} title="Keyboard shortcuts (?)">
          ?
        </button>
        <button type="button" data-testid="theme-toggle" onClick={toggleTheme} title="Switch theme" aria-label={`Switch to ${theme === "dark" ? "light" : "dark"} theme`}>
          {theme === "dark" ? "☀" : "☾"}
        </button>
      </nav>
    </header>
  );
}
