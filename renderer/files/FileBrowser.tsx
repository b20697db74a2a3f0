/** A folder listing from `files.list` (the web studio's stand-in for a native dialog), plus recent files. */
import { useEffect, useState } from "react";
import type { DirectoryListing, RecentFile } from "../../core/api/outputs";
import { useHost } from "../host/context";

export interface FileBrowserProps {
  /** Called with a file the user picked. */
  onFile(path: string): void;
  /** Called with the folder shown, so save as knows where to write. */
  onDir?(dir: string): void;
  /** File name endings to offer (the host also lists dataset files). @default [".json"] */
  accept?: readonly string[];
  /** Show the recent architecture files. @default true */
  showRecent?: boolean;
}

const ARCHITECTURE_FILES = [".json"] as const;

export function FileBrowser({ onFile, onDir, accept = ARCHITECTURE_FILES, showRecent = true }: FileBrowserProps) {
  const host = useHost();
  const [listing, setListing] = useState<DirectoryListing | undefined>();
  const [recent, setRecent] = useState<readonly RecentFile[]>([]);
  const [error, setError] = useState<string | undefined>();

  const go = (dir?: string): void => {
    void host["files.list"](dir === undefined ? {} : { dir }).then((result) => {
      if (!result.ok) return setError(result.error.message);
      setError(undefined);
      setListing(result.value);
      onDir?.(result.value.dir);
    });
  };
  // The host's working folder first; after that the listing follows clicks.
  useEffect(() => go(), [host]);

  useEffect(() => void host["files.recent"]().then((result) => result.ok && setRecent(result.value)), [host]);

  return (
    <div className="file-browser">
      {showRecent && recent.length > 0 && (
        <>
          <h3>Recent</h3>
          <ul className="file-list" data-testid="recent-files">
            {recent.slice(0, 6).map((file) => (
              <li key={file.path}>
                <button type="button" onClick={() => onFile(file.path)} title={file.path}>
                  {file.path}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3 className="file-dir" data-testid="file-dir">
        {listing?.dir ?? "…"}
      </h3>
      {error !== undefined && <div className="run-error">{error}</div>}
      <ul className="file-list" data-testid="file-list">
        {listing?.parent !== undefined && (
          <li>
            <button type="button" onClick={() => go(listing.parent)}>
              ↑ ..
            </button>
          </li>
        )}
        {listing?.entries.filter((entry) => entry.kind === "dir" || accept.some((ext) => entry.name.toLowerCase().endsWith(ext))).map((entry) => (
          <li key={entry.path}>
            <button type="button" data-testid={`file-entry-${entry.name}`} onClick={() => (entry.kind === "dir" ? go(entry.path) : onFile(entry.path))}>
              {entry.kind === "dir" ? "▸ " : ""}
              {entry.name}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
