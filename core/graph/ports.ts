/**
 * Typed ports: the only way data moves between nodes (ARCHITECTURE.md section 3).
 * Critiques, verdicts, ranks, test results and extracted answers are annotations on the
 * candidate they judge, so they can never be attached to the wrong one.
 */

import { z } from "zod";

/** The four kinds of value that flow along edges. */
export const PORT_TYPES = ["query", "candidates", "tests", "answer"] as const;
export type PortType = (typeof PORT_TYPES)[number];

/** The task text, with an optional system prompt and reference context (a strict object: an unknown key is a mistake worth reporting). */
export const QuerySchema = z.strictObject({
  text: z.string(),
  system: z.string().optional(),
  context: z.string().optional(),
});
export type Query = z.infer<typeof QuerySchema>;

/** Where a candidate came from: the node, the model id and the sample index. */
export interface CandidateOrigin {
  node: string;
  model?: string;
  sample: number;
}

/** A judgement attached to one candidate by the node that made it. */
export type Annotation =
  | { kind: "critique"; node: string; strengths: string; weaknesses: string }
  | { kind: "rank"; node: string; rank: number; score?: number }
  | { kind: "verdict"; node: string; pass: boolean; reason: string }
  | { kind: "test-result"; node: string; testId: string; pass: boolean; reason: string }
  | { kind: "answer"; node: string; value: string | null; method: string }
  | { kind: "warning"; node: string; message: string };

export type AnnotationKind = Annotation["kind"];

/** One response in a list of candidates. */
export interface Candidate {
  id: string;
  text: string;
  origin: CandidateOrigin;
  annotations: Annotation[];
}

/** A unit test: a code assert, or a check in natural language. */
export interface UnitTest {
  id: string;
  text: string;
  kind: "assert" | "natural";
  /**
   * How many times the generator produced this test (its weight in CodeT-style selection);
   * absent means 1. Set when identical tests from several samples were merged into one.
   */
  weight?: number;
}

/** The final single response. */
export interface Answer {
  text: string;
  /** The candidate the answer was taken from, when there is one. */
  candidateId?: string;
  /** Votes per distinct extracted answer, when the answer came from a vote. */
  votes?: Record<string, number>;
}

/** The value carried by each port type. */
export interface PortValueMap {
  query: Query;
  candidates: Candidate[];
  tests: UnitTest[];
  answer: Answer;
}

/** Whether several edges may feed one input of this type (their values are concatenated). */
export function portTypeAcceptsMany(type: PortType): boolean {
  return type === "candidates" || type === "tests";
}
