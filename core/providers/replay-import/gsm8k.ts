/**
 * Converts GSM8K's example model solutions (openai/grade-school-math,
 * `example_model_solutions.jsonl`, MIT) into replay records. Each line is one test problem
 * (the lines follow the order of GSM8K's test.jsonl) with `question`, `ground_truth` (ending
 * "A: <answer>") and one object `{solution, is_correct}` per system, e.g. `175b_verification`.
 *
 * One record per problem and system: id `gsm8k-<0-based line>`, model = the system key as the
 * file names it, prompt = the question, one sample (the solution) labelled with `is_correct`.
 * The file records no token counts, so the provider estimates them.
 */
import { z } from "zod";
import type { ReplayRecord } from "../replay-format";
import { issuePath, RawFormatError } from "./raw-error";

const ProblemSchema = z.looseObject({ question: z.string().min(1), ground_truth: z.string() });
const SolutionSchema = z.object({ solution: z.string(), is_correct: z.boolean() });

export interface Gsm8kImportOptions {
  /** The raw file's name, for messages and each record's `meta.source`. */
  rawFile: string;
  /** Convert only the first N problems (each gives one record per system). @default every problem */
  limit?: number;
}

/** The text after the last "A:" (solutions) or "####" (the test set's answers), if any. */
function finalAnswer(text: string): string | undefined {
  const match = /(?:^|\n)\s*(?:A:|####)\s*([^\n]+?)\s*$/.exec(text);
  return match?.[1];
}

export function convertGsm8k(rawText: string, options: Gsm8kImportOptions): ReplayRecord[] {
  const { rawFile, limit } = options;
  const source = rawFile.split(/[\\/]/).at(-1) ?? rawFile;
  const records: ReplayRecord[] = [];
  const lines = rawText.split(/\r?\n/);
  let problem = 0;
  for (let i = 0; i < lines.length && (limit === undefined || problem < limit); i++) {
    const line = lines[i]?.trim() ?? "";
    if (line === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new RawFormatError(`${rawFile}:${i + 1}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = ProblemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RawFormatError(`${rawFile}:${i + 1}: not a GSM8K model-solutions line ({question, ground_truth, <system>: {solution, is_correct}}): ${issuePath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`);
    }
    const { question, ground_truth: groundTruth, ...rest } = parsed.data;
    const answer = finalAnswer(groundTruth);
    const systems = Object.entries(rest).flatMap(([system, value]) => {
      const solution = SolutionSchema.safeParse(value);
      return solution.success ? [{ system, ...solution.data }] : [];
    });
    if (systems.length === 0) throw new RawFormatError(`${rawFile}:${i + 1}: the line holds no system solutions (objects {solution, is_correct})`);
    for (const { system, solution, is_correct: correct } of systems) {
      const sampleAnswer = finalAnswer(solution);
      records.push({
        id: `gsm8k-${problem}`,
        model: system,
        prompt: question,
        samples: [{ text: solution, label: { correct, ...(sampleAnswer !== undefined ? { answer: sampleAnswer } : {}) } }],
        meta: { ...(answer !== undefined ? { answer } : {}), source },
      });
    }
    problem++;
  }
  return records;
}
