/**
 * The replay presets end to end through the real engine (openEngine, as `itasca run` opens it,
 * on a fresh data dir): each answers recorded queries with exactly the calls its description
 * promises, and with the answer this test computes on its own from the replay files (recorded
 * samples, their labels, and the vote's extractor), not a hard-coded string.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Architecture, NodeSpec } from "../../core/graph/schema";
import { extractAnswer, type ExtractorKind } from "../../core/nodes/extract";
import { ModelRegistry } from "../../core/providers/models";
import { openEngine, type OpenedEngine } from "../../core/store/open-engine";
import { ROOT } from "../helpers/architectures";
import { expectedCallsOf, loadPresets } from "./presets";

interface ReplaySample {
  text: string;
  label?: { correct?: boolean; answer?: string };
}
interface ReplayRecord {
  id: string;
  model: string;
  prompt: string;
  samples: ReplaySample[];
  meta?: { answer?: string };
}

const models = new ModelRegistry();
const normalize = (text: string) => text.trim().replace(/\s+/g, " ");

/** The record a replay model serves for `query` (by prompt, else by id), read from the file its registry entry names. */
function recordFor(modelId: string, query: string): ReplayRecord {
  const entry = models.get(modelId);
  if (entry?.provider !== "replay") throw new Error(`${modelId} is not a replay model`);
  const [file = "", recorded] = entry.model.split("#");
  const records = readFileSync(join(ROOT, file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ReplayRecord)
    .filter((r) => recorded === undefined || r.model === recorded);
  const record = records.find((r) => normalize(r.prompt) === normalize(query)) ?? records.find((r) => r.id === normalize(query));
  if (!record) throw new Error(`${modelId}: no record for ${query}`);
  return record;
}

function node(architecture: Architecture, type: string): NodeSpec {
  const found = architecture.nodes.filter((n) => n.type === type);
  if (found.length !== 1) throw new Error(`${architecture.name}: expected one ${type} node, found ${found.length}`);
  return found[0] as NodeSpec;
}

/** The generate nodes feeding `to`, in edge order (the order their candidates are concatenated in). */
function feeding(architecture: Architecture, to: string): NodeSpec[] {
  return architecture.edges.filter((e) => e.to[0] === to && e.to[1] === "candidates").map((e) => architecture.nodes.find((n) => n.id === e.from[0]) as NodeSpec);
}

/** Self-consistency's majority: the most frequent extracted answer, a tie going to the earliest candidate's. */
function majority(texts: readonly string[], vote: NodeSpec): string {
  const extractor = vote.params.extractor as ExtractorKind;
  const pattern = (vote.params.pattern as string | undefined) ?? "";
  const counts = new Map<string, number>();
  for (const text of texts) {
    const value = extractAnswer(text, extractor, pattern);
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let winner: string | undefined;
  let best = 0;
  for (const [value, count] of counts) if (count > best) [winner, best] = [value, count];
  if (winner === undefined) throw new Error("no answer extracted from any recorded sample");
  return winner;
}

/** The recorded samples a generate node gets for `query`: samples 0 .. samples-1 of its record. */
function samplesOf(generate: NodeSpec, query: string): ReplaySample[] {
  return recordFor(generate.params.model as string, query).samples.slice(0, generate.params.samples as number);
}

/**
 * Per replay preset, its answer to a recorded query computed from the replay file, and the
 * queries to try (a known-correct case, a hard one, one with no correct sample).
 */
const EXPECTED: Record<string, { queries: string[]; answer(architecture: Architecture, query: string): string }> = {
  "game24-vote.itasca.json": {
    queries: ["4 5 6 10", "game24-903", "game24-906"],
    answer: (a, query) => majority(samplesOf(node(a, "generate"), query).map((s) => s.text), node(a, "vote")),
  },
  "game24-verify-vote.itasca.json": {
    // The game24 checker reads the puzzle's numbers from the query, so these are asked by their numbers.
    queries: ["game24-900", "game24-901", "game24-903", "game24-906"].map((id) => recordFor("replay/gpt-4-game24-cot", id).prompt),
    answer: (a, query) => {
      // The verifier keeps the samples the Tree-of-Thoughts checker labelled correct (README: the
      // game24 checker agrees with those labels on every recorded sample), all of them if none is.
      const samples = samplesOf(node(a, "generate"), query);
      const correct = samples.filter((s) => s.label?.correct === true);
      return majority((correct.length > 0 ? correct : samples).map((s) => s.text), node(a, "vote"));
    },
  },
  "gsm8k-vote.itasca.json": {
    queries: ["gsm8k-0", "gsm8k-1", "gsm8k-3", "gsm8k-5", "gsm8k-12"],
    answer: (a, query) => {
      const vote = node(a, "vote");
      return majority(feeding(a, vote.id).flatMap((g) => samplesOf(g, query).map((s) => s.text)), vote);
    },
  },
};

const replayPresets = loadPresets(models).filter((p) => p.providers.size > 0 && [...p.providers].every((provider) => provider === "replay"));

let home: string;
let opened: OpenedEngine;
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "itasca-presets-replay-"));
  opened = openEngine({ env: {}, models, home });
});
afterAll(async () => {
  await opened.close();
  rmSync(home, { recursive: true, force: true });
});

