/**
 * Answer extraction for voting and scoring: pulls the final answer out of a free-form
 * response. Pure string functions (renderer-safe: no Node imports), so the vote node, the
 * scorers and the UI agree on what a response's answer is.
 */

/** The extraction methods, in the order the UI offers them. */
export const EXTRACTORS = ["last-number", "boxed", "option-letter", "regex"] as const;
export type ExtractorKind = (typeof EXTRACTORS)[number];

/**
 * A number not glued to a preceding word or digit (so "x2" and the "-3" of "5-3" are not
 * read as numbers): optional minus, thousands groups or plain digits, optional decimals.
 */
const NUMBER = /(?<![\w.])[-\u2212]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)/g;
const WHOLE_NUMBER = /^[-\u2212]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)$/;

/**
 * Canonical text of a number so equal values vote together: "1,000" -> "1000",
 * "3.0" -> "3", "2.50" -> "2.5", "007" -> "7", ".5" -> "0.5", "-0" -> "0". String-based, so
 * large integers keep every digit.
 */
export function normalizeNumber(text: string): string {
  let s = text.trim().replace(/\u2212/g, "-").replace(/,/g, "");
  const negative = s.startsWith("-");
  if (negative) s = s.slice(1);
  const [intPart = "", fracPart = ""] = s.split(".");
  const int = intPart.replace(/^0+(?=\d)/, "") || "0";
  const frac = fracPart.replace(/0+$/, "");
  const magnitude = frac === "" ? int : `${int}.${frac}`;
  return negative && magnitude !== "0" ? `-${magnitude}` : magnitude;
}

/**
 * Tidies an extracted answer: trims, drops surrounding `$` and a trailing full stop, and
 * normalises it when it is a plain number (currency or percent signs aside).
 */
export function normalizeAnswer(value: string): string {
  let s = value.trim().replace(/\s+/g, " ");
  s = s.replace(/^\$+|\$+$/g, "").trim();
  s = s.replace(/\.$/, "").trim();
  const bare = s.replace(/^\\?\$/, "").replace(/\\?%$/, "").trim();
  return WHOLE_NUMBER.test(bare) ? normalizeNumber(bare) : s;
}

/** The last number in the text, normalised; null when there is none. */
export function extractLastNumber(text: string): string | null {
  const matches = text.match(NUMBER);
  const last = matches?.at(-1);
  return last === undefined ? null : normalizeNumber(last);
}

/**
 * The content of the last `\boxed{...}` (or `\fbox{...}`), with nested braces such as
 * `\boxed{\frac{1}{2}}` kept whole; also `\boxed 5`. Null when there is none or it is unclosed.
 */
export function extractBoxed(text: string): string | null {
  const last = [...text.matchAll(/\\(?:boxed|fbox)/g)].at(-1);
  if (last === undefined) return null;
  const rest = text.slice(last.index + last[0].length);
  if (!rest.startsWith("{")) {
    const bare = /^\s+([^\s$]+)/.exec(rest);
    return bare?.[1] === undefined ? null : normalizeAnswer(bare[1]);
  }
  let depth = 0;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === "\\") {
      // An escaped brace (`\{`) does not open or close a group.
      i++;
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return normalizeAnswer(rest.slice(1, i));
    }
  }
  return null;
}

/**
 * The chosen option letter A-E. In order of trust: "answer is (C)" / "Answer: C"; a reply
 * that is only a letter; the last "(C)"; the last standalone capital A-E that does not start a
 * sentence ("A train..." is an article, "I pick B." is an answer). Null when none.
 */
export function extractOptionLetter(text: string): string | null {
  const stated = [...text.matchAll(/\b(?:[Aa]nswer|ANSWER)\b(?:\s+is)?\s*[:=-]?\s*(?:[Oo]ption\s+)?\(?([A-E])\)?(?![A-Za-z0-9])/g)].at(-1);
  if (stated?.[1] !== undefined) return stated[1];
  const alone = /^\W*\(?([A-E])\)?\W*$/.exec(text.trim());
  if (alone?.[1] !== undefined) return alone[1];
  const bracketed = [...text.matchAll(/\(([A-E])\)/g)].at(-1);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const standalone = [...text.matchAll(/(?<![A-Za-z0-9])([A-E])(?![A-Za-z0-9])(?!\s+[a-z])/g)].at(-1);
  return standalone?.[1] ?? null;
}

/**
 * Compiles a user-supplied extraction pattern (always global, so the last match can be
 * taken). Returns the error message instead of throwing, for validation.
 */
export function compilePattern(pattern: string): { regex: RegExp } | { error: string } {
  try {
    return { regex: new RegExp(pattern, "g") };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The last match of `pattern`: its first capture group when the pattern has one (and it
 * took part in the match), else the whole match; normalised. Null when there is no match.
 * @throws Error when the pattern does not compile.
 */
export function extractRegex(text: string, pattern: string): string | null {
  const compiled = compilePattern(pattern);
  if ("error" in compiled) throw new Error(`invalid answer pattern /${pattern}/: ${compiled.error}`);
  const last = [...text.matchAll(compiled.regex)].at(-1);
  if (last === undefined) return null;
  const value = last.length > 1 ? last[1] : last[0];
  return value === undefined ? null : normalizeAnswer(value);
}

/** Extracts with the given method; `pattern` is used by "regex" only. */
export function extractAnswer(text: string, method: ExtractorKind, pattern = ""): string | null {
  switch (method) {
    case "last-number":
      return extractLastNumber(text);
    case "boxed":
      return extractBoxed(text);
    case "option-letter":
      return extractOptionLetter(text);
    case "regex":
      return extractRegex(text, pattern);
  }
}
