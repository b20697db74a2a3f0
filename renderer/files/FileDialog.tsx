/**
 * The file dialog: the template gallery for a new document, a folder browser to open, a
 * folder browser with a name box to save as, and browsers of dataset files (the Evaluate and
 * Search tabs) and of search-space files (the Search tab).
 */
import { useEffect, useState } from "react";
import type { TemplateInfo } from "../../core/api/outputs";
import { useHost } from "../host/context";
import { useItasca, useItascaStore } from "../store/react";
import type { FileDialogMode } from "../store/slices/ui-slice";
import { FileBrowser } from "./FileBrowser";
import type { FileCommands } from "./use-file-commands";

export type { FileDialogMode };

/** Dataset files the Evaluate tab can run on (core/eval/datasets reads them). */
const DATASET_FILES = [".jsonl", ".json", ".csv"] as const;

/** Search spaces are `*.space.json` files. */
const SPACE_FILES = [".space.json"] as const;

const TITLES: Readonly<Record<FileDialogMode, string>> = {
  new: "New architecture",
  open: "Open",
  "save-as": "Save as",
  dataset: "Dataset file",
  "search-dataset": "Dataset file",
  "search-space": "Search space file",
};

const BLANK = `${JSON.stringify({ version: 1, name: "untitled", nodes: [{ id: "input", type: "input", params: {}, position: { x: 0, y: 0 } }, { id: "output", type: "output", params: {}, position: { x: 480, y: 0 } }], edges: [] })}\n`;

function TemplateGallery({ onPick }: { onPick(text: string, fileName: string): void }) {
  const host = useHost();
  const [templates, setTemplates] = useState<readonly TemplateInfo[]>([]);
  useEffect(() => void host["files.templates"]().then((result) => result.ok && setTemplates(result.value)), [host]);
  return (
    <ul className="template-gallery">
      <li>
        <button type="button" data-testid="template-blank" onClick={() => onPick(BLANK, "untitled.itasca.json")}>
          <strong>Blank</strong>
          <span>An input and an output; add techniques from the palette.</span>
        </button>
      </li>
      {templates.map((template) => (
        <li key={template.id}>
          <button type="button" data-testid={`template-${template.name}`} onClick={() => onPick(template.text, template.id)}>
            <strong>{template.name}</strong>
            <span>{template.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function FileDialog({ mode, files, onClose }: { mode: FileDialogMode; files: FileCommands; onClose(): void }) {
  const store = useItascaStore();
  const fileName = useItasca((state) => state.fileName);
  const [dir, setDir] = useState<string | undefined>();
  const [name, setName] = useState(fileName);
  const title = TITLES[mode];
  const saveAs = (): void => {
    if (dir === undefined || name.trim() === "") return;
    const file = name.endsWith(".json") ? name : `${name}.itasca.json`;
    void files.saveAs(`${dir.replace(/[\\/]+$/, "")}/${file}`).then((saved) => saved && onClose());
  };

  return (
    <div className="overlay" data-testid="file-dialog" data-mode={mode} role="dialog" aria-modal aria-label={title} onClick={onClose}>
      <div className="overlay-card file-dialog" onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.key === "Escape" && onClose()}>
        <h2>{title}</h2>
        {mode === "new" && (
          <TemplateGallery
            onPick={(text, templateName) => {
              // A template opens untitled: saving asks where, so the preset is never overwritten.
              if (files.openText(text, templateName)) onClose();
            }}
          />
        )}
        {mode === "open" && <FileBrowser onFile={(path) => void files.open(path).then((opened) => opened && onClose())} />}
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
        {mode === "save-as" && (
          <>
            <FileBrowser onFile={(path) => setName(path.split(/[\\/]/).pop() ?? name)} onDir={setDir} />
            <div className="save-row">
              <input data-testid="save-name" aria-label="File name" value={name} onChange={(event) => setName(event.target.value)} onKeyDown={(event) => event.key === "Enter" && saveAs()} />
              <button type="button" data-testid="file-dialog-save" onClick={saveAs} disabled={dir === undefined}>
                Save
              </button>
            </div>
          </>
        )}
        <button type="button" className="overlay-close" data-testid="file-dialog-close" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
