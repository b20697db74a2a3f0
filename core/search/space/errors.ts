/**
 * What is wrong with a search-space file, said so it can be fixed without reading the code:
 * each issue names the JSON path in the space file (`dimensions[2].param`), what is wrong (a
 * missing node names the node, a missing param names the node and the param) and the fix.
 */

export interface SpaceIssue {
  /** JSON path in the space file, e.g. `dimensions[1].param` (`$` for the whole file). */
  path: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

/** One line per issue: `<file>: <path>: <message> (<hint>)`. */
export function formatSpaceIssue(file: string, issue: SpaceIssue): string {
  return `${file}: ${issue.path}: ${issue.message} (${issue.hint})`;
}

export class SearchSpaceError extends Error {
  readonly file: string;
  readonly issues: readonly SpaceIssue[];

  constructor(file: string, issues: readonly SpaceIssue[]) {
    const lines = issues.map((issue) => formatSpaceIssue(file, issue));
    super(lines.length === 1 ? (lines[0] ?? file) : `${file}: ${issues.length} problems in the search space:\n${lines.map((l) => `  ${l}`).join("\n")}`);
    this.name = "SearchSpaceError";
    this.file = file;
    this.issues = issues;
  }
}

/** Thrown by materialize and the config helpers for a configuration that does not fit its space. */
export class SearchConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SearchConfigError";
  }
}
