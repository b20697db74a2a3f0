/**
 * `npm run bench:search`: how many evaluations each search algorithm needs to find a
 * configuration within 95% of the best, on spaces where every configuration's dev score is
 * known exactly, as ratios to random search (Archon's Table 27: at 10 calls per query Bayesian
 * optimisation needed 254 evaluations vs 387 for random, 0.66x; at 50 calls 589 vs 5,843,
 * 0.10x; the goal here is <= 0.09x for the best algorithm at both budgets, counting scored
 * items for multi-fidelity search).
 *
 * The data: GPT-4's recorded Game-of-24 samples (Tree of Thoughts, MIT): puzzles 900-999 x 100
 * samples, chain-of-thought and standard prompts, read from ../shared/replay/raw. A
 * configuration's score is computed from the recorded texts exactly as the architecture would
 * compute it: the game24 program check (core/nodes/game24-check.ts), the vote node's regex
 * extraction (core/nodes/extract.ts) with its tie rule, and the game24 scorer; its cost is the
 * recorded tokens per query. The dev set is all 100 puzzles, in order; a fidelity of f items
 * is the first f. Without ../shared the bench says so and falls back to the shipped 10-puzzle
 * chain-of-thought slice and the game24-replay preset space, labelled (ITASCA_BENCH_NO_SHARED=1
 * forces the fallback).
 *
 * The algorithms are driven through the same suggest/observe interface the runner uses, one
 * suggestion at a time; configurations over the token budget are reported `excluded` (no
 * evaluation, as the runner's estimator does). "Reached" means the algorithm's incumbent (the
 * best score at the highest fidelity it has scored, as `incumbentOf` picks it) has a true dev
 * score >= 95% of the optimum under the budget. Items: dev items scored until then, a promoted
 * configuration paying only for its new items (the runner's call cache). At the end a few
 * configurations are evaluated for real through the engine on the replay provider, to check
 * that the exact objective is what `itasca eval` measures. Never fails on speed.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SEARCH_ALGORITHMS, type SearchAlgorithmName, type SearchConfig } from "../../core/api/search-types";
import { startEvaluation } from "../../core/eval/run";
import { extractAnswer } from "../../core/nodes/extract";
import { checkGame24Response, parsePuzzleNumbers } from "../../core/nodes/game24-check";
import { ModelRegistry } from "../../core/providers/models";
import { formatReplayRecord, parseReplayJsonl, type ReplayRecord } from "../../core/providers/replay-format";
import { convertGame24 } from "../../core/providers/replay-import/game24";
import { createAlgorithm, incumbentOf } from "../../core/search/algorithms";
import { configKey, enumerateConfigs, loadSearchSpace, materialize, spaceSize, type ResolvedSpace } from "../../core/search/space";
import { openEngine } from "../../core/store/open-engine";
import { ROOT } from "../helpers/architectures";

const SEEDS = Array.from({ length: 10 }, (_, i) => i);
/** Seeds of the reference random-search mean (a steadier denominator than 10 seeds). */
const REFERENCE_SEEDS = 300;
const TARGET = 0.95;
const GOAL_RATIO = 0.09;
const VOTE_PATTERN = "Answer:\\s*([^=\\n]+?)\\s*=\\s*24";
const MAX_SAMPLES = 100;
const COT_MODEL = "replay/gpt-4-game24-cot";
const STANDARD_MODEL = "replay/gpt-4-game24-standard";
/** Evaluations an algorithm may use before it is counted as not reaching the target. */
const MAX_EVALUATIONS = 600;

const RAW_DIR = join(ROOT, "../shared/replay/raw");
const RAW_COT = join(RAW_DIR, "game24-gpt4-cot-100samples.json");
const RAW_STANDARD = join(RAW_DIR, "game24-gpt4-standard-100samples.json");
const PUZZLES_CSV = join(ROOT, "../shared/datasets/game24.csv");
const SHIPPED_SLICE = join(ROOT, "presets/replay/game24-gpt4-cot.jsonl");

// ---------------------------------------------------------------------------------------------
// The recorded data

