/**
 * CodeT (Chen et al., "CodeT: Code Generation with Generated Tests", arXiv 2207.10397): test
 * extraction from generated text, and the "dual execution agreement" rule that picks the
 * solutions the most (and most often generated) tests agree on. Pure functions; the nodes
 * run the code (unit-test-generate for the compile check, select for the tests).
 */

/**
 * Where a test ends: CodeT's stop tokens, plus a code fence and a list marker ("2.", "3)",
 * "-") at the very start of a line (chat models fence and number their tests; completion
 * models did not). Indented lines never stop a test: they are its continuation.
 */
const STOP = /\n(?:class|def|#|if|print)|\n\s*```|\n(?:\d+[.)]|[-*•])(?:\s|$)/;

/** The function name of the first `def name(` in a task's text (the entry point CodeT filters on), or null. */
export function entryPointOf(text: string): string | null {
  return /\bdef\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/.exec(text)?.[1] ?? null;
}

/**
 * CodeT's split of one generated sample into candidate tests, before the compile check:
 * `"assert " + text` split on `"assert "`, the parts that name the entry point (all non-empty
 * parts when it is null), each prefixed with `assert`, cut at the first stop token and trimmed.
 */
export function splitAssertions(text: string, entryPoint: string | null): string[] {
  const parts = `assert ${text}`.split("assert ");
  const tests: string[] = [];
  for (const part of parts) {
    if (part.trim() === "") continue;
    if (entryPoint !== null && !part.includes(entryPoint.trim())) continue;
    const whole = `assert ${part}`.trim();
    const stop = STOP.exec(whole);
    const test = (stop === null ? whole : whole.slice(0, stop.index)).trim();
    if (test !== "" && test.includes("assert")) tests.push(test);
  }
  return tests;
}

/**
 * The form CodeT compiles a test in (`try:` block, every line indented), so "compiles" means
 * exactly what it meant there.
 */
export function compileForm(test: string): string {
  return `try:\n    ${test.replace(/\n/g, "\n    ")}\nexcept:\n    pass\n`;
}

/** A distinct test and how many times the samples produced it. */
export interface WeightedTest {
  text: string;
  weight: number;
}

/**
 * Merges per-sample test lists (each already cut to its cap) into distinct tests in order of
 * first appearance, each weighted by its multiplicity across (and within) samples.
 */
export function mergeWithMultiplicity(perSample: readonly (readonly string[])[]): WeightedTest[] {
  const weights = new Map<string, number>();
  for (const sample of perSample) for (const test of sample) weights.set(test, (weights.get(test) ?? 0) + 1);
  return [...weights].map(([text, weight]) => ({ text, weight }));
}

/** One agreement group: candidates that pass exactly the same set of tests. */
export interface AgreementGroup {
  /** Candidate indices, in input order. */
  members: number[];
  /** The ids of the tests every member passes (and no other), in test order. */
  tests: string[];
  /** Sum of the passed tests' weights. */
  weight: number;
  /** `weight * sqrt(members.length)`. */
  score: number;
}

export interface Agreement {
  /** Groups best first: by score, ties by the earliest member. Candidates that pass no test are in no group. */
  groups: AgreementGroup[];
  /** Per candidate index: its group's position in `groups` (0 = best), or -1 when it passes no test. */
  groupOf: number[];
}

/**
 * Groups candidates by the exact set of tests they pass and scores each group by (the sum of
 * its tests' weights) x sqrt(group size). Scores are compared exactly as weight^2 x size, so
 * e.g. 2 x sqrt(4) and 4 x sqrt(1) tie; a tie goes to the group holding the earlier candidate.
 *
 * @param passed per candidate, the ids of the tests it passes
 * @param tests every test's id and weight, in order (ids absent here are ignored)
 */
export function dualAgreement(passed: readonly (readonly string[])[], tests: readonly { id: string; weight: number }[]): Agreement {
  const order = new Map(tests.map((t, i) => [t.id, i] as const));
  const weightOf = new Map(tests.map((t) => [t.id, t.weight] as const));
  const byKey = new Map<string, AgreementGroup>();
  passed.forEach((ids, candidate) => {
    const set = [...new Set(ids.filter((id) => order.has(id)))].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
    if (set.length === 0) return;
    const key = JSON.stringify(set);
    const group = byKey.get(key);
    if (group !== undefined) group.members.push(candidate);
    else byKey.set(key, { members: [candidate], tests: set, weight: set.reduce((sum, id) => sum + (weightOf.get(id) ?? 0), 0), score: 0 });
  });
  const groups = [...byKey.values()];
  for (const group of groups) group.score = group.weight * Math.sqrt(group.members.length);
  const squared = (g: AgreementGroup): number => g.weight * g.weight * g.members.length;
  groups.sort((a, b) => squared(b) - squared(a) || (a.members[0] ?? 0) - (b.members[0] ?? 0));
  const groupOf = passed.map(() => -1);
  groups.forEach((group, position) => {
    for (const member of group.members) groupOf[member] = position;
  });
  return { groups, groupOf };
}
