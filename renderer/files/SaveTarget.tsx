/** A folder browser with a name box: where save as, or an export, writes (the web studio has no native save dialog). */
import { useState } from "react";
import { FileBrowser } from "./FileBrowser";

export interface SaveTargetProps {
  initialName: string;
  /** The name to write, from what was typed (adds the extension when missing). */
  complete(name: string): string;
  /** Writes to the path (the caller closes the dialog once written). */
  onSave(path: string): void;
  /** @default "Save" */
  action?: string;
}

export function SaveTarget({ initialName, complete, onSave, action = "Save" }: SaveTargetProps) {
  const [dir, setDir] = useState<string | undefined>();
  const [name, setName] = useState(initialName);
  const save = (): void => {
    if (dir === undefined || name.trim() === "") return;
    onSave(`${dir.replace(/[\\/]+$/, "")}/${complete(name.trim())}`);
  };
  return (
    <>
      <FileBrowser onFile={(path) => setName(path.split(/[\\/]/).pop() ?? name)} onDir={setDir} />
      <div className="save-row">
        <input data-testid="save-name" aria-label="File name" value={name} onChange={(event) => setName(event.target.value)} onKeyDown={(event) => event.key === "Enter" && save()} />
        <button type="button" data-testid="file-dialog-save" onClick={save} disabled={dir === undefined}>
          {action}
        </button>
      </div>
    </>
  );
}
