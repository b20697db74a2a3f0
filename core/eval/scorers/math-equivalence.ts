/**
 * Whether two maths answers are the same: equal after LaTeX normalisation, or equal in value
 * (exact rationals, floats only once a root or pi is involved), element by element for tuples
 * and intervals (the brackets must match) and as multisets for bare lists ("1, -2").
 */
import { normalizeLatex } from "./latex-normalize";
import { latexValue, sameValue } from "./latex-value";

const OPENERS = "([{";
const CLOSERS = ")]}";

/** Splits at commas outside brackets and braces. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch)) depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** A bracketed list: "(1,2)", "[-2,7)", "\{1,2\}" -> its brackets and elements. */
function bracketed(text: string): { open: string; close: string; items: string[] } | null {
  const match = /^(\\\{|[([])(.*)(\\\}|[)\]])$/.exec(text);
  if (match === null) return null;
  const inner = match[2] as string;
  // "(1)(2)" is a product, not one group: the opening bracket must close at the very end.
  let depth = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] as string;
    if (ch === "\\") {
      i++;
      continue;
    }
    if (OPENERS.includes(ch)) depth++;
    else if (CLOSERS.includes(ch) && --depth < 0) return null;
  }
  const items = splitTopLevel(inner);
  return items.length < 2 ? null : { open: match[1] as string, close: match[3] as string, items };
}

function sameScalar(a: string, b: string): boolean {
  if (a === b) return true;
  const x = latexValue(a);
  const y = latexValue(b);
  return x !== null && y !== null && sameValue(x, y);
}

function sameNormalized(a: string, b: string): boolean {
  if (a === b) return true;
  const listA = bracketed(a);
  const listB = bracketed(b);
  if (listA !== null || listB !== null) {
    if (listA === null || listB === null || listA.open !== listB.open || listA.close !== listB.close || listA.items.length !== listB.items.length) return false;
    // A set's order does not matter; a tuple's or an interval's does.
    if (listA.open === "\\{") return sameMultiset(listA.items, listB.items);
    return listA.items.every((item, i) => sameNormalized(item, listB.items[i] as string));
  }
  const partsA = splitTopLevel(a);
  const partsB = splitTopLevel(b);
  if (partsA.length > 1 || partsB.length > 1) return partsA.length === partsB.length && sameMultiset(partsA, partsB);
  return sameScalar(a, b);
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  const left = [...b];
  for (const item of a) {
    const at = left.findIndex((other) => sameNormalized(item, other));
    if (at < 0) return false;
    left.splice(at, 1);
  }
  return left.length === 0;
}

/** Whether `candidate` and `reference` are the same maths answer. */
export function isMathEquivalent(candidate: string, reference: string): boolean {
  return sameNormalized(normalizeLatex(candidate), normalizeLatex(reference));
}
