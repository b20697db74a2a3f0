/**
 * Cancellation on the embedded model (stories260K on node-llama-cpp, 1 thread): a run aborted
 * while it generates starts no provider call and no llama.cpp generation afterwards, and the
 * generations in flight are aborted. The real LlamaCppProvider is wrapped to log each `chat`,
 * and LlamaChat.prototype.generateResponse (where a call becomes a generation on a sequence)
 * is spied on to log each generation.
 */
import { LlamaChat } from "node-llama-cpp";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { MemoryCallCache } from "../../core/engine/cache";
import { Engine } from "../../core/engine/executor";
import { LlamaCppProvider } from "../../core/providers/llama-cpp";
import { ModelRegistry } from "../../core/providers/models";
import type { Provider, ProviderChatRequest } from "../../core/providers/types";
import { loadArchitecture, withParams } from "../helpers/architectures";

const MODEL_ID = "local/stories260k";
const SAMPLES = 12;

interface ChatLog {
  startedAt: number;
  /** Whether the call's signal was already aborted when the engine made it. */
  abortedAtStart: boolean;
  chunks: number;
  settledAt?: number;
  outcome?: "ok" | "aborted" | "error";
  finishReasons?: string[];
  texts?: string[];
  error?: string;
}

interface GenerationLog {
  startedAt: number;
  abortedAtStart: boolean;
  settledAt?: number;
  outcome?: "ok" | "rejected";
}

const real = new LlamaCppProvider({ threads: 1, sequences: 2 });
afterAll(() => real.close());
afterEach(() => vi.restoreAllMocks());

/** The real provider, logging every chat: when it started, whether its signal was aborted, how it ended. */
function loggingProvider(log: ChatLog[], onChunk: (entry: ChatLog) => void): Provider {
  return {
    kind: real.kind,
    endpoint: real.endpoint,
    chat: async (request: ProviderChatRequest) => {
      const entry: ChatLog = { startedAt: performance.now(), abortedAtStart: request.signal?.aborted === true, chunks: 0 };
      log.push(entry);
      try {
        const response = await real.chat({
          ...request,
          onText: (index, delta) => {
            entry.chunks++;
            request.onText?.(index, delta);
            onChunk(entry);
          },
        });
        entry.finishReasons = response.choices.map((c) => c.finishReason);
        entry.texts = response.choices.map((c) => c.text);
        entry.outcome = entry.finishReasons.includes("abort") ? "aborted" : "ok";
        return response;
      } catch (error) {
        entry.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        entry.outcome = request.signal?.aborted ? "aborted" : "error";
        throw error;
      } finally {
        entry.settledAt = performance.now();
      }
    },
  };
}

/** Logs every llama.cpp generation the provider starts. */
function spyOnGenerations(log: GenerationLog[]): void {
  const original = LlamaChat.prototype.generateResponse;
  vi.spyOn(LlamaChat.prototype, "generateResponse").mockImplementation(function (this: LlamaChat, ...args: Parameters<LlamaChat["generateResponse"]>) {
    const entry: GenerationLog = { startedAt: performance.now(), abortedAtStart: args[1]?.signal?.aborted === true };
    log.push(entry);
    const pending = original.apply(this, args);
    pending.then(
      () => Object.assign(entry, { settledAt: performance.now(), outcome: "ok" }),
      () => Object.assign(entry, { settledAt: performance.now(), outcome: "rejected" }),
    );
    return pending;
  } as LlamaChat["generateResponse"]);
}

interface AbortedRun {
  result: Awaited<ReturnType<Engine["start"]>["result"]>;
  lastEvent: ReturnType<ReturnType<Engine["start"]>["events"]>[number] | undefined;
  chats: ChatLog[];
  generations: GenerationLog[];
  abortedAt: number;
  trigger: ChatLog | undefined;
}

/**
 * Runs sample-rank-fuse with 12 samples on the embedded model (four calls at once on two
 * sequences: two generate, two wait for a sequence, the rest wait in the engine) and cancels it
 * from inside a generation, on the first piece of text for which `shouldAbort` holds: that
 * generation is certainly in flight.
 */
