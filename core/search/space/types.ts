/** A search space after loading: the file checked against its template, ready to enumerate, sample, encode and materialise. */
import type { DimensionSpec, SearchSpaceFile } from "../../api/search-space";
import type { Architecture } from "../../graph/schema";

/** A dimension as parsed from the file (defaults filled in). */
export type Dimension = DimensionSpec;

export interface ResolvedSpace {
  name: string;
  /** The space file as given to the loader (or the name passed to parseSearchSpace). */
  file: string;
  /** The directory relative paths in the file resolve against. */
  baseDir: string;
  description?: string;
  /** The template as written (migrated and validated; params not filled with defaults). */
  template: Architecture;
  /** The template's file, resolved, when the space names one; absent for an inline template. */
  templateFile?: string;
  /** In file order: a conditional dimension always follows the dimensions its `when` refers to. */
  dimensions: Dimension[];
  /** The dataset the space was made for, when it says. */
  dataset?: SearchSpaceFile["dataset"];
  /** The parsed file (what the Search view shows and writes back). */
  source: SearchSpaceFile;
}
