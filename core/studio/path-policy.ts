/**
 * Which files the renderer may read and write through `files.*`. The renderer is a web page:
 * if it were ever tricked, these rules keep it to architecture files and away from the data
 * dir, which holds the API keys and the database.
 */
import { existsSync, realpathSync } from "node:fs";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";

export class PathRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PathRefusedError";
  }
}

/** The most a read returns: architecture files are small; anything bigger is a mistake. */
export const MAX_FILE_BYTES = 10_000_000;

/** What a dataset file may be called (the formats core/eval/datasets reads). */
export const DATASET_EXTENSIONS = [".jsonl", ".json", ".csv"] as const;

export interface PathPolicyOptions {
  /** Relative paths resolve against this. */
  cwd: string;
  /** Never readable or writable, nor anything below it. */
  dataDir: string;
}

export class PathPolicy {
  constructor(private readonly options: PathPolicyOptions) {}

  resolve(path: string): string {
    return isAbsolute(path) ? resolve(path) : resolve(this.options.cwd, path);
  }

  /** The absolute path of a file the renderer may open, or a `PathRefusedError`. */
  forRead(path: string): string {
    const full = this.resolve(path);
    this.checkJson(full);
    this.checkOutsideData(existsSync(full) ? realpathSync(full) : full, full);
    return full;
  }

  /** The absolute path of a file the renderer may save to (its folder must exist). */
  forWrite(path: string): string {
    const full = this.resolve(path);
    this.checkJson(full);
    const parent = dirname(full);
    if (!existsSync(parent)) throw new PathRefusedError(`cannot save ${full}: the folder ${parent} does not exist`);
    this.checkOutsideData(existsSync(full) ? realpathSync(full) : resolve(realpathSync(parent), basename(full)), full);
    return full;
  }

  /**
   * The absolute path of a dataset file an evaluation may read (JSONL, JSON or CSV, outside the
   * data dir): the evaluation reads it, never the page.
   */
  forDataset(path: string): string {
    const full = this.resolve(path);
    if (!DATASET_EXTENSIONS.some((ext) => full.toLowerCase().endsWith(ext))) throw new PathRefusedError(`${full}: a dataset is a ${DATASET_EXTENSIONS.join(", ")} file`);
    this.checkOutsideData(existsSync(full) ? realpathSync(full) : full, full);
    return full;
  }

  /** The absolute path of a folder the renderer may list. */
  forList(path: string | undefined): string {
    const full = path === undefined ? resolve(this.options.cwd) : this.resolve(path);
    this.checkOutsideData(existsSync(full) ? realpathSync(full) : full, full);
    return full;
  }

  private checkJson(full: string): void {
    if (!full.toLowerCase().endsWith(".json")) throw new PathRefusedError(`${full}: only .json files (architectures, *.itasca.json) can be opened or saved here`);
  }

  /** Compares real paths, so a symlink into the data dir is refused too. */
  private checkOutsideData(real: string, shown: string): void {
    const data = existsSync(this.options.dataDir) ? realpathSync(this.options.dataDir) : resolve(this.options.dataDir);
    const rel = relative(data, real);
    const inside = rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
    if (inside) throw new PathRefusedError(`${shown} is inside the Itasca data directory (${this.options.dataDir}), which the studio never reads or writes`);
  }
}
