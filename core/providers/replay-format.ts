/**
 * The replay file format: JSONL, one record per line, each holding the recorded samples of one
 * model on one prompt (presets/replay/README.md documents it for users). This file is the
 * schema and a pure parser; reading files and serving samples live in replay-index.ts and
 * replay.ts.
 */
import { z } from "zod";

/** What is known about a recorded sample's quality (from the source data set). */
export const ReplayLabelSchema = z
  .object({
    /** Whether the sample solves the problem, as the source data judged it. */
    correct: z.boolean().optional(),
    /** The sample's final answer, when the source extracted one. */
    answer: z.string().optional(),
    /** A graded score, when the source gave one. */
    score: z.number().optional(),
  })
  .strict();

export const ReplaySampleSchema = z
  .object({
    /** The generated text, exactly as recorded. */
    text: z.string(),
    /** Prompt tokens of a one-sample call; estimated from the messages when absent. */
    inputTokens: z.number().int().nonnegative().optional(),
    /** Completion tokens of this sample; estimated from the text when absent. */
    outputTokens: z.number().int().nonnegative().optional(),
    label: ReplayLabelSchema.optional(),
  })
  .strict();

export const ReplayRecordSchema = z
  .object({
    /** Problem id, unique per model within a file, e.g. `game24-900`; a request may name it instead of the prompt. */
    id: z.string().min(1),
    /** The model that produced the samples, e.g. `gpt-4`. */
    model: z.string().min(1),
    /** The user message the samples answer; matched after whitespace normalisation. */
    prompt: z.string().min(1),
    /** Sample i is served for sample index i. */
    samples: z.array(ReplaySampleSchema).min(1),
    /** True when the per-sample token counts were derived (e.g. apportioned from a recorded total) rather than recorded per sample. */
    usageEstimated: z.boolean().optional(),
    /** Anything else worth keeping from the source (reference answer, recorded totals); not used for serving. */
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type ReplayLabel = z.infer<typeof ReplayLabelSchema>;
export type ReplaySample = z.infer<typeof ReplaySampleSchema>;
export type ReplayRecord = z.infer<typeof ReplayRecordSchema>;

/** A record with the (1-based) line it came from, for error messages. */
export interface LocatedRecord {
  record: ReplayRecord;
  line: number;
}

export interface ParsedReplayFile {
  records: LocatedRecord[];
  /** One message per problem: `<file>:<line>: <path>: <message>`. */
  errors: string[];
}

/** Stops listing after this many problems: a wholly wrong file should not print thousands of lines. */
const MAX_ERRORS = 20;

function zodPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(record)" : path.map(String).join(".");
}

/**
 * Parses and validates every line of a replay file. Blank lines are skipped. Duplicate
 * (id, model) pairs are errors, since sample i of a record must mean one thing.
 * @param file How to name the file in error messages.
 */
export function parseReplayJsonl(text: string, file: string): ParsedReplayFile {
  const records: LocatedRecord[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const source = lines[i]?.trim() ?? "";
    if (source === "") continue;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(source);
    } catch (error) {
      errors.push(`${file}:${line}: (record): not valid JSON (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    const parsed = ReplayRecordSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) errors.push(`${file}:${line}: ${zodPath(issue.path)}: ${issue.message}`);
      continue;
    }
    const key = JSON.stringify([parsed.data.id, parsed.data.model]);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push(`${file}:${line}: id: record "${parsed.data.id}" of model "${parsed.data.model}" already appears on line ${first}`);
      continue;
    }
    seen.set(key, line);
    records.push({ record: parsed.data, line });
  }
  if (errors.length >= MAX_ERRORS) errors.push(`${file}: stopped after ${MAX_ERRORS} problems`);
  if (records.length === 0 && errors.length === 0) errors.push(`${file}:1: (record): the file holds no records`);
  return { records, errors };
}

/** One record as a JSONL line, keys in schema order so regenerated files diff cleanly. */
export function formatReplayRecord(record: ReplayRecord): string {
  const ordered: ReplayRecord = {
    id: record.id,
    model: record.model,
    prompt: record.prompt,
    samples: record.samples.map((s) => ({
      text: s.text,
      ...(s.inputTokens !== undefined ? { inputTokens: s.inputTokens } : {}),
      ...(s.outputTokens !== undefined ? { outputTokens: s.outputTokens } : {}),
      ...(s.label !== undefined ? { label: s.label } : {}),
    })),
    ...(record.usageEstimated !== undefined ? { usageEstimated: record.usageEstimated } : {}),
    ...(record.meta !== undefined ? { meta: record.meta } : {}),
  };
  return JSON.stringify(ordered);
}

/** Whitespace-normalised text: how prompts and request messages are compared. */
export function normalizePrompt(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}
