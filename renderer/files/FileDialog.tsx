/**
 * The file dialog: the template gallery for a new document, a folder browser to open, a
 * folder browser with a name box to save as, a browser of Archon configs to import and a
 * folder browser with a name box to export one, and browsers of dataset files (the Evaluate and
 * Search tabs) and of search-space files (the Search tab).
 */
import { useItasca, useItascaStore } from "../store/react";
import type { FileDialogMode } from "../store/slices/ui-slice";
import type { ArchonCommands } from "./archon-commands";
import { FileBrowser } from "./FileBrowser";
import { SaveTarget } from "./SaveTarget";
import { TemplateGallery } from "./TemplateGallery";
import type { FileCommands } from "./use-file-commands";

export type { FileDialogMode };

/** Dataset files the Evaluate tab can run on (core/eval/datasets reads them). */
const DATASET_FILES = [".jsonl", ".json", ".csv"] as const;

/** Archon configs are plain JSON files. */
const ARCHON_FILES = [".json"] as const;

/** Search spaces are `*.space.json` files. */
const SPACE_FILES = [".space.json"] as const;

const TITLES: Readonly<Record<FileDialogMode, string>> = {
  new: "New architecture",
  open: "Open",
  "save-as": "Save as",
  "import-archon": "Import Archon config",
  "export-archon": "Export as Archon config",
  dataset: "Dataset file",
  "search-dataset": "Dataset file",
  "search-space": "Search space file",
};

export function FileDialog({ mode, files, archon, onClose }: { mode: FileDialogMode; files: FileCommands; archon: ArchonCommands; onClose(): void }) {
  const store = useItascaStore();
  const fileName = useItasca((state) => state.fileName);
  const title = TITLES[mode];
  const closeIf = (done: boolean): void => {
    if (done) onClose();
  };

  return (
    <div className="overlay" data-testid="file-dialog" data-mode={mode} role="dialog" aria-modal aria-label={title} onClick={onClose}>
      <div className={`overlay-card file-dialog file-dialog--${mode}`} onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.key === "Escape" && onClose()}>
        <h2>{title}</h2>
        {mode === "new" && (
          <TemplateGallery
            onPick={(text, templateName) => {
              // A template opens untitled: saving asks where, so the preset is never overwritten.
              if (files.openText(text, templateName)) onClose();
            }}
          />
        )}
        {mode === "open" && <FileBrowser onFile={(path) => void files.open(path).then(closeIf)} />}
        {mode === "dataset" && (
          <FileBrowser
            accept={DATASET_FILES}
            showRecent={false}
            onFile={(path) => {
              store.getState().setEvalForm({ source: "file", filePath: path });
              onClose();
            }}
          />
        )}
        {mode === "search-dataset" && (
          <FileBrowser
            accept={DATASET_FILES}
            showRecent={false}
            onFile={(path) => {
              store.getState().setSearchForm({ source: "file", filePath: path });
              onClose();
            }}
          />
        )}
        {mode === "search-space" && (
          <FileBrowser
            accept={SPACE_FILES}
            showRecent={false}
            onFile={(path) => {
              store.getState().setSearchForm({ space: "file", spaceFile: path });
              onClose();
            }}
          />
        )}
        {mode === "save-as" && <SaveTarget initialName={fileName} complete={(name) => (name.endsWith(".json") ? name : `${name}.itasca.json`)} onSave={(path) => void files.saveAs(path).then(closeIf)} />}
        {mode === "import-archon" && <FileBrowser accept={ARCHON_FILES} showRecent={false} onFile={(path) => void archon.importPath(path).then(closeIf)} />}
        {mode === "export-archon" && <SaveTarget initialName={archon.exportName()} action="Export" complete={(name) => (name.endsWith(".json") ? name : `${name}.archon.json`)} onSave={(path) => void archon.exportTo(path).then(closeIf)} />}
        <button type="button" className="overlay-close" data-testid="file-dialog-close" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