interface Puzzle {
  id: string;
  input: string;
  rank: number;
}

/** One prompt variant's samples of every puzzle, with what the architecture's nodes make of them. */
interface Variant {
  name: "cot" | "standard";
  model: string;
  records: ReplayRecord[];
  /** [puzzle][sample]: the game24 program check passes (verify, and the scorer of a first-sample answer). */
  pass: boolean[][];
  /** [puzzle][sample]: the vote node's extracted answer. */
  vote: (string | null)[][];
  /** [puzzle][sample]: the source's label. */
  label: (boolean | undefined)[][];
  /** tokens[n]: mean over puzzles of the recorded input + output tokens of samples 0..n-1. */
  tokens: number[];
}

interface Data {
  full: boolean;
  label: string;
  puzzles: Puzzle[];
  numbers: number[][];
  variants: Variant[];
}

function variantOf(name: Variant["name"], model: string, records: ReplayRecord[], numbers: number[][]): Variant {
  const pass = records.map((r, p) => r.samples.map((s) => checkGame24Response(s.text, numbers[p] as number[]).ok));
  const vote = records.map((r) => r.samples.map((s) => extractAnswer(s.text, "regex", VOTE_PATTERN)));
  const label = records.map((r) => r.samples.map((s) => s.label?.correct));
  // Puzzles whose log has no usage for them (the CoT log's cumulative usage restarts once) are left out of the mean.
  const tokens = [0];
  for (let n = 1; n <= MAX_SAMPLES; n++) {
    let sum = 0;
    let counted = 0;
    for (const r of records) {
      const s = r.samples[n - 1];
      if (s?.inputTokens === undefined || s.outputTokens === undefined) continue;
      sum += s.inputTokens + s.outputTokens;
      counted++;
    }
    tokens.push((tokens[n - 1] as number) + (counted === 0 ? 0 : sum / counted));
  }
  return { name, model, records, pass, vote, label, tokens };
}

function loadData(): Data {
  // ITASCA_BENCH_NO_SHARED=1 runs the fallback even where ../shared is present (to check it).
  if (process.env["ITASCA_BENCH_NO_SHARED"] !== "1" && existsSync(RAW_COT) && existsSync(RAW_STANDARD) && existsSync(PUZZLES_CSV)) {
    const csv = readFileSync(PUZZLES_CSV, "utf8");
    const cot = convertGame24(readFileSync(RAW_COT, "utf8"), csv, { rawFile: RAW_COT, puzzlesFile: PUZZLES_CSV });
    const standard = convertGame24(readFileSync(RAW_STANDARD, "utf8"), csv, { rawFile: RAW_STANDARD, puzzlesFile: PUZZLES_CSV });
    const puzzles = cot.map((r) => ({ id: r.id, input: r.prompt, rank: r.meta?.["rank"] as number }));
    if (standard.some((r, i) => r.id !== puzzles[i]?.id)) throw new Error("the CoT and standard logs cover different puzzles");
    const numbers = puzzles.map((p) => parsePuzzleNumbers(p.input) as number[]);
    return {
      full: true,
      label: `../shared: GPT-4 on Game-of-24 puzzles 900-999 (${puzzles.length} puzzles x ${MAX_SAMPLES} samples), chain-of-thought and standard prompts`,
      puzzles,
      numbers,
      variants: [variantOf("cot", COT_MODEL, cot, numbers), variantOf("standard", STANDARD_MODEL, standard, numbers)],
    };
  }
  const records = parseReplayJsonl(readFileSync(SHIPPED_SLICE, "utf8"), SHIPPED_SLICE).records.map((r) => r.record);
  const puzzles = records.map((r) => ({ id: r.id, input: r.prompt, rank: r.meta?.["rank"] as number }));
  const numbers = puzzles.map((p) => parsePuzzleNumbers(p.input) as number[]);
  return {
    full: false,
    label: `FALLBACK (../shared absent, or ITASCA_BENCH_NO_SHARED=1; looked for ${RAW_COT}, ${RAW_STANDARD} and ${PUZZLES_CSV}): the shipped slice presets/replay/game24-gpt4-cot.jsonl, ${puzzles.length} puzzles x ${MAX_SAMPLES} chain-of-thought samples only; small data, so read the figures as a smoke test`,
    puzzles,
    numbers,
    variants: [variantOf("cot", COT_MODEL, records, numbers)],
  };
}

