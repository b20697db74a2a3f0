/**
 * The top bar's Archon menu (the web studio has no native File menu): Import Archon config and
 * Export as Archon config. A disclosure button with a short list; Escape or a pick closes it.
 */
import { useState } from "react";
import type { ArchonCommands } from "./archon-commands";
import type { FileCommands } from "./use-file-commands";

export function ArchonMenu({ files, archon }: { files: FileCommands; archon: ArchonCommands }) {
  const [open, setOpen] = useState(false);
  const pick = (action: () => void) => () => {
    setOpen(false);
    action();
  };
  return (
    <span
      className="menu-wrap"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        // Escape closes the list only, not a dialog or the selection (the global Escape command).
        event.stopPropagation();
        setOpen(false);
      }}
      // Closes when focus leaves the button and its list, as a native menu does.
      onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setOpen(false)}
    >
      <button type="button" data-testid="archon-menu" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)} title="Import or export an Archon config">
        Archon ▾
      </button>
      {open && (
        <span className="menu-list" role="menu" aria-label="Archon">
          <button type="button" role="menuitem" data-testid="file-import-archon" onClick={pick(() => files.confirmDiscard() && void archon.askImport())}>
            Import Archon config…
          </button>
          <button type="button" role="menuitem" data-testid="file-export-archon" onClick={pick(() => void archon.askExport())}>
            Export as Archon config…
          </button>
        </span>
      )}
    </span>
  );
}
