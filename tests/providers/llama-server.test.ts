/**
 * The real llama-server (built from node-llama-cpp's llama.cpp source) on the shipped
 * stories260K model, over plain HTTP: what Itasca's openai-compatible provider relies on.
 */
import { describe, expect, it } from "vitest";
import { LLAMA_SERVER_SKIPPED, SERVER_MODEL, skipLlamaServer, useLlamaServer } from "../helpers/llama-server";
import { skipNotice } from "../helpers/skip";

const PARALLEL = 8;

interface Choice {
  index: number;
  message: { content: string };
  finish_reason: string;
}
interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}
interface Completion {
  choices: Choice[];
  usage: Usage;
}
interface Chunk {
  choices: { index: number; delta: { content?: string | null }; finish_reason: string | null }[];
  usage?: Usage | null;
}
interface Slot {
  id: number;
  is_processing: boolean;
  id_task?: number;
  n_prompt_tokens?: number;
  next_token?: { n_decoded?: number }[];
}

const SUITE = "llama-server (real binary, stories260K)";
describe.skipIf(skipNotice(skipLlamaServer, SUITE, LLAMA_SERVER_SKIPPED))(SUITE, () => {
  // The server's own log: the evidence of what it did with a request the client abandoned.
  const logs: string[] = [];
  const server = useLlamaServer({ parallel: PARALLEL, onLog: (line) => logs.push(line) });

  const post = (path: string, body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${server().baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });

  async function complete(body: Record<string, unknown>): Promise<Completion> {
    const response = await post("/chat/completions", { model: SERVER_MODEL, messages: [{ role: "user", content: "Once upon a time" }], ...body });
    if (!response.ok) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
    return (await response.json()) as Completion;
  }

  it("answers /health once ready and lists the model on /v1/models", async () => {
    const origin = server().baseUrl.replace(/\/v1$/, "");
    expect(server().baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const health = await fetch(`${origin}/health`);
    expect(health.status).toBe(200);
    const models = (await (await fetch(`${server().baseUrl}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toContain(SERVER_MODEL);
  });

  it("reports usage: prompt and completion tokens that add up, within max_tokens", async () => {
    const { choices, usage } = await complete({ max_tokens: 16, temperature: 0.8, seed: 1 });
    expect(choices).toHaveLength(1);
    expect(choices[0]?.message.content.length).toBeGreaterThan(0);
    expect(usage.prompt_tokens).toBeGreaterThan(3);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeLessThanOrEqual(16);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
  });

  it("draws n choices in one request, but counts the completion tokens of only one of them", async () => {
    // ignore_eos: every choice runs to max_tokens, so the usage a server should report is 4 x 8.
    const { choices, usage } = await complete({ n: 4, max_tokens: 8, temperature: 1, seed: 5, ignore_eos: true });
    expect(choices.map((c) => c.index).sort()).toEqual([0, 1, 2, 3]);
    expect(choices.every((c) => c.finish_reason === "length")).toBe(true);
    expect(new Set(choices.map((c) => c.message.content)).size).toBeGreaterThan(1);
    // Observed llama.cpp behaviour (server-context.cpp merges choices into the first result's body):
    expect(usage.completion_tokens).toBe(8);
  });

  it("rejects n above its slot count (-np) instead of queueing", async () => {
    const response = await post("/chat/completions", { model: SERVER_MODEL, messages: [{ role: "user", content: "Hi" }], n: PARALLEL + 1, max_tokens: 4 });
    expect(response.status).toBe(400);
    // llama.cpp's request schema bounds n (an alias of n_cmpl) by the slot count, and names the field as sent.
    expect(await response.json()).toEqual({
      error: { code: 400, message: `Field 'n': Value must be between 1 <= value <= ${PARALLEL}, but got ${PARALLEL + 1}`, type: "invalid_request_error" },
    });
  });

  // Seeds reproduce a text when the request decodes in the same company: llama.cpp's CPU
  // kernels are not batch-invariant, so the same seed decoded beside other requests can drift
  // (its README says so of cache_prompt). Hence one request at a time here.
  it("gives the same text for the same seed and another text for another seed", async () => {
    const sampling = { max_tokens: 40, temperature: 1 };
    const a = await complete({ ...sampling, seed: 42 });
    const b = await complete({ ...sampling, seed: 42 });
    const c = await complete({ ...sampling, seed: 43 });
    const text = (r: Completion) => r.choices[0]?.message.content;
    expect(text(a)).toBe(text(b));
    expect(text(c)).not.toBe(text(a));
  });

  it("reproduces all n choices of a seeded request, each choice with its own seed", async () => {
    const request = { n: 3, max_tokens: 24, temperature: 1, seed: 7 };
    const first = await complete(request);
    const second = await complete(request);
    const texts = (r: Completion) => [...r.choices].sort((x, y) => x.index - y.index).map((c) => c.message.content);
    expect(texts(second)).toEqual(texts(first));
    expect(new Set(texts(first)).size).toBe(3);
  });

  it("streams server-sent events whose deltas make up the same text, ending with usage and [DONE]", async () => {
    const sampling = { max_tokens: 24, temperature: 0.9, seed: 11 };
    const whole = await complete(sampling);
    const response = await post("/chat/completions", { model: SERVER_MODEL, messages: [{ role: "user", content: "Once upon a time" }], ...sampling, stream: true, stream_options: { include_usage: true } });
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = (await response.text()).split("\n").filter((line) => line.startsWith("data: ")).map((line) => line.slice(6));
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as Chunk);
    const deltas = chunks.flatMap((c) => c.choices.map((choice) => choice.delta.content ?? ""));
    expect(deltas.filter(Boolean).length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(whole.choices[0]?.message.content);
    const usage = chunks.findLast((c) => c.usage)?.usage;
    expect(usage?.completion_tokens).toBe(whole.usage.completion_tokens);
  });

  it("stops generating when the client aborts an in-flight request", async () => {
    const controller = new AbortController();
    // Far more than it decodes before the abort reaches it, yet within the slot's context.
    const maxTokens = 1900;
    logs.length = 0;
    // Pinned to slot 0 so /slots shows this request; ignore_eos so only the abort can end it early.
    const response = await post(
      "/chat/completions",
      { model: SERVER_MODEL, messages: [{ role: "user", content: "Once upon a time" }], max_tokens: maxTokens, temperature: 1, ignore_eos: true, stream: true, id_slot: 0 },
      controller.signal,
    );
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no response body");
    // Abort once it is generating: a few content deltas have arrived.
    const decoder = new TextDecoder();
    let streamed = "";
    for (let reads = 0; (streamed.match(/"content":"[^"]+"/g) ?? []).length < 3; reads++) {
      const { value, done } = await reader.read();
      if (done || reads > 1000) throw new Error(`the stream ended before 3 content deltas:\n${streamed}`);
      streamed += decoder.decode(value, { stream: true });
    }
    controller.abort();
    await expect(reader.read()).rejects.toThrow("This operation was aborted");

    // The slot goes idle, on the task the request had.
    const origin = server().baseUrl.replace(/\/v1$/, "");
    let slot: Slot | undefined;
    for (let i = 0; i < 50; i++) {
      const slots = (await (await fetch(`${origin}/slots`)).json()) as Slot[];
      slot = slots.find((s) => s.id === 0);
      if (slot && !slot.is_processing) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(slot?.is_processing).toBe(false);
    const task = slot?.id_task;
    expect(task).toEqual(expect.any(Number));
    // An idle slot's counters restart, so n_decoded cannot show where it stopped; it is there, a number.
    expect(slot?.next_token).toEqual([expect.objectContaining({ n_decoded: expect.any(Number) })]);
    expect(slot?.next_token?.[0]?.n_decoded).toBeLessThan(maxTokens);

    // Its log says why: the task was cancelled (the client went away), and the slot was released
    // holding fewer tokens than the prompt plus max_tokens. A task that ran to its end prints its
    // timings first; this one prints none.
    const released = new RegExp(`id +0 \\| task ${task} \\| stop processing: n_tokens = (\\d+)`);
    for (let i = 0; i < 50 && !logs.some((line) => released.test(line)); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logs.filter((line) => line.includes(`cancel task, id_task = ${task}`)), logs.join("\n")).toHaveLength(1);
    const heldTokens = Number(logs.map((line) => released.exec(line)?.[1]).find(Boolean));
    expect(heldTokens).toBeLessThan((slot?.n_prompt_tokens ?? 0) + maxTokens);
    expect(logs.filter((line) => line.includes(`task ${task} | `) && line.includes("print_timing"))).toEqual([]);
    // And it serves the next request normally.
    expect((await complete({ max_tokens: 4 })).choices).toHaveLength(1);
  });
});
