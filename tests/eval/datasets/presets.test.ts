/** The shipped slices: listed, loadable by name, and aligned with the shipped replay files. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DatasetError, listPresetDatasets, loadDataset, PRESET_DATASETS, presetDatasetPath, resolveDataset } from "../../../core/eval/datasets/index";
import { installRoot } from "../../../core/paths/install-root";

interface ReplayRecord {
  id: string;
  model: string;
  prompt: string;
}

function replayRecords(file: string): ReplayRecord[] {
  return readFileSync(join(installRoot(), "presets", "replay", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as ReplayRecord);
}

/** What the replay provider compares: whitespace collapsed, trimmed. */
const normalize = (text: string) => text.trim().replace(/\s+/g, " ");

describe("preset datasets", () => {
  it("lists the five slices with their counts, default scorers and licences", () => {
    const listed = listPresetDatasets();
    expect(listed.map((d) => [d.name, d.format, d.items, d.defaultScorer])).toEqual([
      ["gsm8k", "gsm8k", 50, "numeric"],
      ["math500", "math", 50, "math"],
      ["humaneval", "humaneval", 50, "code"],
      ["mbpp", "mbpp", 50, "code"],
      ["game24", "game24", 50, "game24"],
    ]);
    for (const info of listed) {
      expect(info.licence).toMatch(/^MIT/);
      expect(info.description).not.toBe("");
    }
  });

  it("resolves a preset by name, recording the name and hashing the slice file", async () => {
    for (const preset of PRESET_DATASETS) {
      const dataset = await resolveDataset(preset.name);
      expect(dataset.name).toBe(preset.name);
      expect(dataset.hash).toBe((await loadDataset(presetDatasetPath(preset))).hash);
    }
  });

  it("resolves a file path relative to cwd, and names the presets when neither matches", async () => {
    const dataset = await resolveDataset("presets/datasets/game24.csv", { cwd: installRoot() });
    expect(dataset.format).toBe("game24");
    expect(dataset.name).toBe("presets/datasets/game24.csv");
    const error = await resolveDataset("gsm9k", { cwd: installRoot() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).message).toMatch(/^gsm9k: is neither a preset dataset \(gsm8k, math500, humaneval, mbpp, game24\) nor a file/);
  });

  it("the GSM8K slice starts with the replay file's problems 0-19: same ids, inputs equal to the recorded prompts", async () => {
    const { items } = await resolveDataset("gsm8k");
    const records = replayRecords("gsm8k-solutions.jsonl");
    const replayIds = [...new Set(records.map((r) => r.id))];
    expect(replayIds).toEqual(Array.from({ length: 20 }, (_, i) => `gsm8k-${i}`));
    replayIds.forEach((id, i) => {
      expect(items[i]?.id).toBe(id);
      for (const record of records.filter((r) => r.id === id)) expect(normalize(items[i]?.input ?? "")).toBe(normalize(record.prompt));
    });
  });

  it("the Game-of-24 slice starts with the replay file's puzzles 900-909 (ranks 901-910)", async () => {
    const { items } = await resolveDataset("game24");
    const records = replayRecords("game24-gpt4-cot.jsonl");
    expect(records.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `game24-${900 + i}`));
    records.forEach((record, i) => {
      expect(items[i]?.id).toBe(record.id);
      expect(normalize(items[i]?.input ?? "")).toBe(normalize(record.prompt));
    });
  });
});
