/** How search and sweep print for people: progress lines, the spend question, the report. */
import { describe, expect, it } from "vitest";
import type { SearchEvent, SearchProgress, SearchReport, TrialRecord } from "../../core/api/search-types";
import type { CliIo } from "../../core/cli/io";
import { confirmSpend } from "../../core/cli/search-confirm";
import { describeTrial, formatSearchProgress, searchProgress } from "../../core/cli/search-progress";
import { formatSearchEstimate, formatSearchReport } from "../../core/cli/search-text";

function captureIo(tty: { stderr?: boolean; stdin?: boolean } = {}): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => {}, stderr: (t) => err.push(t), stderrIsTty: tty.stderr === true, stdinIsTty: tty.stdin === true, env: {}, cwd: "." };
}

const progress: SearchProgress = { done: 3, total: 10, excluded: 1, failed: 0, best: { trialIndex: 1, score: 0.75, costPerQueryUsd: 0.0012, callsPerQuery: 5 }, spentUsd: 0.031, calls: 42, elapsedMs: 1500 };
const trial: TrialRecord = { searchId: "s", index: 2, config: {}, fidelity: 8, status: "excluded", estimate: { calls: 9, inputTokens: 0, outputTokens: 0, usd: 0 }, spentUsd: 0, reason: "estimated 9 calls per query > 4 (--max-calls-per-query)", architectureHash: "h" };

describe("search progress", () => {
  it("one plain line per trial off a terminal, with what became of it", () => {
    const io = captureIo();
    const p = searchProgress(io);
    p.onEvent({ type: "search.started", searchId: "search-1", total: 10, resumed: 2 });
    p.onEvent({ type: "search.trial", searchId: "search-1", trial, progress } as SearchEvent);
    p.stop();
    expect(io.err).toEqual([
      "itasca: search search-1: 10 trials (2 already done, resuming)\n",
      "itasca: trial  3/10  best 75.0% (#1, $0.0012/q, 5.0 calls/q)  spent $0.0310  calls 42  1 excluded  1.5 s  | #2 excluded: estimated 9 calls per query > 4 (--max-calls-per-query)\n",
    ]);
  });

  it("a bar redrawn in place on a terminal", () => {
    expect(formatSearchProgress(progress, true)).toMatch(/^\[######-{14}\] {2}trial {2}3\/10 /);
    const io = captureIo({ stderr: true });
    const p = searchProgress(io);
    p.onEvent({ type: "search.started", searchId: "search-1", total: 10, resumed: 0 });
    p.onEvent({ type: "search.trial", searchId: "search-1", trial, progress } as SearchEvent);
    p.stop();
    expect(io.err.at(-2)).toMatch(/^\[#+-+\] {2}trial/);
    expect(io.err.at(-1)).toBe("\n");
  });

  it("describes a scored trial", () => {
    expect(describeTrial({ ...trial, status: "scored", score: 0.5, costPerQueryUsd: 0.002, callsPerQuery: 4, spentUsd: 0.01, reason: undefined })).toBe("#2 scored 50.0% on 8 items ($0.0020/q, 4.0 calls/q, paid $0.0100)");
  });
});

describe("before spending", () => {
  const line = formatSearchEstimate({ trials: 30, items: 10, perQueryUsd: 0.01, totalUsd: 3, sampled: 64, unpriced: [] });

  it("prints the worst case and asks on a terminal when it is over the threshold", async () => {
    expect(line).toBe("estimated worst-case spend: 30 trials x 10 items x $0.0100 per query = $3.0000 (the dearest of 64 sampled configurations within the per-query limits; cached calls and early rungs cost less)");
    const asked: string[] = [];
    const io = captureIo({ stdin: true });
    expect(await confirmSpend(io, { line, worstCaseUsd: 3, overUsd: 1, yes: false, ask: async (q) => (asked.push(q), "n") })).toBe(false);
    expect(await confirmSpend(io, { line, worstCaseUsd: 3, overUsd: 1, yes: false, ask: async () => "yes" })).toBe(true);
    expect(asked).toEqual(["This may spend up to $3.00 (over the $1 threshold of --confirm-over-usd). Start? [y/N] "]);
    expect(io.err[0]).toBe(`itasca: ${line}\n`);
  });

  it("does not ask with --yes, off a terminal, or under the threshold", async () => {
    const never = async (): Promise<string> => {
      throw new Error("asked");
    };
    expect(await confirmSpend(captureIo({ stdin: true }), { line, worstCaseUsd: 3, overUsd: 1, yes: true, ask: never })).toBe(true);
    expect(await confirmSpend(captureIo({ stdin: false }), { line, worstCaseUsd: 3, overUsd: 1, yes: false, ask: never })).toBe(true);
    expect(await confirmSpend(captureIo({ stdin: true }), { line, worstCaseUsd: 0.5, overUsd: 1, yes: false, ask: never })).toBe(true);
  });
});

describe("search report text", () => {
  it("names the best, its file, the front and why it stopped", () => {
    const report: SearchReport = {
      searchId: "search-1",
      status: "stopped",
      best: { file: "/out/best.itasca.json", score: 0.8, costPerQueryUsd: 0.002, callsPerQuery: 5, trialIndex: 4, config: { samples: 5 } },
      trials: 7,
      excluded: 2,
      pareto: [{ trialIndex: 1, score: 0.5, costPerQueryUsd: 0.001, callsPerQuery: 1, file: "/out/pareto-1.itasca.json" }, { trialIndex: 4, score: 0.8, costPerQueryUsd: 0.002, callsPerQuery: 5, file: "/out/pareto-2.itasca.json" }],
      algorithm: "bayes",
      seed: 0,
      dataset: { name: "gsm8k", split: "dev", items: 10 },
      spentUsd: 0.5,
      startedAt: 0,
      stopReason: "the total budget of $0.5000 is spent ($0.5010)",
    };
    const text = formatSearchReport(report, "/out");
    expect(text).toContain("search search-1 stopped: bayes (seed 0) on gsm8k (dev, 10 items)\n");
    expect(text).toContain("  trials    7 run, 2 excluded by the per-query budget; spent $0.5000\n");
    expect(text).toContain("  best      trial 4: 80.0%, $0.0020 and 5.0 calls per query  -> /out/best.itasca.json\n");
    expect(text).toMatch(/ {2}#4 +80\.0% +\$0\.0020 +5\.0 +\/out\/pareto-2\.itasca\.json\n/);
    expect(text).toContain("  stopped: the total budget of $0.5000 is spent ($0.5010)\n");
  });
});
