/**
 * How candidates and tests are shown to a judge. Deterministic by construction: the same
 * list always renders to the same bytes, so cached judge calls hit.
 */
import type { Annotation, Candidate, UnitTest } from "../graph/ports";

/** `[1]\n<text>\n\n[2]\n<text>`: the numbering the rank and critique parsers read back. */
export function formatNumberedCandidates(candidates: readonly Candidate[], withCritiques = false): string {
  return candidates
    .map((candidate, i) => {
      const lines = [`[${i + 1}]`, candidate.text.trim()];
      if (withCritiques) {
        for (const a of candidate.annotations) {
          if (a.kind === "critique") lines.push(`Reviewer's strengths: ${a.strengths}`, `Reviewer's weaknesses: ${a.weaknesses}`);
        }
      }
      return lines.join("\n");
    })
    .join("\n\n");
}

/** `Test 1: <text>` lines, the numbering the test-result parser reads back. */
export function formatTests(tests: readonly UnitTest[]): string {
  return tests.map((test, i) => `Test ${i + 1}: ${test.text}`).join("\n");
}

/** A copy of the candidate with annotations appended; inputs are shared between nodes, never mutated. */
export function annotate(candidate: Candidate, ...annotations: Annotation[]): Candidate {
  return { ...candidate, annotations: [...candidate.annotations, ...annotations] };
}
