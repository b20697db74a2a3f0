/**
 * Converts a Tree-of-Thoughts Game-of-24 log (princeton-nlp/tree-of-thought-llm, MIT) into
 * replay records. The log is a JSON array of `{idx, ys[], infos[{r}] | accs[], usage_so_far}`:
 * `ys` are the model's samples for puzzle `idx` (0-based; `idx` + 1 is the Rank column of
 * game24.csv), `infos[i].r` (CoT logs) or `accs[i]` (standard logs) says whether sample i is
 * correct, and `usage_so_far` is the run's cumulative token usage.
 *
 * A record's prompt is the puzzle as a user would type it, the four numbers ("4 5 6 10"), not
 * the few-shot prompt GPT-4 saw: an architecture's generate node sends the query as the user
 * message, so `itasca run … --input "4 5 6 10"` finds the record.
 */
import { z } from "zod";
import type { ReplayRecord, ReplaySample } from "../replay-format";
import { apportion } from "./apportion";
import { issuePath, RawFormatError } from "./raw-error";

const UsageSchema = z.object({ prompt_tokens: z.number().nonnegative(), completion_tokens: z.number().nonnegative(), cost: z.number().optional() });

const EntrySchema = z.object({
  idx: z.number().int().nonnegative(),
  ys: z.array(z.string()).min(1),
  infos: z.array(z.object({ r: z.number() })).optional(),
  accs: z.array(z.boolean()).optional(),
  usage_so_far: UsageSchema.optional(),
});

type Entry = z.infer<typeof EntrySchema>;
type Usage = z.infer<typeof UsageSchema>;

export interface Game24ImportOptions {
  /** The raw log's name, for messages and each record's `meta.source`. */
  rawFile: string;
  /** The puzzles CSV's name, for messages. */
  puzzlesFile: string;
  /** The model the log recorded (the log itself does not say). @default "gpt-4" */
  model?: string;
  /** Convert only the first N puzzles of the log. @default every puzzle */
  limit?: number;
  /**
   * Choices drawn per API call when the log was made: ToT's `chatgpt()` asks for at most 20 at
   * a time, so 100 samples are 5 calls, each billed the prompt once.
   * @default 20
   */
  choicesPerCall?: number;
}

/** Puzzles by rank (1-based) from game24.csv, whose columns include `Rank` and `Puzzles`. */
export function parseGame24Puzzles(csv: string, file: string): Map<number, string> {
  const [header = "", ...rows] = csv.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = header.split(",").map((c) => c.trim());
  const rankAt = columns.indexOf("Rank");
  const puzzleAt = columns.indexOf("Puzzles");
  if (rankAt < 0 || puzzleAt < 0) throw new RawFormatError(`${file}: not a Game-of-24 puzzles CSV (the header needs "Rank" and "Puzzles" columns, got "${header.slice(0, 80)}")`);
  const puzzles = new Map<number, string>();
  rows.forEach((row, i) => {
    const cells = row.split(",");
    const rank = Number(cells[rankAt]);
    const puzzle = cells[puzzleAt]?.trim() ?? "";
    if (!Number.isInteger(rank) || !/^\d+( \d+){3}$/.test(puzzle)) throw new RawFormatError(`${file}:${i + 2}: expected a rank and four numbers, got "${row.slice(0, 80)}"`);
    puzzles.set(rank, puzzle);
  });
  return puzzles;
}

function parseLog(rawText: string, file: string): Entry[] {
  let json: unknown;
  try {
    json = JSON.parse(rawText);
  } catch (error) {
    throw new RawFormatError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = z.array(EntrySchema).min(1).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RawFormatError(`${file}: not a Tree-of-Thoughts Game-of-24 log (a JSON array of {idx, ys, infos | accs, usage_so_far}): ${issuePath(issue?.path ?? [])}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

function labelsOf(entry: Entry, file: string): (boolean | undefined)[] {
  const flags = entry.infos?.map((info) => info.r === 1) ?? entry.accs;
  if (flags === undefined) return entry.ys.map(() => undefined);
  if (flags.length !== entry.ys.length) throw new RawFormatError(`${file}: puzzle idx ${entry.idx} has ${entry.ys.length} samples but ${flags.length} correctness labels`);
  return flags;
}

/**
 * Per-sample tokens from the growth of the cumulative usage: prompt tokens per call are exact;
 * completion tokens are recorded per puzzle only, so they are split by sample length.
 */
function samplesOf(entry: Entry, labels: (boolean | undefined)[], delta: Usage | undefined, choicesPerCall: number): { samples: ReplaySample[]; calls: number } {
  const calls = Math.ceil(entry.ys.length / choicesPerCall);
  const output = delta ? apportion(delta.completion_tokens, entry.ys.map((y) => y.length)) : undefined;
  const input = delta ? Math.round(delta.prompt_tokens / calls) : undefined;
  const samples = entry.ys.map((text, i): ReplaySample => {
    const correct = labels[i];
    return {
      text,
      ...(input !== undefined ? { inputTokens: input } : {}),
      ...(output?.[i] !== undefined ? { outputTokens: output[i] } : {}),
      ...(correct !== undefined ? { label: { correct } } : {}),
    };
  });
  return { samples, calls };
}

/** The usage this entry added, or undefined when the log does not let it be derived. */
function usageDelta(entry: Entry, previous: Usage | undefined): Usage | undefined {
  const now = entry.usage_so_far;
  if (!now) return undefined;
  const before = previous ?? { prompt_tokens: 0, completion_tokens: 0, cost: 0 };
  const delta = { prompt_tokens: now.prompt_tokens - before.prompt_tokens, completion_tokens: now.completion_tokens - before.completion_tokens, cost: (now.cost ?? 0) - (before.cost ?? 0) };
  return delta.prompt_tokens > 0 && delta.completion_tokens > 0 ? delta : undefined;
}

export function convertGame24(rawText: string, puzzlesCsv: string, options: Game24ImportOptions): ReplayRecord[] {
  const { rawFile, puzzlesFile, model = "gpt-4", limit, choicesPerCall = 20 } = options;
  const entries = parseLog(rawText, rawFile);
  const puzzles = parseGame24Puzzles(puzzlesCsv, puzzlesFile);
  const source = rawFile.split(/[\\/]/).at(-1) ?? rawFile;
  const records: ReplayRecord[] = [];
  // Deltas need every earlier entry, so the limit applies after they are computed.
  let previous: Usage | undefined;
  for (const entry of entries) {
    if (limit !== undefined && records.length >= limit) break;
    const rank = entry.idx + 1;
    const puzzle = puzzles.get(rank);
    if (puzzle === undefined) throw new RawFormatError(`${rawFile}: puzzle idx ${entry.idx} has no row with Rank ${rank} in ${puzzlesFile}`);
    const delta = usageDelta(entry, previous);
    previous = entry.usage_so_far;
    const { samples, calls } = samplesOf(entry, labelsOf(entry, rawFile), delta, choicesPerCall);
    const meta: Record<string, unknown> = { rank, source };
    if (delta) Object.assign(meta, { apiCalls: calls, promptTokens: delta.prompt_tokens, completionTokens: delta.completion_tokens, costUsd: Math.round((delta.cost ?? 0) * 1e6) / 1e6 });
    records.push({ id: `game24-${entry.idx}`, model, prompt: puzzle, samples, ...(delta ? { usageEstimated: true } : {}), meta });
  }
  return records;
}