// ---------------------------------------------------------------------------------------------
// The exact objective: vote, verify + vote and the first sample over every (a, b) prefix pair

/** A running majority vote with the vote node's rule: most votes, a tie to the earliest first occurrence. */
class VoteState {
  counts = new Map<string, number>();
  first = new Map<string, number>();
  winner: string | undefined;
  /** Position of the first candidate voted over (the answer when no candidate has a value). */
  head: { variant: number; sample: number } | undefined;

  add(value: string | null, position: number, origin: { variant: number; sample: number }): void {
    this.head ??= origin;
    if (value === null) return;
    const count = (this.counts.get(value) ?? 0) + 1;
    this.counts.set(value, count);
    if (!this.first.has(value)) this.first.set(value, position);
    const w = this.winner;
    if (w === undefined || count > (this.counts.get(w) as number) || (count === this.counts.get(w) && (this.first.get(value) as number) < (this.first.get(w) as number))) this.winner = value;
  }

  clone(): VoteState {
    const c = new VoteState();
    c.counts = new Map(this.counts);
    c.first = new Map(this.first);
    c.winner = this.winner;
    c.head = this.head;
    return c;
  }
}

const AGGREGATIONS = ["first", "vote", "verify-vote"] as const;
type Aggregation = (typeof AGGREGATIONS)[number];

/** Prefix counts of correct puzzles: hits[((agg * 101 + a) * 101 + b) * (P + 1) + f]. */
class Objective {
  readonly puzzleCount: number;
  private readonly hits: Uint16Array;
  private readonly stride: number;

  constructor(private readonly data: Data) {
    const P = data.puzzles.length;
    this.puzzleCount = P;
    this.stride = P + 1;
    const S = MAX_SAMPLES + 1;
    this.hits = new Uint16Array(3 * S * S * this.stride);
    const [cot, standard] = data.variants as [Variant, Variant | undefined];
    const correctCache = data.puzzles.map(() => new Map<string, boolean>());
    const correct = (p: number, answer: string): boolean => {
      const cache = correctCache[p] as Map<string, boolean>;
      let ok = cache.get(answer);
      if (ok === undefined) {
        ok = checkGame24Response(answer, data.numbers[p] as number[]).ok;
        cache.set(answer, ok);
      }
      return ok;
    };
    const variants = [cot, standard];
    /** The answer a vote state gives, scored: its winner, else its first candidate's full text. */
    const voted = (p: number, state: VoteState): boolean => {
      if (state.winner !== undefined) return correct(p, state.winner);
      const head = state.head;
      return head === undefined ? false : (variants[head.variant]?.pass[p]?.[head.sample] ?? false);
    };
    const bMax = standard === undefined ? 0 : MAX_SAMPLES;
    for (let p = 0; p < P; p++) {
      const plain = new VoteState();
      const passing = new VoteState();
      for (let a = 0; a <= MAX_SAMPLES; a++) {
        if (a > 0) {
          const origin = { variant: 0, sample: a - 1 };
          plain.add(cot.vote[p]?.[a - 1] ?? null, a - 1, origin);
          if (cot.pass[p]?.[a - 1] === true) passing.add(cot.vote[p]?.[a - 1] ?? null, a - 1, origin);
        }
        const plainB = plain.clone();
        const passingB = passing.clone();
        for (let b = 0; b <= bMax; b++) {
          if (b > 0 && standard !== undefined) {
            const origin = { variant: 1, sample: b - 1 };
            plainB.add(standard.vote[p]?.[b - 1] ?? null, a + b - 1, origin);
            if (standard.pass[p]?.[b - 1] === true) passingB.add(standard.vote[p]?.[b - 1] ?? null, a + b - 1, origin);
          }
          if (a === 0 && b === 0) continue;
          const vote = voted(p, plainB);
          // verify keeps the passing candidates, or all of them (with a warning) when none passes.
          const verifyVote = passingB.head !== undefined ? voted(p, passingB) : vote;
          const first = a > 0 ? (cot.pass[p]?.[0] ?? false) : (standard?.pass[p]?.[0] ?? false);
          for (const [agg, ok] of [[0, first], [1, vote], [2, verifyVote]] as const) {
            if (ok) this.hits[this.index(agg, a, b) + p + 1] = 1;
          }
        }
      }
    }
    // Prefix sums over puzzles.
    for (let base = 0; base < this.hits.length; base += this.stride) {
      for (let f = 1; f <= P; f++) this.hits[base + f] = (this.hits[base + f] as number) + (this.hits[base + f - 1] as number);
    }
  }

