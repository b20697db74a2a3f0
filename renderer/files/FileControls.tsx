/**
 * The top bar's file buttons (new, open, save, save as, the Archon menu) and their dialog. Save
 * on an untitled document is save as. Also: dropping a .itasca.json file on the window opens
 * it, dropping an Archon config imports it, and leaving the page with unsaved edits asks first.
 */
import { useEffect } from "react";
import { useItasca, useItascaStore } from "../store/react";
import { selectDirty } from "../store/selectors";
import { ArchonMenu } from "./ArchonMenu";
import { looksLikeArchonConfig, useArchonCommands } from "./archon-commands";
import { FileDialog } from "./FileDialog";
import { useFileCommands } from "./use-file-commands";

export function FileControls() {
  const store = useItascaStore();
  const files = useFileCommands();
  const archon = useArchonCommands();
  const dialog = useItasca((state) => state.fileDialog);
  const setDialog = useItasca((state) => state.setFileDialog);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (event.dataTransfer?.types.includes("Files")) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      const file = event.dataTransfer?.files[0];
      if (file === undefined) return;
      event.preventDefault();
      if (!file.name.toLowerCase().endsWith(".json")) return store.getState().notify("error", `${file.name} is not an architecture file (.itasca.json) or an Archon config (.json)`);
      if (!files.confirmDiscard()) return;
      // A dropped file has no path the host can write to: it opens untitled, saved with save as.
      void file.text().then((text) => (looksLikeArchonConfig(text) ? archon.importText(text, file.name) : files.openText(text, file.name)));
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (selectDirty(store.getState())) event.preventDefault();
    };
    window.addEventListener("dragover", onDragOver);
    window.addEventListener("drop", onDrop);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      window.removeEventListener("dragover", onDragOver);
      window.removeEventListener("drop", onDrop);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [store, files, archon]);

  const askNew = () => files.confirmDiscard() && setDialog("new");

  return (
    <nav className="toolbar file-controls" aria-label="File">
      <button type="button" data-testid="file-new" onClick={askNew} title="New from a template">
        New
      </button>
      <button type="button" data-testid="file-open" onClick={() => files.confirmDiscard() && void files.askOpen()} title="Open a file">
        Open
      </button>
      <button type="button" data-testid="file-save" onClick={() => void files.saveOrAsk()} title="Save">
        Save
      </button>
      <button type="button" data-testid="file-save-as" onClick={() => void files.askSaveAs()} title="Save as">
        Save as
      </button>
      <ArchonMenu files={files} archon={archon} />
      {dialog !== null && <FileDialog mode={dialog} files={files} archon={archon} onClose={() => setDialog(null)} />}
    </nav>
  );
}
