/**
 * Lenient readers of model replies. Small and old models ignore format instructions, so
 * every parser accepts the common variants and returns null (never throws) when it cannot
 * find what it needs; the node then falls back and leaves a warning.
 */

export interface ParsedCritique {
  strengths: string;
  weaknesses: string;
}

/** "Strengths: ..." inline, or a heading line "## Weaknesses" / "**Weaknesses**". */
const CRITIQUE_HEADING = /(?:\b(strengths?|weakness(?:es)?)\b[ \t*_]*[:：]|^[ \t>*#_-]*(strengths?|weakness(?:es)?)[ \t*_:]*$)/gim;

function tidy(text: string): string {
  return text
    .replace(/^[\s*_:-]+/, "")
    .replace(/[\s*_]+$/, "")
    .trim();
}

/** The strengths and weaknesses sections of one critique; null when neither heading is present. */
export function parseCritique(text: string): ParsedCritique | null {
  const headings = [...text.matchAll(CRITIQUE_HEADING)];
  if (headings.length === 0) return null;
  const sections: { strengths?: string; weaknesses?: string } = {};
  headings.forEach((match, i) => {
    const word = (match[1] ?? match[2] ?? "").toLowerCase();
    const key = word.startsWith("strength") ? "strengths" : "weaknesses";
    const next = headings[i + 1];
    const body = tidy(text.slice(match.index + match[0].length, next === undefined ? undefined : next.index));
    // The first section of each kind counts; a later repeat is usually the model rambling on.
    sections[key] ??= body;
  });
  return { strengths: sections.strengths ?? "", weaknesses: sections.weaknesses ?? "" };
}

/** Section headers of a batch critique: "Candidate 2", "**Response [3]:**", "### Candidate #1". */
const CANDIDATE_HEADER = /^[ \t>*#_-]*(?:candidate|response)\s*#?\s*\[?(\d+)\]?/gim;

/**
 * Per-candidate critiques from one reply covering `count` candidates, by "Candidate N"
 * sections; index i holds candidate i+1's critique, or null when its section is missing or
 * unreadable.
 */
export function parseBatchCritiques(text: string, count: number): (ParsedCritique | null)[] {
  const result: (ParsedCritique | null)[] = Array.from({ length: count }, () => null);
  const headers = [...text.matchAll(CANDIDATE_HEADER)];
  headers.forEach((match, i) => {
    const n = Number(match[1]);
    if (!Number.isInteger(n) || n < 1 || n > count || result[n - 1] !== null) return;
    const next = headers[i + 1];
    result[n - 1] = parseCritique(text.slice(match.index + match[0].length, next === undefined ? undefined : next.index));
  });
  return result;
}

export interface ParsedRanking {
  /** Every candidate index (0-based), best first: the ranked ones, then the missing ones in input order. */
  order: number[];
  /** Indices (0-based) the reply did not mention, appended in input order. */
  missing: number[];
  /** Numbers in the reply that were out of range or repeated, and so ignored. */
  ignored: number;
}

function numbersIn(text: string, pattern: RegExp): number[] {
  return [...text.matchAll(pattern)].map((m) => Number(m[1]));
}

/** The numbers of the ranking in the reply, from the most to the least explicit form. */
function rankingNumbers(text: string): number[] {
  const lines = text.split(/\r?\n/);
  const bracketed = /\[(\d+)\]/g;
  const bare = /(?<![\w.])(\d+)(?![\w.])/g;
  // 1. The last "[2] > [1] > [3]" line: the final answer, after any discussion.
  const chain = lines.filter((l) => l.includes(">") && numbersIn(l, bracketed).length >= 2).at(-1);
  if (chain !== undefined) return numbersIn(chain, bracketed);
  // 2. "Ranking: 2, 1, 3" or "2 > 1 > 3" without brackets.
  const labelled = lines.filter((l) => /^\W*(?:final\s+)?(?:ranking|order)\b[^:]*:/i.test(l) && numbersIn(l.slice(l.indexOf(":")), bare).length >= 1).at(-1);
  if (labelled !== undefined) return numbersIn(labelled.slice(labelled.indexOf(":")), bare);
  const bareChain = lines.filter((l) => l.includes(">") && numbersIn(l, bare).length >= 2).at(-1);
  if (bareChain !== undefined) return numbersIn(bareChain, bare);
  // 3. Bracketed numbers anywhere, in order of appearance.
  return numbersIn(text, bracketed);
}

/**
 * A best-first order of `count` candidates numbered [1]..[count]. Out-of-range and repeated
 * numbers are ignored; unmentioned candidates go last in input order. Null when the reply
 * names no valid candidate at all.
 */
export function parseRanking(text: string, count: number): ParsedRanking | null {
  const order: number[] = [];
  let ignored = 0;
  for (const n of rankingNumbers(text)) {
    if (Number.isInteger(n) && n >= 1 && n <= count && !order.includes(n - 1)) order.push(n - 1);
    else ignored++;
  }
  if (order.length === 0) return null;
  const missing: number[] = [];
  for (let i = 0; i < count; i++) if (!order.includes(i)) missing.push(i);
  return { order: [...order, ...missing], missing, ignored };
}

/** "A"/"1" and "B"/"2": the first and second of a pair. */
function side(token: string | undefined): "A" | "B" | null {
  if (token === "A" || token === "1") return "A";
  if (token === "B" || token === "2") return "B";
  // Lower-case "a" is far more often the article than the answer.
  return null;
}

function lastSide(text: string, pattern: RegExp): "A" | "B" | null {
  const picks = [...text.matchAll(pattern)].map((m) => side(m[1])).filter((s) => s !== null);
  return picks.at(-1) ?? null;
}

/**
 * Which of two responses the judge preferred: "WINNER: A", "Response [2] is better", "The
 * better response is B", or a reply that is just "A". Null when no side is named clearly.
 */
export function parsePairwise(text: string): "A" | "B" | null {
  const label = /\b(?:winner|better(?:\s+(?:one|response|answer))?|preferred(?:\s+(?:one|response))?|preference|choice|verdict|answer)\b[^A-Za-z0-9\n[(]{0,6}(?:is\s+)?(?:response\s+|candidate\s+)?[[(]?([AB12a-b])[\])]?(?![A-Za-z0-9])/gi;
  const labelled = lastSide(text, label);
  if (labelled !== null) return labelled;
  const claim = /\b(?:response|candidate|answer)\s*[[(]?([AB12])[\])]?\s+(?:is|was|seems|looks)\s+(?:clearly\s+|slightly\s+|much\s+)?(?:the\s+)?(?:better|stronger|superior|preferable|preferred|more\s+correct)/gi;
  const claimed = lastSide(text, claim);
  if (claimed !== null) return claimed;
  const alone = /^\W*(?:response\s+|candidate\s+)?[[(]?([AB12])[\])]?\W*$/i.exec(text.trim());
  return side(alone?.[1]);
}

export interface ParsedVerdict {
  pass: boolean;
  reason: string;
}

const POSITIVE = new Set(["pass", "passes", "passed", "yes", "correct", "valid"]);
// "yes"/"no" count only as a whole reply or sentence ("No." but not "no errors").
const DECISIVE = /\b(not\s+)?(pass(?:es|ed)?|fail(?:s|ed)?|correct|incorrect|wrong|valid|invalid|(?:yes|no)(?=\s*(?:[.!,;:)]|$)))\b/gim;

function verdictReason(text: string): string {
  const stated = [...text.matchAll(/^\W*reason\b\s*[:：-]\s*(.+)$/gim)].at(-1)?.[1];
  const reason = stated ?? text.trim();
  return reason.length > 500 ? `${reason.slice(0, 497)}...` : reason;
}

/**
 * A judge's verdict: "VERDICT: PASS|FAIL" when present, else the last decisive word
 * (pass/fail, yes/no, correct/incorrect, "not correct"). Null when there is none.
 */
export function parseVerdict(text: string): ParsedVerdict | null {
  const labelled = [...text.matchAll(/\bverdict\b[\s*_]*[:：=-]?[\s*_]*(pass|fail|passed|failed|correct|incorrect|yes|no)\b/gi)].at(-1)?.[1];
  if (labelled !== undefined) return { pass: POSITIVE.has(labelled.toLowerCase()), reason: verdictReason(text) };
  const last = [...text.matchAll(DECISIVE)].at(-1);
  if (last?.[2] === undefined) return null;
  const positive = POSITIVE.has(last[2].toLowerCase());
  return { pass: last[1] === undefined ? positive : !positive, reason: verdictReason(text) };
}

export interface ParsedTest {
  text: string;
  kind: "assert" | "natural";
}

/** "1. ...", "1) ...", "Test 1: ...", "- ...", "* ..." at the start of a line. */
const LIST_ITEM = /^\s*(?:test\s*#?\d+\s*[:.)-]|\(?\d+\s*[.):\]]|[-*•])\s+(.+)$/i;

/**
 * Tests from a reply: numbered or bulleted lines, and bare `assert ...` lines (as inside a
 * code block). Code fences and prose lines are skipped.
 */
export function parseTestLines(text: string): ParsedTest[] {
  const tests: ParsedTest[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*```/.test(line)) continue;
    const item = LIST_ITEM.exec(line)?.[1];
    const body = (item ?? (/^\s*assert\b/.test(line) ? line : "")).trim().replace(/^`+|`+$/g, "").trim();
    if (body === "") continue;
    tests.push({ text: body, kind: /^assert\b/.test(body) ? "assert" : "natural" });
  }
  return tests;
}

export interface ParsedTestResult {
  pass: boolean;
  reason: string;
}

const TEST_LINE = [/^[\s*#>_-]*test\s*#?\s*\[?(\d+)\]?\s*[:.)\]-]?(.*)$/i, /^[\s*#>_-]*\[?(\d+)\]?\s*[:.)\]-](.*)$/];

/**
 * Per-test results from lines like "Test 2: PASS - reason" or "2. fail: reason"; index i
 * holds test i+1's result, or null when no line for it names PASS or FAIL.
 */
export function parseTestResults(text: string, count: number): (ParsedTestResult | null)[] {
  const results: (ParsedTestResult | null)[] = Array.from({ length: count }, () => null);
  for (const line of text.split(/\r?\n/)) {
    const match = TEST_LINE.map((p) => p.exec(line)).find((m) => m !== null);
    if (match === undefined || match === null) continue;
    const n = Number(match[1]);
    if (!Number.isInteger(n) || n < 1 || n > count || results[n - 1] !== null) continue;
    const rest = match[2] ?? "";
    const word = /\b(pass(?:ed|es)?|fail(?:ed|s)?)\b/i.exec(rest);
    if (word?.[1] === undefined) continue;
    const reason = rest.slice(word.index + word[0].length).replace(/^[\s*_:,.;\-–—]+/, "").trim();
    results[n - 1] = { pass: word[1].toLowerCase().startsWith("pass"), reason };
  }
  return results;
}

/** The code of a response: its first fenced block when it has one, else the whole text. */
export function extractCode(text: string): string {
  const fenced = /```[^\n]*\n([\s\S]*?)```/.exec(text);
  return fenced?.[1] ?? text;
}
