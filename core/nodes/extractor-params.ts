/** The checks of an answer-extractor pattern, shared by the nodes that extract answers (vote, verify). */
import type { NodeIssue } from "./define";
import { compilePattern } from "./extract";

/** Issues of `params.pattern` for the "regex" extractor: empty, or not a valid regular expression. */
export function regexPatternIssues(pattern: string): NodeIssue[] {
  if (pattern === "") {
    return [{ code: "param-invalid", path: "params.pattern", message: 'the "regex" extractor needs a pattern, and pattern is empty', hint: 'Enter a regular expression with a capture group, e.g. "Answer: (\\S+)", or pick another extractor.' }];
  }
  const compiled = compilePattern(pattern);
  if ("error" in compiled) return [{ code: "param-invalid", path: "params.pattern", message: `pattern /${pattern}/ is not a valid regular expression: ${compiled.error}`, hint: "Fix the regular expression (JavaScript syntax)." }];
  return [];
}