  private index(agg: number, a: number, b: number): number {
    return ((agg * (MAX_SAMPLES + 1) + a) * (MAX_SAMPLES + 1) + b) * this.stride;
  }

  /** Accuracy on the first `fidelity` puzzles. */
  score(aggregation: Aggregation, a: number, b: number, fidelity: number): number {
    const f = Math.min(fidelity, this.puzzleCount);
    return (this.hits[this.index(AGGREGATIONS.indexOf(aggregation), a, b) + f] as number) / f;
  }

  /** Recorded tokens per query (mean over the dev puzzles). */
  tokens(a: number, b: number): number {
    const [cot, standard] = this.data.variants;
    return (cot?.tokens[a] ?? 0) + (b > 0 ? (standard?.tokens[b] ?? 0) : 0);
  }
}

/** How each bench space's configuration maps to (aggregation, CoT samples, standard samples). */
type Decode = (config: SearchConfig) => { aggregation: Aggregation; a: number; b: number };

const decodePrompt: Decode = (c) => {
  const aggregation = c["aggregation"] as Aggregation;
  const n = aggregation === "first" ? 1 : (c["samples"] as number);
  return c["prompt"] === STANDARD_MODEL ? { aggregation, a: 0, b: n } : { aggregation, a: n, b: 0 };
};

const decodeEnsemble: Decode = (c) => {
  const aggregation = c["aggregation"] as Aggregation;
  const generators = c["generators"] as string[];
  const n = (key: string): number => (aggregation === "first" ? 1 : (c[key] as number));
  return { aggregation, a: generators.includes("cot") ? n("samples_cot") : 0, b: generators.includes("standard") ? n("samples_standard") : 0 };
};

const decodePreset: Decode = (c) => {
  const aggregation = c["aggregation"] as Aggregation;
  return { aggregation, a: aggregation === "first" ? 1 : (c["samples"] as number), b: 0 };
};

// ---------------------------------------------------------------------------------------------
// Driving the algorithms

interface Setting {
  space: ResolvedSpace;
  title: string;
  decode: Decode;
  budgetTokens: number;
  budgetLabel: string;
}

interface RunResult {
  reached: boolean;
  evaluations: number;
  items: number;
  excluded: number;
  ms: number;
}

function runOnce(name: SearchAlgorithmName, setting: Setting, objective: Objective, target: number, seed: number, cap: number): RunResult {
  const started = performance.now();
  const P = objective.puzzleCount;
  const algorithm = createAlgorithm(name, setting.space, { seed, maxTrials: cap, maxFidelity: P });
  const scoredTo = new Map<string, number>();
  const trials: { config: SearchConfig; fidelity: number; score: number }[] = [];
  let evaluations = 0;
  let items = 0;
  let excluded = 0;
  while (!algorithm.done) {
    const batch = algorithm.suggest(1);
    if (batch.length === 0) break;
    for (const suggestion of batch) {
      const { aggregation, a, b } = setting.decode(suggestion.config);
      if (objective.tokens(a, b) > setting.budgetTokens) {
        excluded++;
        algorithm.observe(suggestion, { excluded: true });
        continue;
      }
      const key = configKey(setting.space, suggestion.config);
      const before = scoredTo.get(key) ?? 0;
      items += Math.max(0, suggestion.fidelity - before);
      scoredTo.set(key, Math.max(before, suggestion.fidelity));
      evaluations++;
      const score = objective.score(aggregation, a, b, suggestion.fidelity);
      algorithm.observe(suggestion, { score });
      trials.push({ config: suggestion.config, fidelity: suggestion.fidelity, score });
      const best = incumbentOf(trials);
      if (best !== undefined) {
        const d = setting.decode(best.config);
        if (objective.score(d.aggregation, d.a, d.b, P) >= target - 1e-12) return { reached: true, evaluations, items, excluded, ms: performance.now() - started };
      }
    }
  }
  return { reached: false, evaluations, items, excluded, ms: performance.now() - started };
}

