/**
 * Small studio state kept beside the database: the recent files, and which file each run and
 * each search was started from (the run and search stores have no such column; this keeps "runs
 * and searches of the open file" possible without changing their schemas).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RecentFile } from "../api/outputs";

export const STUDIO_STATE_FILE = "studio-state.json";
const MAX_RECENT = 20;
/** Enough history for any run list the UI shows; older entries are dropped first. */
const MAX_RUN_FILES = 2000;

interface StateData {
  recent: RecentFile[];
  runFiles: Record<string, string>;
  searchFiles: Record<string, string>;
}

export class StudioState {
  private data: StateData;

  constructor(private readonly file: string) {
    this.data = this.read();
  }

  static inDataDir(dir: string): StudioState {
    return new StudioState(join(dir, STUDIO_STATE_FILE));
  }

  recent(): RecentFile[] {
    return this.data.recent.map((r) => ({ ...r }));
  }

  /** Moves a file to the front of the recent list. */
  touch(path: string): void {
    this.data.recent = [{ path, at: Date.now() }, ...this.data.recent.filter((r) => r.path !== path)].slice(0, MAX_RECENT);
    this.write();
  }

  setRunFile(runId: string, file: string): void {
    const entries = Object.entries(this.data.runFiles).filter(([id]) => id !== runId);
    this.data.runFiles = Object.fromEntries([...entries.slice(-(MAX_RUN_FILES - 1)), [runId, file]]);
    this.write();
  }

  fileOfRun(runId: string): string | undefined {
    return this.data.runFiles[runId];
  }

  setSearchFile(searchId: string, file: string): void {
    const entries = Object.entries(this.data.searchFiles).filter(([id]) => id !== searchId);
    this.data.searchFiles = Object.fromEntries([...entries.slice(-(MAX_RUN_FILES - 1)), [searchId, file]]);
    this.write();
  }

  fileOfSearch(searchId: string): string | undefined {
    return this.data.searchFiles[searchId];
  }

  private read(): StateData {
    if (!existsSync(this.file)) return { recent: [], runFiles: {}, searchFiles: {} };
    try {
      const raw = JSON.parse(readFileSync(this.file, "utf8")) as Partial<StateData>;
      const recent = Array.isArray(raw.recent) ? raw.recent.filter((r): r is RecentFile => typeof r?.path === "string" && typeof r.at === "number") : [];
      const runFiles = typeof raw.runFiles === "object" && raw.runFiles !== null ? raw.runFiles : {};
      const searchFiles = typeof raw.searchFiles === "object" && raw.searchFiles !== null ? raw.searchFiles : {};
      return { recent, runFiles, searchFiles };
    } catch {
      // Only conveniences live here: a damaged file is replaced rather than blocking the studio.
      return { recent: [], runFiles: {}, searchFiles: {} };
    }
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(temp, this.file);
  }
}
