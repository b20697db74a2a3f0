/**
 * The search runner's test rig: a real OpenAI-protocol server on 127.0.0.1 that records every
 * request, a real engine and SQLite database in a fresh data dir, the sums space
 * (tests/fixtures/search-run/sums.space.json) and small scripted algorithms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Database from "better-sqlite3";
import type { CallRecord } from "../../../core/api/run-types";
import type { SearchConfig } from "../../../core/api/search-types";
import { ModelRegistry } from "../../../core/providers/models";
import { enumerateConfigs, loadSearchSpace, materialize, spaceSize, type ResolvedSpace } from "../../../core/search/space";
import type { AlgorithmOptions, RunnableAlgorithm, SearchBackend, TrialOutcome, TrialSuggestion } from "../../../core/search/run";
import { openEngine, type OpenedEngine } from "../../../core/store/open-engine";
import { ROOT } from "../../helpers/architectures";
import type { ChatBody, OpenAIServerOptions } from "../../helpers/openai-server";

export const SPACE = join(ROOT, "tests/fixtures/search-run/sums.space.json");
export const DATASET = join(ROOT, "tests/fixtures/eval/sums.jsonl");

/** The model the counting server serves as "fake-model" ($10 per million prompt tokens) and the dear one ("dear-model", $100,000). */
export const MODELS = [
  { id: "test/counting", provider: "openai-compatible" as const, model: "fake-model", priceInPerMTok: 10, priceOutPerMTok: 0, maxConcurrency: 4, maxRetries: 0 },
  { id: "test/dear", provider: "openai-compatible" as const, model: "dear-model", priceInPerMTok: 100_000, priceOutPerMTok: 0, maxConcurrency: 4, maxRetries: 0 },
];

export const modelsAt = (baseUrl: string) => MODELS.map((m) => ({ ...m, baseUrl }));

/** Right at temperature 0.3; at 0.7 wrong (by 1) whenever the sum is a multiple of 3. */
export const reply: NonNullable<OpenAIServerOptions["reply"]> = (_index, _choice, body: ChatBody) => {
  const text = body.messages.map((m) => m.content).join(" ");
  const [a, b] = (text.match(/(\d+) plus (\d+)/)?.slice(1) ?? ["0", "0"]).map(Number) as [number, number];
  const sum = a + b;
  return `The sum is ${body.temperature === 0.7 && sum % 3 === 0 ? sum + 1 : sum}`;
};

/** The question a request asks and how it was sampled (seeded: one sample per request): what makes two requests the same. */
export const requestKey = (body: ChatBody) => JSON.stringify([body.model, body.messages.map((m) => [m.role, m.content]), body.temperature, body.max_tokens, body.seed ?? null]);

/**
 * The requests of every call the client completed and paid for (the non-cached calls in the
 * runs' traces), as {@link requestKey}s: a later request with one of these keys is a call made twice.
 */
export function completedCallKeys(db: Database.Database): string[] {
  const model = new Map(MODELS.map((m) => [m.id, m.model]));
  return db
    .prepare<[], { record: string }>("SELECT record FROM run_calls")
    .all()
    .map((row) => JSON.parse(row.record) as CallRecord)
    .filter((call) => !call.cached)
    .map((call) => JSON.stringify([model.get(call.model), call.messages.map((m) => [m.role, m.content]), call.sampling.temperature, call.sampling.maxTokens, call.sampling.seed ?? null]));
}

export interface Rig {
  opened: OpenedEngine;
  home: string;
  close(): Promise<void>;
}

/** A fresh data dir and an engine whose models are served at `baseUrl`. */
export function openRig(baseUrl: string, home = mkdtempSync(join(tmpdir(), "itasca-search-run-"))): Rig {
  const models = new ModelRegistry().withEntries(modelsAt(baseUrl));
  const opened = openEngine({ env: {}, models, home });
  return {
    opened,
    home,
    close: async () => {
      await opened.close();
    },
  };
}