async function runAndAbort(shouldAbort: (entry: ChatLog, chats: readonly ChatLog[]) => boolean): Promise<AbortedRun> {
  const builtIn = new ModelRegistry().get(MODEL_ID);
  if (!builtIn) throw new Error(`no built-in ${MODEL_ID}`);
  const models = new ModelRegistry().withEntries([{ ...builtIn, maxConcurrency: 4 }]);
  const chats: ChatLog[] = [];
  const generations: GenerationLog[] = [];
  spyOnGenerations(generations);

  let abortedAt = Infinity;
  let trigger: ChatLog | undefined;
  let cancel: () => void = () => undefined;
  const provider = loggingProvider(chats, (entry) => {
    if (abortedAt === Infinity && shouldAbort(entry, chats)) {
      trigger = entry;
      abortedAt = performance.now();
      cancel();
    }
  });
  const engine = new Engine({ providers: () => provider, models, cache: new MemoryCallCache() });
  const arch = withParams(loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json"), "generate", { samples: SAMPLES, max_tokens: 256, temperature: 1.3 });
  const run = engine.start(engine.check(arch), { text: `Once upon a time ${Date.now()}` });
  cancel = () => run.cancel("stop generating");
  const result = await run.result;
  // Let any straggler that would start after the abort show up in the logs.
  await new Promise((r) => setTimeout(r, 500));
  return { result, lastEvent: run.events().at(-1), chats, generations, abortedAt, trigger };
}

/** What holds however far the run got: the run is cancelled and nothing started after the abort. */
function expectCleanAbort({ result, lastEvent, chats, generations, abortedAt, trigger }: AbortedRun): void {
  expect(abortedAt).toBeLessThan(Infinity);
  expect(result.status).toBe("cancelled");
  expect(lastEvent?.type === "run.cancelled" && lastEvent.reason).toBe("stop generating");
  expect(result.nodes.find((n) => n.id === "generate")?.status).toBe("cancelled");
  expect(result.nodes.find((n) => n.id === "rank")?.status).toBe("cancelled");

  // No chat and no generation started after the abort, and none was started with an aborted signal.
  expect(chats.filter((c) => c.startedAt >= abortedAt)).toEqual([]);
  expect(generations.filter((g) => g.startedAt >= abortedAt)).toEqual([]);
  expect(chats.filter((c) => c.abortedAtStart)).toEqual([]);
  expect(generations.filter((g) => g.abortedAtStart)).toEqual([]);
  // Every chat and generation has ended; the one that triggered the abort was aborted.
  expect(chats.filter((c) => c.settledAt === undefined)).toEqual([]);
  expect(generations.filter((g) => g.settledAt === undefined)).toEqual([]);
  expect(trigger?.outcome).toBe("aborted");
  expect(chats.filter((c) => c.outcome === "error")).toEqual([]);
  // Every chat still going at the abort was aborted, save one whose generation had just finished
  // in the same decoding step (a race no engine can win): that one completed normally.
  const inFlight = chats.filter((c) => c.startedAt < abortedAt && (c.settledAt ?? Infinity) >= abortedAt);
  for (const c of inFlight) expect(c.outcome === "aborted" || (c.outcome === "ok" && c.finishReasons?.every((f) => f === "stop" || f === "length"))).toBe(true);

  // The trace keeps exactly the calls that completed, with their text.
  const completed = chats.filter((c) => c.outcome === "ok");
  expect(result.trace).toHaveLength(completed.length);
  expect(result.trace.map((c) => c.response).sort()).toEqual(completed.flatMap((c) => c.texts ?? []).sort());
  expect(result.trace.every((c) => c.finishReason !== "abort")).toBe(true);
}

describe("cancellation on the embedded model (real llama.cpp)", () => {
  it("aborting during the first generations: no chat or generation starts afterwards, the calls out are aborted", { timeout: 120_000 }, async () => {
    const run = await runAndAbort((entry) => entry.chunks >= 3);
    expectCleanAbort(run);
    const completed = run.chats.filter((c) => c.outcome === "ok").length;
    // Four calls out (the model's limit) on two sequences: two generations, plus one more chat and
    // generation for each call that (rarely) finished within its first three tokens.
    expect(run.chats).toHaveLength(4 + completed);
    expect(run.generations).toHaveLength(2 + completed);
    // The two waiting for a sequence were aborted in the provider's queue, never generating.
    expect(run.chats.filter((c) => c.outcome === "aborted" && c.chunks === 0).length).toBeGreaterThanOrEqual(2);
    expect(run.chats.filter((c) => c.outcome === "aborted").length).toBeGreaterThanOrEqual(3);
  });

  it("aborting after calls completed: the completed ones are kept, no chat or generation starts afterwards", { timeout: 120_000 }, async () => {
    const run = await runAndAbort((entry, chats) => entry.chunks >= 3 && chats.filter((c) => c.outcome === "ok").length >= 2);
    expectCleanAbort(run);
    const completed = run.chats.filter((c) => c.outcome === "ok").length;
    expect(completed).toBeGreaterThanOrEqual(2);
    expect(run.result.trace.length).toBeGreaterThanOrEqual(2);
    // At the abort at most four calls were out and at most two were generating; the rest of the
    // twelve samples were never sent.
    expect(run.chats.length).toBeLessThanOrEqual(completed + 4);
    expect(run.chats.length).toBeLessThan(SAMPLES);
    expect(run.generations.length).toBeGreaterThanOrEqual(completed + 1);
    expect(run.generations.length).toBeLessThanOrEqual(completed + 2);
    expect(run.chats.filter((c) => c.outcome === "aborted").length).toBeGreaterThanOrEqual(1);
  });
});
