/**
 * The Game of 24 checker: an expression is a solution when it uses each of the puzzle's four
 * numbers exactly once, only + - * / and brackets, and evaluates to exactly 24. Exact rational
 * arithmetic on bigints (so `8 / (3 - 8 / 3)` is 24, not 23.999...), a small recursive-descent
 * parser, no eval. Pure functions (renderer-safe): the verify node's "game24" checker and the
 * evaluation's Game-of-24 scorer both use this file.
 *
 * Compatible with the Tree-of-Thoughts reference checker: the answer is read from the last
 * line (or the last "Answer:" line), everything from the first "=" on is dropped, and a unary
 * minus is allowed (sympy accepts it too).
 */

export type Game24Result = { ok: true } | { ok: false; reason: string };

/** An exact rational: `d > 0` and `gcd(|n|, d) = 1`. */
interface Rational {
  n: bigint;
  d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function rational(n: bigint, d: bigint): Rational {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

function formatRational(r: Rational): string {
  return r.d === 1n ? r.n.toString() : `${r.n}/${r.d}`;
}

/** A literal such as "12" or "1.5" as a rational. */
function parseLiteral(text: string): Rational {
  const [int = "0", frac = ""] = text.split(".");
  return rational(BigInt(`${int}${frac}` || "0"), 10n ** BigInt(frac.length));
}

/** Replaces the typographic and LaTeX spellings of the operators with + - * / ( ). */
export function normalizeExpression(text: string): string {
  return text
    .replace(/\\left|\\right/g, "")
    .replace(/\\times|\\cdot|[×✕✖∗·⋅]/g, "*")
    .replace(/\\div|[÷∕]/g, "/")
    .replace(/[\u2212\u2012\u2013\u2014\uFE63\uFF0D]/g, "-")
    .replace(/＋/g, "+")
    .replace(/[$`]/g, "")
    .replace(/\\[()[\]]/g, "")
    .trim();
}

type Token = { kind: "num"; text: string; at: number } | { kind: "op"; text: string; at: number };

class ParseError extends Error {}
class ZeroDivision extends Error {}

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|(\*\*|\^|[-+*/()[\]{}])|(\S))/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < expression.length && (match = pattern.exec(expression)) !== null) {
    if (match[1] !== undefined) tokens.push({ kind: "num", text: match[1], at: match.index });
    else if (match[2] === "**" || match[2] === "^") throw new ParseError(`uses "${match[2]}"; only + - * / and brackets are allowed`);
    else if (match[2] !== undefined) tokens.push({ kind: "op", text: match[2], at: match.index });
    else if (match[3] !== undefined) throw new ParseError(`not an expression: unexpected "${match[3]}"`);
    else break;
  }
  return tokens;
}

const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };

/** Recursive descent over `expr := term (("+"|"-") term)*`, `term := unary (("*"|"/") unary)*`, `unary := "-" unary | "+" unary | primary`. */
class Parser {
  private position = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Rational {
    if (this.tokens.length === 0) throw new ParseError("not an expression: it is empty");
    const value = this.expression();
    const extra = this.tokens[this.position];
    if (extra !== undefined) throw new ParseError(`not an expression: unexpected "${extra.text}"${extra.kind === "num" || extra.text === "(" ? " (a missing operator?)" : ""}`);
    return value;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private expression(): Rational {
    let left = this.term();
    for (let t = this.peek(); t?.kind === "op" && (t.text === "+" || t.text === "-"); t = this.peek()) {
      this.position++;
      const right = this.term();
      left = t.text === "+" ? rational(left.n * right.d + right.n * left.d, left.d * right.d) : rational(left.n * right.d - right.n * left.d, left.d * right.d);
    }
    return left;
  }

  private term(): Rational {
    let left = this.unary();
    for (let t = this.peek(); t?.kind === "op" && (t.text === "*" || t.text === "/"); t = this.peek()) {
      this.position++;
      const right = this.unary();
      if (t.text === "*") left = rational(left.n * right.n, left.d * right.d);
      else {
        if (right.n === 0n) throw new ZeroDivision("divides by zero");
        left = rational(left.n * right.d, left.d * right.n);
      }
    }
    return left;
  }

  private unary(): Rational {
    const t = this.peek();
    if (t?.kind === "op" && (t.text === "-" || t.text === "+")) {
      this.position++;
      const value = this.unary();
      return t.text === "-" ? rational(-value.n, value.d) : value;
    }
    return this.primary();
  }

  private primary(): Rational {
    const t = this.peek();
    if (t === undefined) throw new ParseError("not an expression: it ends with an operator");
    this.position++;
    if (t.kind === "num") return parseLiteral(t.text);
    const closing = CLOSING[t.text];
    if (closing === undefined) throw new ParseError(`not an expression: unexpected "${t.text}"`);
    const value = this.expression();
    if (this.peek()?.text !== closing) throw new ParseError(`not an expression: "${t.text}" is not closed`);
    this.position++;
    return value;
  }
}

function times(n: number): string {
  return n === 2 ? "twice" : n === 3 ? "three times" : `${n} times`;
}

/** A short form of a number's literal ("5", "1.5"), as the reasons name it. */
function literalKey(text: string): string {
  const r = parseLiteral(text);
  return r.d === 1n ? r.n.toString() : text.replace(/^\./, "0.");
}

/**
 * Whether `expression` solves the puzzle `numbers`. Everything from the first "=" on is
 * ignored ("(10 - 4) * 5 - 6 = 24" is read as its left side).
 */
export function checkGame24(expression: string, numbers: readonly number[]): Game24Result {
  const text = normalizeExpression(expression.split("=")[0] ?? "");
  let tokens: Token[];
  let value: Rational;
  try {
    tokens = tokenize(text);
    value = new Parser(tokens).parse();
  } catch (error) {
    if (error instanceof ParseError) return { ok: false, reason: error.message };
    if (!(error instanceof ZeroDivision)) throw error;
    // A wrong set of numbers is the more useful reason: "uses 5 twice" before "divides by zero".
    return checkUsage(literalsOf(tokenize(text)), numbers) ?? { ok: false, reason: "divides by zero" };
  }
  const usage = checkUsage(literalsOf(tokens), numbers);
  if (usage !== null) return usage;
  if (value.n !== 24n || value.d !== 1n) return { ok: false, reason: `evaluates to ${formatRational(value)}` };
  return { ok: true };
}

function literalsOf(tokens: readonly Token[]): string[] {
  return tokens.filter((t) => t.kind === "num").map((t) => t.text);
}

/** A failure when the literals are not exactly the puzzle's numbers, each once; else null. */
function checkUsage(literals: readonly string[], numbers: readonly number[]): Game24Result | null {
  const wanted = new Map<string, number>();
  for (const n of numbers) wanted.set(String(n), (wanted.get(String(n)) ?? 0) + 1);
  const used = new Map<string, number>();
  for (const l of literals) used.set(literalKey(l), (used.get(literalKey(l)) ?? 0) + 1);
  const puzzle = numbers.join(" ");
  for (const [n, count] of used) {
    const allowed = wanted.get(n) ?? 0;
    if (allowed === 0) return { ok: false, reason: `uses ${n}, which is not one of the numbers ${puzzle}` };
    if (count > allowed) return { ok: false, reason: `uses ${n} ${times(count)}${allowed > 1 ? ` (the puzzle has it ${times(allowed)})` : ""}` };
  }
  const missing = [...wanted].filter(([n, count]) => (used.get(n) ?? 0) < count).map(([n]) => n);
  if (missing.length > 0) return { ok: false, reason: `does not use ${missing.join(" and ")}` };
  return null;
}

const INTEGER_RUN = /(?<![\d.])\d+(?:(?:\s*,\s*|\s+and\s+|\s+)\d+)*(?![\d.])/g;

function integersOf(text: string): number[] {
  return (text.match(/\d+/g) ?? []).map(Number);
}

/**
 * The puzzle's four numbers from a query: the last "Input: a b c d" line when there is one
 * (the Tree-of-Thoughts prompts end with the puzzle after few-shot examples), else the last
 * run of exactly four integers separated by spaces, commas or "and" ("4 5 6 10", "4, 5, 6
 * and 10"). Null when there is none.
 */
export function parsePuzzleNumbers(text: string): number[] | null {
  const inputs = [...text.matchAll(/\binput\s*[:：]\s*([^\n]*)/gi)].map((m) => integersOf(m[1] ?? ""));
  const lastInput = inputs.filter((n) => n.length === 4).at(-1);
  if (lastInput !== undefined) return lastInput;
  const runs = [...text.matchAll(INTEGER_RUN)].map((m) => integersOf(m[0])).filter((n) => n.length === 4);
  return runs.at(-1) ?? null;
}

/**
 * The expression of a response such as "Steps: ...\nAnswer: (10 - 4) * 5 - 6 = 24": the text
 * after the last "Answer:" label, else the last non-empty line; markdown emphasis, LaTeX
 * delimiters and the "= 24" tail are stripped. Null when there is nothing left.
 */
export function extractGame24Expression(response: string): string | null {
  const labelled = [...response.matchAll(/\banswer\s*(?:is)?\s*[:：]\s*([^\n]*)/gi)].at(-1)?.[1];
  const line = labelled ?? response.trim().split(/\r?\n/).filter((l) => l.trim() !== "").at(-1) ?? "";
  const expression = normalizeExpression(
    line
      .replace(/^\s*(?:\*\*|__)+|(?:\*\*|__)+\s*$/g, "")
      .split("=")[0]
      ?.replace(/\.\s*$/, "") ?? "",
  );
  return expression === "" ? null : expression;
}

/** Checks a whole response: its extracted expression against the puzzle. */
export function checkGame24Response(response: string, numbers: readonly number[]): Game24Result {
  const expression = extractGame24Expression(response);
  if (expression === null) return { ok: false, reason: "not an expression: the response has no answer" };
  return checkGame24(expression, numbers);
}
