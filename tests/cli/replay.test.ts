import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";
import { runCli } from "../helpers/run-cli";
import { skipNotice } from "../helpers/skip";

const RAW = "tests/fixtures/replay/raw";
const PUZZLES = "tests/fixtures/replay/game24-puzzles-excerpt.csv";
const SHARED_RAW = join(ROOT, "../shared/replay/raw");

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), "itasca-replay-cli-")), name);
const shipped = (file: string) => readFileSync(`${ROOT}presets/replay/${file}`, "utf8");

describe("itasca replay", () => {
  it("import game24 writes a replay file and prints a summary", async () => {
    const out = tempFile("g.jsonl");
    const { code, stdout, stderr } = await runCli(["replay", "import", "game24", `${RAW}/game24-gpt4-cot-100samples.json`, "--puzzles", PUZZLES, "--limit", "2", "--out", out]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe(`game24: 2 records, 200 samples (models: gpt-4) from ${RAW}/game24-gpt4-cot-100samples.json written to ${out}\n`);
    expect(readFileSync(out, "utf8")).toBe(shipped("game24-gpt4-cot.jsonl").split("\n").slice(0, 2).join("\n") + "\n");
  });

  it("import gsm8k --json prints the summary as JSON; without --out the records go to stdout", async () => {
    const out = tempFile("s.jsonl");
    const json = await runCli(["replay", "import", "gsm8k", `${RAW}/gsm8k-example-model-solutions.jsonl`, "--out", out, "--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ kind: "gsm8k", raw: `${RAW}/gsm8k-example-model-solutions.jsonl`, out, records: 12, samples: 12, models: ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"] });
    const piped = await runCli(["replay", "import", "gsm8k", `${RAW}/gsm8k-example-model-solutions.jsonl`, "--limit", "1"]);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(shipped("gsm8k-solutions.jsonl").split("\n").slice(0, 4).join("\n") + "\n");
    expect(piped.stderr).toContain("gsm8k: 4 records, 4 samples");
  });

  it("a missing or invalid raw file exits 1 naming the file", async () => {
    const missing = await runCli(["replay", "import", "gsm8k", "no/such.jsonl"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("itasca: no/such.jsonl: cannot read the raw file: no such file\n");
    const invalid = await runCli(["replay", "import", "game24", `${RAW}/gsm8k-example-model-solutions.jsonl`, "--puzzles", PUZZLES]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(new RegExp(`^itasca: ${RAW}/gsm8k-example-model-solutions.jsonl: not valid JSON`));
    // The default puzzles CSV sits two folders above the raw file, as in ../shared.
    const noPuzzles = await runCli(["replay", "import", "game24", `${RAW}/game24-gpt4-cot-100samples.json`]);
    expect(noPuzzles.code).toBe(1);
    expect(noPuzzles.stderr).toContain("tests/fixtures/datasets/game24.csv: cannot read the Game-of-24 puzzles CSV (set it with --puzzles): no such file");
  });

  it("usage errors exit 2", async () => {
    const cases: [string[], string][] = [
      [["replay"], "replay needs an action: import or check"],
      [["replay", "export"], 'unknown replay action "export"'],
      [["replay", "import", "game24"], "replay import takes a kind and one raw file"],
      [["replay", "import", "mmlu", "x.json"], 'unknown replay import kind "mmlu"; kinds: game24, gsm8k'],
      [["replay", "import", "gsm8k", "x.jsonl", "--json"], "--json prints the summary on stdout, so it needs --out"],
      [["replay", "import", "gsm8k", "x.jsonl", "--limit", "ten"], '--limit takes a whole number >= 0, got "ten"'],
      [["replay", "import", "gsm8k", "x.jsonl", "--puzzles", PUZZLES], "--puzzles and --model apply to the game24 kind only"],
    ];
    const results = await Promise.all(cases.map(([args]) => runCli(args)));
    results.forEach(({ code, stderr }, i) => {
      const [args, message] = cases[i] ?? [[], ""];
      expect(code, args.join(" ")).toBe(2);
      expect(stderr).toContain(message);
      expect(stderr).toContain('Run "itasca replay --help" for usage.');
    });
  });

  it("check validates a replay file; --help documents the command", async () => {
    const good = await runCli(["replay", "check", "presets/replay/game24-gpt4-cot.jsonl"]);
    expect(good.code).toBe(0);
    expect(good.stdout).toBe("presets/replay/game24-gpt4-cot.jsonl: valid, 10 records, 1000 samples (models: gpt-4)\n");
    const bad = await runCli(["replay", "check", "tests/fixtures/replay/malformed.jsonl", "--json"]);
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout) as { valid: boolean; errors: string[]; records: number };
    expect(report.valid).toBe(false);
    expect(report.errors[0]).toMatch(/^tests\/fixtures\/replay\/malformed\.jsonl:2: samples\.0\.text: /);
    const help = await runCli(["replay", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: itasca replay import <kind> <raw file>");
    expect((await runCli(["--help"])).stdout).toContain("replay import <kind>");
  });

  it("runs the game24-vote preset at zero cost", async () => {
    const home = mkdtempSync(join(tmpdir(), "itasca-replay-home-"));
    const { code, stdout, stderr } = await runCli(["run", "presets/architectures/game24-vote.itasca.json", "--input", "4 5 6 10", "--json"], { ITASCA_HOME: home });
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { answer: string; usage: { calls: number; costUsd: number } };
    expect(result.answer).toBe("(6 - 4) * 5");
    expect(result.usage).toMatchObject({ calls: 10, costUsd: 0 });
  });

  // Only where ../shared is present: the shipped slices are exactly what the documented commands produce.
  const REGENERATE = "the documented commands regenerate the shipped slices byte for byte";
  it.skipIf(skipNotice(!existsSync(SHARED_RAW), REGENERATE, `${SHARED_RAW} is absent (the raw captures live in ../shared, beside this checkout)`))(REGENERATE, async () => {
    const game24 = tempFile("game24.jsonl");
    const gsm8k = tempFile("gsm8k.jsonl");
    expect((await runCli(["replay", "import", "game24", "../shared/replay/raw/game24-gpt4-cot-100samples.json", "--limit", "10", "--out", game24])).code).toBe(0);
    expect((await runCli(["replay", "import", "gsm8k", "../shared/replay/raw/gsm8k-example-model-solutions.jsonl", "--limit", "20", "--out", gsm8k])).code).toBe(0);
    expect(readFileSync(game24, "utf8")).toBe(shipped("game24-gpt4-cot.jsonl"));
    expect(readFileSync(gsm8k, "utf8")).toBe(shipped("gsm8k-solutions.jsonl"));
  });
});
