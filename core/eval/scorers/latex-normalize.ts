/**
 * Simple LaTeX normalisation for comparing maths answers, in the spirit of the MATH
 * benchmark's `strip_string`: `\dfrac`/`\tfrac` -> `\frac` with braced arguments (`\frac12`
 * -> `\frac{1}{2}`), `\sqrt2` -> `\sqrt{2}`, `\left`/`\right`, spacing commands, `^\circ`,
 * `\%`, `\$`, `\text{}` (trailing units dropped), a leading `x =`, spaces.
 */

/** The end (exclusive) of the brace group opening at `open`, or -1 when it is not closed. */
export function groupEnd(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/** One argument of a command at `at`: a brace group's content, a `\command`, or one character. */
function readArgument(text: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (text[i] === " ") i++;
  if (i >= text.length) return null;
  if (text[i] === "{") {
    const end = groupEnd(text, i);
    return end < 0 ? null : { value: text.slice(i + 1, end - 1), end };
  }
  if (text[i] === "\\") {
    const name = /^\\[A-Za-z]+/.exec(text.slice(i))?.[0] ?? text.slice(i, i + 2);
    return { value: name, end: i + name.length };
  }
  return { value: text[i] as string, end: i + 1 };
}

/** Rewrites every `\name{...}` (the names given) by `replace(content)`, innermost last. */
function rewriteCommand(text: string, names: readonly string[], replace: (content: string) => string): string {
  const pattern = new RegExp(`\\\\(?:${names.join("|")})(?![A-Za-z])\\s*\\{`, "g");
  let out = text;
  for (let guard = 0; guard < 100; guard++) {
    pattern.lastIndex = 0;
    const match = pattern.exec(out);
    if (match === null) break;
    const open = match.index + match[0].length - 1;
    const end = groupEnd(out, open);
    if (end < 0) break;
    out = out.slice(0, match.index) + replace(out.slice(open + 1, end - 1)) + out.slice(end);
  }
  return out;
}

/** `\frac12`, `\frac1{x}`, `\frac{a}b` with both arguments braced. */
function braceFractions(text: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const at = text.indexOf("\\frac", i);
    if (at < 0 || /[A-Za-z]/.test(text[at + 5] ?? "")) {
      if (at < 0) return out + text.slice(i);
      out += text.slice(i, at + 5);
      i = at + 5;
      continue;
    }
    out += text.slice(i, at) + "\\frac";
    const numerator = readArgument(text, at + 5);
    const denominator = numerator === null ? null : readArgument(text, numerator.end);
    if (numerator === null || denominator === null) return out + text.slice(at + 5);
    out += `{${braceFractions(numerator.value)}}{${braceFractions(denominator.value)}}`;
    i = denominator.end;
  }
}

/** `\sqrt2` -> `\sqrt{2}` (a root index `\sqrt[3]{x}` is kept). */
function braceRoots(text: string): string {
  return text.replace(/\\sqrt(?![A-Za-z[{])\s*(\\[A-Za-z]+|[^\s{[\\])/g, "\\sqrt{$1}");
}

const SPACING = /(?<!\\)\\[,;:! ]|\\q?quad(?![A-Za-z])|\\displaystyle(?![A-Za-z])|~/g;
const SIZING = /\\(?:left|right|big|Big|bigg|Bigg)[lr]?(?![A-Za-z])\s*(\\?[()[\]{}|.])?/g;

/** A trailing unit in `\text{ cm}` or `\mbox{ inches}^2` after a number. */
const TRAILING_UNIT = /^(.*?[\d}])\s*\\(?:text|mbox|mathrm)\{\s*[A-Za-z][A-Za-z .]*\}(?:\^\{?\d\}?)?\s*$/;

/** The normalised form of a maths answer; equal forms are the same answer. */
export function normalizeLatex(raw: string): string {
  let s = raw.trim();
  // Math delimiters around the whole answer.
  s = s.replace(/^\$+|\$+$/g, "").replace(/^\\\(|\\\)$/g, "").replace(/^\\\[|\\\]$/g, "").trim();
  s = s.replace(/\\\$/g, "").replace(/\\?%/g, "");
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree|°/g, "");
  s = s.replace(SIZING, (_m, delimiter: string | undefined) => (delimiter === undefined || delimiter === "." ? "" : delimiter.replace(/^\\(?=[()[\]|])/, "")));
  s = s.replace(SPACING, " ");
  const unit = TRAILING_UNIT.exec(s);
  if (unit?.[1] !== undefined) s = unit[1];
  s = rewriteCommand(s, ["text", "textbf", "textit", "textrm", "mbox", "mathrm", "mathbf", "mathit", "operatorname", "boxed"], (content) => content);
  s = s.replace(/\\[dt]frac(?![A-Za-z])/g, "\\frac");
  s = braceFractions(s);
  s = braceRoots(s);
  s = s.replace(/\\(?:times|cdot|ast)(?![A-Za-z])/g, "*");
  s = s.replace(/\\leq?(?![A-Za-z])/g, "\\le").replace(/\\geq?(?![A-Za-z])/g, "\\ge").replace(/\\neq?(?![A-Za-z])/g, "\\ne");
  s = s.replace(/\s+/g, "");
  // Single-character scripts lose their braces: x^{2} -> x^2.
  s = s.replace(/([\^_])\{(\w)\}/g, "$1$2");
  // A leading "x =" or "k =" names the answer, it is not part of it (one "=" only).
  if ((s.match(/=/g) ?? []).length === 1) s = s.replace(/^[A-Za-z](?:_\w|_\{\w+\})?=/, "");
  s = s.replace(/\.$/, "");
  // "0.5" and ".5"; "1,000" as a whole number.
  s = s.replace(/(^|[^\d])\.(\d)/g, "$10.$2");
  if (/^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  // A lone option letter in brackets: "(C)" -> "C".
  s = s.replace(/^\(([A-Za-z])\)$/, "$1");
  return s;
}