const mean = (v: readonly number[]): number => (v.length === 0 ? Number.NaN : v.reduce((x, y) => x + y, 0) / v.length);
const median = (v: readonly number[]): number => {
  const s = [...v].sort((x, y) => x - y);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "n/a");

function describe(setting: Setting, config: SearchConfig): string {
  const d = setting.decode(config);
  const parts: string[] = [d.aggregation];
  if (d.a > 0) parts.push(`CoT x${d.a}`);
  if (d.b > 0) parts.push(`standard x${d.b}`);
  return parts.join(", ");
}

interface SettingSummary {
  title: string;
  budgetLabel: string;
  bestRatio: number;
  bestName: string;
}

function benchSetting(setting: Setting, objective: Objective): SettingSummary {
  const P = objective.puzzleCount;
  const all = [...enumerateConfigs(setting.space)].map((config) => {
    const d = setting.decode(config);
    return { config, score: objective.score(d.aggregation, d.a, d.b, P), tokens: objective.tokens(d.a, d.b) };
  });
  const feasible = all.filter((c) => c.tokens <= setting.budgetTokens);
  const optimum = feasible.reduce((best, c) => (c.score > best.score ? c : best));
  const target = TARGET * optimum.score;
  const hitting = feasible.filter((c) => c.score >= target - 1e-12);
  const cap = Math.min(MAX_EVALUATIONS, feasible.length);
  console.log("");
  console.log(`== ${setting.title}, ${setting.budgetLabel}`);
  console.log(
    `   ${all.length.toLocaleString("en-US")} configurations, ${feasible.length.toLocaleString("en-US")} within budget; true optimum ${fmt(optimum.score * 100)}% (${describe(setting, optimum.config)}, ${fmt(optimum.tokens, 0)} tokens/query); target 95% = ${fmt(target * 100, 2)}%, reached by ${hitting.length} configuration(s)`,
  );

  if (optimum.score === 0) {
    console.log("   degenerate: every configuration within this budget scores 0, so any first evaluation is optimal; no ratios");
    return { title: setting.title, budgetLabel: setting.budgetLabel, bestRatio: Number.NaN, bestName: "" };
  }
  const reference = Array.from({ length: REFERENCE_SEEDS }, (_, i) => runOnce("random", setting, objective, target, 1000 + i, cap));
  const referenceEvaluations = mean(reference.map((r) => r.evaluations));
  const rows: { name: string; results: RunResult[] }[] = SEARCH_ALGORITHMS.map((name) => ({ name, results: SEEDS.map((seed) => runOnce(name, setting, objective, target, seed, cap)) }));
  const random = rows.find((r) => r.name === "random") as { results: RunResult[] };
  const randomEvaluations = mean(random.results.map((r) => r.evaluations));
  const randomItems = mean(random.results.map((r) => r.items));

  const header = ["algorithm", "reached", "evaluations to 95% (mean / median)", "vs random", "items scored (mean)", "vs random", `vs random (${REFERENCE_SEEDS} seeds)`, "excluded suggestions", "ms/run"];
  const table: string[][] = [header];
  let bestRatio = Infinity;
  let bestName = "";
  for (const { name, results } of rows) {
    const reached = results.filter((r) => r.reached);
    const evaluations = results.map((r) => r.evaluations);
    const items = results.map((r) => r.items);
    const evalRatio = mean(evaluations) / randomEvaluations;
    const itemRatio = mean(items) / randomItems;
    const cost = name === "halving" ? itemRatio : evalRatio;
    // Only an algorithm that reached the target on every seed can be the best.
    if (name !== "random" && reached.length === results.length && cost < bestRatio) [bestRatio, bestName] = [cost, name];
    table.push([
      name,
      `${reached.length}/${results.length}`,
      `${fmt(mean(evaluations))} / ${fmt(median(evaluations))}${reached.length < results.length ? ` (${results.length - reached.length} stopped at ${cap})` : ""}`,
      `${fmt(evalRatio, 2)}x`,
      fmt(mean(items), 0),
      `${fmt(itemRatio, 2)}x`,
      `${fmt(mean(items) / (referenceEvaluations * P), 2)}x`,
      fmt(mean(results.map((r) => r.excluded))),
      fmt(mean(results.map((r) => r.ms)), 0),
    ]);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
  for (const [i, row] of table.entries()) {
    console.log(`   | ${row.map((cell, j) => cell.padEnd(widths[j] as number)).join(" | ")} |`);
    if (i === 0) console.log(`   |${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  }
  console.log(`   random search over ${REFERENCE_SEEDS} further seeds: ${fmt(referenceEvaluations)} evaluations (${fmt(referenceEvaluations * P, 0)} items) on average`);
  console.log(`   best: ${bestName === "" ? "none reached the target on every seed" : `${bestName} at ${fmt(bestRatio, 2)}x random (${bestName === "halving" ? "items" : "evaluations"})`}; goal <= ${GOAL_RATIO}x: ${bestRatio <= GOAL_RATIO ? "met" : "not met"}`);
  return { title: setting.title, budgetLabel: setting.budgetLabel, bestRatio, bestName };
}

// ---------------------------------------------------------------------------------------------
// The cross-check: a few configurations evaluated for real, through the engine

async function crossCheck(data: Data, checks: { setting: Setting; config: SearchConfig }[], objective: Objective): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "itasca-bench-search-"));
  try {
    const entries = data.variants.map((v) => {
      const file = join(dir, `${v.name}.jsonl`);
      writeFileSync(file, v.records.map((r) => `${formatReplayRecord(r)}\n`).join(""));
      return { id: v.model, provider: "replay" as const, model: file, priceInPerMTok: 0, priceOutPerMTok: 0, maxConcurrency: 64 };
    });
    const dataset = join(dir, "game24-dev.csv");
    writeFileSync(dataset, `Rank,Puzzles\n${data.puzzles.map((p) => `${p.rank},${p.input}`).join("\n")}\n`);
    const opened = openEngine({ env: {}, models: new ModelRegistry().withEntries(entries), home: join(dir, "home") });
    try {
      let agree = 0;
      for (const { setting, config } of checks) {
        const d = setting.decode(config);
        const expected = objective.score(d.aggregation, d.a, d.b, objective.puzzleCount);
        const handle = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture: materialize(setting.space, config), dataset, format: "game24", concurrency: 16 });
        const report = await handle.done;
        const same = Math.abs(report.accuracy - expected) < 1e-9 && report.scored === objective.puzzleCount;
        if (same) agree++;
        console.log(`   ${same ? "agrees" : "DIFFERS"}: ${setting.space.name} ${describe(setting, config)}: engine ${fmt(report.accuracy * 100)}% (${report.scored}/${report.items} scored, ${report.usage.calls} calls), exact objective ${fmt(expected * 100)}%`);
      }
      console.log(`   ${agree}/${checks.length} configurations: the engine's accuracy equals the bench's exact objective`);
    } finally {
      await opened.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const data = loadData();
  console.log(`bench:search: data: ${data.label}`);
  let samples = 0;
  let disagree = 0;
  for (const v of data.variants) {
    v.pass.forEach((row, p) =>
      row.forEach((pass, i) => {
        const label = v.label[p]?.[i];
        if (label === undefined) return;
        samples++;
        if (label !== pass) disagree++;
      }),
    );
  }
  console.log(`bench:search: the game24 checker agrees with the recorded labels on ${samples - disagree}/${samples} samples`);
  const objective = new Objective(data);
  const cotSample = (data.variants[0]?.tokens[MAX_SAMPLES] ?? MAX_SAMPLES) / MAX_SAMPLES;
  // Budgets as Archon's 10 and 50 calls per query, in recorded tokens: 10 and 50 mean CoT samples, rounded to 100.
  const budget = (calls: number): number => Math.round((calls * cotSample) / 100) * 100;
  const budgets = [
    { tokens: budget(10), label: `tight budget ${budget(10).toLocaleString("en-US")} tokens/query (10 mean CoT samples)` },
    { tokens: budget(50), label: `loose budget ${budget(50).toLocaleString("en-US")} tokens/query (50 mean CoT samples)` },
  ];
  const spaces = data.full
    ? [
        { file: join(ROOT, "tests/fixtures/search/bench-game24-prompt.space.json"), title: "space 1: prompt x aggregation x samples", decode: decodePrompt },
        { file: join(ROOT, "tests/fixtures/search/bench-game24-ensemble.space.json"), title: "space 2: generators {CoT, standard, both} x samples of each x aggregation", decode: decodeEnsemble },
      ]
    : [{ file: join(ROOT, "presets/spaces/game24-replay.space.json"), title: "FALLBACK space: game24-replay preset (aggregation x samples, CoT only, 10 puzzles)", decode: decodePreset }];
  const summaries: SettingSummary[] = [];
  const checks: { setting: Setting; config: SearchConfig }[] = [];
  for (const { file, title, decode } of spaces) {
    const space = await loadSearchSpace(file);
    console.log(`bench:search: ${space.name}: ${spaceSize(space)?.toLocaleString("en-US")} configurations (${file.slice(ROOT.length)})`);
    for (const b of budgets) {
      const setting: Setting = { space, title, decode, budgetTokens: b.tokens, budgetLabel: b.label };
      summaries.push(benchSetting(setting, objective));
      // The optimum under this budget, for the cross-check.
      const feasible = [...enumerateConfigs(space)].filter((c) => {
        const d = decode(c);
        return objective.tokens(d.a, d.b) <= b.tokens;
      });
      const best = feasible.reduce((x, c) => {
        const dx = decode(x);
        const dc = decode(c);
        return objective.score(dc.aggregation, dc.a, dc.b, objective.puzzleCount) > objective.score(dx.aggregation, dx.a, dx.b, objective.puzzleCount) ? c : x;
      });
      checks.push({ setting, config: best });
    }
    const setting: Setting = { space, title, decode, budgetTokens: Infinity, budgetLabel: "" };
    const sample = [...enumerateConfigs(space)].filter((c) => {
      const d = decode(c);
      return d.aggregation !== "verify-vote" || d.a + d.b <= 12;
    });
    for (const i of [0, Math.floor(sample.length / 3), Math.floor((2 * sample.length) / 3)]) if (sample[i] !== undefined) checks.push({ setting, config: sample[i] as SearchConfig });
  }

  console.log("");
  console.log("== summary: the best algorithm's cost to reach 95% of the optimum, as a ratio to random search (halving counted in scored items)");
  for (const s of summaries) console.log(`   ${s.title}, ${s.budgetLabel}: ${Number.isNaN(s.bestRatio) ? "degenerate (no ratio)" : s.bestName === "" ? "none reached it on every seed" : `${s.bestName} ${fmt(s.bestRatio, 2)}x`} (goal <= ${GOAL_RATIO}x: ${s.bestRatio <= GOAL_RATIO ? "met" : "not met"})`);
  console.log("   (Archon, Table 27, MT-Bench: Bayesian optimisation 0.66x random at 10 calls/query, 0.10x at 50.)");

  console.log("");
  console.log("== cross-check: configurations evaluated for real (engine, replay provider, game24 scorer) against the exact objective");
  await crossCheck(data, checks, objective);
  console.log(`bench:search: done in ${fmt((performance.now() - started) / 1000)} s`);
}

await main();