describe("replay presets run offline", () => {
  it("every replay preset has an expected answer here", () => {
    expect(replayPresets.map((p) => p.file).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(replayPresets.map((p) => [p.file, p] as const))("%s answers recorded queries as the replay file says, with its expected calls", async (file, preset) => {
    const expected = EXPECTED[file];
    if (!expected) throw new Error(`no expectation for ${file}`);
    const checked = opened.engine.check(preset.architecture);
    for (const query of expected.queries) {
      const result = await opened.engine.start(checked, { text: query }).result;
      expect(result.status, result.error?.message).toBe("completed");
      expect(result.answer?.text, `${file} on ${query}`).toBe(expected.answer(preset.architecture, query));
      expect(result.trace).toHaveLength(expectedCallsOf(preset.architecture));
      expect(result.usage.calls + result.usage.cachedCalls).toBe(expectedCallsOf(preset.architecture));
      expect(result.usage.costUsd).toBe(0);
    }
  }, 60_000);

  it("the verifier lifts plain voting on Game of 24, and the GSM8K ensemble finds answers the recorded labels call correct", async () => {
    const plain = replayPresets.find((p) => p.file === "game24-vote.itasca.json");
    const verified = replayPresets.find((p) => p.file === "game24-verify-vote.itasca.json");
    const gsm8k = replayPresets.find((p) => p.file === "gsm8k-vote.itasca.json");
    if (!plain || !verified || !gsm8k) throw new Error("missing replay presets");
    // Puzzle 901 has one correct sample of 100 (sample 68): only the verifier finds it.
    const record = recordFor("replay/gpt-4-game24-cot", "game24-901");
    const only = record.samples.findIndex((s) => s.label?.correct === true);
    const answer = (await opened.engine.start(opened.engine.check(verified.architecture), { text: record.prompt }).result).answer?.text;
    expect(answer).toBe(extractAnswer(record.samples[only]?.text ?? "", "regex", node(verified.architecture, "vote").params.pattern as string));
    const voted = (await opened.engine.start(opened.engine.check(plain.architecture), { text: record.prompt }).result).answer?.text;
    expect(voted).not.toBe(answer);
    // gsm8k-0: four different answers, the tie goes to the 175B verifier system, which is right.
    const result = await opened.engine.start(opened.engine.check(gsm8k.architecture), { text: "gsm8k-0" }).result;
    expect(result.answer?.text).toBe(recordFor("replay/gsm8k-175b-verification", "gsm8k-0").meta?.answer);
  });
});
