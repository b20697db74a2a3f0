import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILTIN_MODELS } from "../../core/api/builtin-models";
import type { ChatMessage } from "../../core/nodes/define";
import { ProviderError } from "../../core/providers/errors";
import { parseReplayModel, ReplayProvider } from "../../core/providers/replay";
import { roundTrip } from "../../core/providers/round-trip";
import type { ProviderChatRequest } from "../../core/providers/types";
import { ROOT } from "../helpers/architectures";

const GAME24 = "presets/replay/game24-gpt4-cot.jsonl";
const SMALL = "tests/fixtures/replay/small.jsonl";

/** The recorded records of a replay file, straight from the JSON, to compare served text with. */
function recorded(file: string): { id: string; model: string; prompt: string; samples: { text: string; inputTokens?: number; outputTokens?: number }[] }[] {
  return readFileSync(`${ROOT}${file}`, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as never);
}

function request(model: string, user: string, extra: Partial<ProviderChatRequest> = {}): ProviderChatRequest {
  const messages: ChatMessage[] = [{ role: "user", content: user }];
  return { model, messages, temperature: 0.7, maxTokens: 1000, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("replay provider on the shipped Game-of-24 slice", () => {
  const records = recorded(GAME24);
  const puzzle = records[0];
  if (!puzzle) throw new Error(`${GAME24} is empty`);

  it("serves recorded sample i for sample index i, the same text on every request", async () => {
    const provider = new ReplayProvider(GAME24);
    expect(provider.kind).toBe("replay");
    expect(provider.endpoint).toBe(`${ROOT}${GAME24}`);
    for (const i of [0, 1, 7, 42, 99]) {
      const first = await provider.chat(request(GAME24, puzzle.prompt, { sampleIndex: i }));
      const again = await new ReplayProvider(GAME24).chat(request(GAME24, puzzle.prompt, { sampleIndex: i }));
      expect(first.choices).toEqual([{ text: puzzle.samples[i]?.text, finishReason: "stop" }]);
      expect(again).toEqual(first);
    }
  });

  it("streams each choice's text and reports the recorded tokens, flagged as estimated (apportioned)", async () => {
    const provider = new ReplayProvider(GAME24);
    const streamed: [number, string][] = [];
    const response = await provider.chat(request(GAME24, puzzle.prompt, { sampleIndex: 3, onText: (index, delta) => streamed.push([index, delta]) }));
    const sample = puzzle.samples[3];
    expect(streamed).toEqual([[0, sample?.text]]);
    expect(response.usage).toEqual({ inputTokens: sample?.inputTokens, outputTokens: sample?.outputTokens, estimated: true });
  });

  it("n > 1 serves samples sampleIndex .. sampleIndex + n - 1, the prompt counted once", async () => {
    const provider = new ReplayProvider(GAME24);
    const streamed: number[] = [];
    const response = await provider.chat(request(GAME24, puzzle.prompt, { n: 3, sampleIndex: 5, onText: (index) => streamed.push(index) }));
    const expected = puzzle.samples.slice(5, 8);
    expect(response.choices.map((c) => c.text)).toEqual(expected.map((s) => s.text));
    expect(streamed).toEqual([0, 1, 2]);
    expect(response.usage.inputTokens).toBe(expected[0]?.inputTokens);
    expect(response.usage.outputTokens).toBe(expected.reduce((sum, s) => sum + (s.outputTokens ?? 0), 0));
  });

  it("finds a record by its id, and ignores whitespace differences and system messages", async () => {
    const provider = new ReplayProvider(GAME24);
    const byId = await provider.chat(request(GAME24, puzzle.id, { sampleIndex: 2 }));
    const spaced = await provider.chat({ ...request(GAME24, ""), sampleIndex: 2, messages: [{ role: "system", content: "Solve it." }, { role: "user", content: `  ${puzzle.prompt.replace(/ /g, "\n\t ")}  ` }] });
    expect(byId.choices[0]?.text).toBe(puzzle.samples[2]?.text);
    expect(spaced.choices).toEqual(byId.choices);
  });

  it("asking for more samples than recorded is a non-retryable error naming the record, file and limit", async () => {
    const provider = new ReplayProvider(GAME24);
    const error = await failure(provider.chat(request(GAME24, puzzle.prompt, { sampleIndex: 100 })));
    expect(error.kind).toBe("bad-request");
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`replay record "game24-900" in ${GAME24} has 100 samples; sample 100 was asked for (use at most 100 samples)`);
    const overN = await failure(provider.chat(request(GAME24, puzzle.prompt, { sampleIndex: 98, n: 3 })));
    expect(overN.message).toContain("sample 100 was asked for");
  });

  it("an unknown prompt is a non-retryable error naming the prompt (80 characters at most), the file and an example", async () => {
    const provider = new ReplayProvider(GAME24);
    const error = await failure(provider.chat(request(GAME24, "1 2 3 4")));
    expect(error.kind).toBe("bad-request");
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(`replay file ${GAME24} has no record for prompt "1 2 3 4"; send a recorded prompt or a record id, e.g. "4 5 6 10" or "game24-900" (10 records)`);
    const long = await failure(provider.chat(request(GAME24, "x".repeat(200))));
    expect(long.message).toContain(`for prompt "${"x".repeat(80)}…"`);
  });
});

describe("replay provider lookup and errors", () => {
  it("picks the recorded model with <file>#<model>; without it, several models for one prompt is an error", async () => {
    const provider = new ReplayProvider(SMALL);
    const a = await provider.chat(request(`${SMALL}#model-a`, "What is 2 + 2? Answer with a number."));
    const b = await provider.chat(request(`${SMALL}#model-b`, "What is 2 + 2? Answer with a number."));
    expect(a.choices[0]?.text).toBe("It is 4.");
    expect(b.choices[0]?.text).toBe("4");
    const ambiguous = await failure(provider.chat(request(SMALL, "sum-1")));
    expect(ambiguous.message).toContain(`replay file ${SMALL} has 2 records for prompt "sum-1": "model-a" (line 1), "model-b" (line 2)`);
    expect(ambiguous.message).toContain(`"${SMALL}#<model>"`);
    const unknownModel = await failure(provider.chat(request(`${SMALL}#model-z`, "sum-1")));
    expect(unknownModel.message).toBe(`replay file ${SMALL} has no records of model "model-z"; it holds "model-a", "model-b"`);
    // A prompt of one model only needs no fragment.
    const colour = await provider.chat(request(SMALL, "Name a colour.", { sampleIndex: 1 }));
    expect(colour.choices[0]?.text).toBe("Blue.");
  });

  it("estimates usage when a sample has no token counts", async () => {
    const provider = new ReplayProvider(SMALL);
    const counted = await provider.chat(request(`${SMALL}#model-a`, "sum-1"));
    expect(counted.usage).toEqual({ inputTokens: 12, outputTokens: 4 });
    const estimated = await provider.chat(request(`${SMALL}#model-a`, "sum-1", { sampleIndex: 2 }));
    expect(estimated.usage.estimated).toBe(true);
    expect(estimated.usage.outputTokens).toBe(Math.ceil("four, so 4".length / 4));
  });

  it("a missing file is a not-found error naming it", async () => {
    const file = "tests/fixtures/replay/no-such-file.jsonl";
    const error = await failure(new ReplayProvider(file).chat(request(file, "q")));
    expect(error.kind).toBe("not-found");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`replay file ${file} does not exist`);
  });

  it("a malformed file is an error listing every bad line as file:line: path: message", async () => {
    const file = "tests/fixtures/replay/malformed.jsonl";
    const error = await failure(new ReplayProvider(file).chat(request(file, "fine")));
    expect(error.kind).toBe("bad-request");
    const lines = error.message.split("\n");
    expect(lines[0]).toBe(`replay file ${file} is invalid:`);
    expect(lines.slice(1).map((l) => l.split(":").slice(0, 3).join(":"))).toEqual([`${file}:2: samples.0.text`, `${file}:2: samples.0`, `${file}:3: (record)`, `${file}:4: samples`, `${file}:6: id`]);
  });

  it("reads the file once and keeps it, but retries a load that failed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "itasca-replay-"));
    const file = join(dir, "r.jsonl");
    const provider = new ReplayProvider(file);
    await failure(provider.chat(request(file, "Name a colour.")));
    copyFileSync(`${ROOT}${SMALL}`, file);
    const first = await provider.chat(request(file, "Name a colour."));
    writeFileSync(file, "");
    expect(await provider.chat(request(file, "Name a colour."))).toEqual(first);
  });

  it("refuses a model that names another file, and an aborted request", async () => {
    const provider = new ReplayProvider(SMALL);
    const other = await failure(provider.chat(request(GAME24, "4 5 6 10")));
    expect(other.message).toContain(`names another file than this replay provider's ${SMALL}`);
    const controller = new AbortController();
    controller.abort();
    await expect(provider.chat(request(SMALL, "Name a colour.", { signal: controller.signal }))).rejects.toThrow();
  });

  it("parses <file>#<model> model specs", () => {
    expect(parseReplayModel("a/b.jsonl")).toEqual({ file: "a/b.jsonl" });
    expect(parseReplayModel("a/b.jsonl#175b_verification")).toEqual({ file: "a/b.jsonl", model: "175b_verification" });
    expect(parseReplayModel("a/b.jsonl#")).toEqual({ file: "a/b.jsonl#" });
  });
});

describe("a test round trip on a replay model", () => {
  it("sends one of the file's recorded prompts (of the named model) and gets its first sample", async () => {
    const entry = BUILTIN_MODELS.find((m) => m.id === "replay/gsm8k-175b-verification");
    if (entry === undefined) throw new Error("the built-in replay entry is missing");
    const provider = new ReplayProvider(parseReplayModel(entry.model).file);
    const report = await roundTrip(entry, provider);
    const first = recorded("presets/replay/gsm8k-solutions.jsonl").find((r) => r.model === "175b_verification");
    expect(report.text).toBe(first?.samples[0]?.text);
    expect(report.nSupported).toBeNull();
  });
});