export function removeHome(home: string): void {
  rmSync(home, { recursive: true, force: true });
}

/** Suggests a fixed list of configurations (all at full fidelity) in batches; records what it observed. */
export class ListAlgorithm implements RunnableAlgorithm {
  private next = 0;
  readonly observed: [SearchConfig, TrialOutcome][] = [];

  /** @param fidelity Items of every trial, or of each trial by position. */
  constructor(
    private readonly configs: readonly SearchConfig[],
    private readonly fidelity: number | readonly number[],
  ) {}

  get done(): boolean {
    return this.next >= this.configs.length;
  }

  suggest(n: number): TrialSuggestion[] {
    const fidelityOf = (i: number) => (typeof this.fidelity === "number" ? this.fidelity : (this.fidelity[i] as number));
    const batch = this.configs.slice(this.next, this.next + n).map((config, k) => ({ config, fidelity: fidelityOf(this.next + k) }));
    this.next += batch.length;
    return batch;
  }

  observe(suggestion: TrialSuggestion, outcome: TrialOutcome): void {
    this.observed.push([suggestion.config, outcome]);
  }
}

/**
 * Two-rung successive halving over a list: every configuration on `low` items, then the best
 * half (by observed score, ties by list order) on all items. It suggests the second rung only
 * after observing the whole first rung, so it depends on the outcomes fed in order.
 */
export class TwoRungAlgorithm implements RunnableAlgorithm {
  private rung = 0;
  private readonly scores = new Map<number, number>();
  private asked = 0;
  private promoted: SearchConfig[] = [];

  constructor(
    private readonly configs: readonly SearchConfig[],
    private readonly low: number,
    private readonly high: number,
  ) {}

  get done(): boolean {
    return this.rung === 1 && this.asked >= this.promoted.length;
  }

  suggest(n: number): TrialSuggestion[] {
    if (this.rung === 0) {
      if (this.asked < this.configs.length) {
        const batch = this.configs.slice(this.asked, this.asked + n).map((config) => ({ config, fidelity: this.low }));
        this.asked += batch.length;
        return batch;
      }
      if (this.scores.size < this.configs.length) return [];
      const order = this.configs.map((_, i) => i).sort((a, b) => (this.scores.get(b) ?? -1) - (this.scores.get(a) ?? -1) || a - b);
      this.promoted = order.slice(0, Math.ceil(this.configs.length / 2)).map((i) => this.configs[i] as SearchConfig);
      this.rung = 1;
      this.asked = 0;
    }
    const batch = this.promoted.slice(this.asked, this.asked + n).map((config) => ({ config, fidelity: this.high }));
    this.asked += batch.length;
    return batch;
  }

  observe(suggestion: TrialSuggestion, outcome: TrialOutcome): void {
    if (this.rung !== 0) return;
    const i = this.configs.findIndex((c) => JSON.stringify(c) === JSON.stringify(suggestion.config));
    this.scores.set(i, "score" in outcome ? outcome.score : -1);
  }
}

/** The real space functions with a scripted algorithm (the worst-case estimate looks at the whole list). */
export function backendWith(make: (options: AlgorithmOptions) => RunnableAlgorithm, configs: readonly SearchConfig[]): SearchBackend<ResolvedSpace> & { made: RunnableAlgorithm[] } {
  const made: RunnableAlgorithm[] = [];
  return {
    made,
    loadSpace: (file, options) => loadSearchSpace(file, options),
    materialize: (space, config) => materialize(space, config),
    spaceSize: (space) => spaceSize(space) ?? Infinity,
    sampleConfigs: () => [...configs],
    createAlgorithm: (_name, _space, options) => {
      const algorithm = make(options);
      made.push(algorithm);
      return algorithm;
    },
  };
}

/** Every configuration of a space, in enumeration order. */
export async function allConfigs(file = SPACE): Promise<SearchConfig[]> {
  return [...enumerateConfigs(await loadSearchSpace(file))];
}
