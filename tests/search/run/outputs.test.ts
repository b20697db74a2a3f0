/**
 * The pure parts of the search runner: budget checks, the totals, best and Pareto selection
 * over trials, the CSV, and the SVG plotter (well-formed, deterministic, escaped, log axes).
 */
import { describe, expect, it } from "vitest";
import type { SearchReport, TrialRecord } from "../../../core/api/search-types";
import { bestTrial, bestUnderBudget, comparableTrials, overBudget, paretoSvg, paretoTrials, renderPlot, trialsCsv } from "../../../core/search/run";
import { TotalSpend } from "../../../core/search/run/budget";
import { niceTicks } from "../../../core/search/run/svg-plot";

function trial(index: number, over: Partial<TrialRecord> = {}): TrialRecord {
  return {
    searchId: "search-test",
    index,
    config: { samples: index + 1 },
    fidelity: 10,
    status: "scored",
    score: 0.5,
    estimate: { calls: 1, inputTokens: 10, outputTokens: 100, usd: 0.001 },
    costPerQueryUsd: 0.001,
    callsPerQuery: 1,
    spentUsd: 0.01,
    architectureHash: `hash-${index}`,
    ...over,
  };
}

const estimate = { calls: 5, inputTokens: 500, outputTokens: 1000, usd: 0.02, unpriced: [] as string[] };

describe("per-query budget check", () => {
  it("names each limit an estimate breaks, and lets one that fits through", () => {
    expect(overBudget(estimate, { maxCalls: 5, maxUsd: 0.02 })).toBeUndefined();
    expect(overBudget(estimate, { maxCalls: 4 })).toBe("estimated 5 calls per query > 4 (--max-calls-per-query)");
    expect(overBudget(estimate, { maxInputTokens: 100, maxOutputTokens: 999, maxUsd: 0.01 })).toBe(
      "estimated 500 input tokens per query > 100 (--max-input-tokens-per-query), 1000 output tokens per query > 999 (--max-output-tokens-per-query), $0.0200 per query > $0.0100 (--max-usd-per-query)",
    );
    expect(overBudget({ ...estimate, unpriced: ["x/y"] }, { maxUsd: 0.01 })).toBe("estimated $0.0200 or more per query > $0.0100 (--max-usd-per-query)");
  });

  it("totals: finished plus in flight, and the first limit reached says why", () => {
    let now = 0;
    const spend = new TotalSpend({ maxUsd: 1, maxCalls: 100, maxMinutes: 1 }, () => now);
    spend.settle(0, { usd: 0.5, calls: 10 });
    spend.update(1, { usd: 0.4, calls: 50 });
    expect(spend.exhausted()).toBeUndefined();
    spend.update(1, { usd: 0.6, calls: 60 });
    expect(spend.exhausted()).toBe("the total budget of $1.0000 is spent ($1.1000)");
    spend.forget(1);
    expect([spend.usd, spend.calls]).toEqual([0.5, 10]);
    now = 60_000;
    expect(spend.exhausted()).toBe("the time budget of 1 min is used");
  });
});

describe("best and Pareto over trials", () => {
  const trials = [
    trial(0, { score: 0.6, costPerQueryUsd: 0.002 }),
    trial(1, { score: 0.8, costPerQueryUsd: 0.004 }),
    trial(2, { score: 0.8, costPerQueryUsd: 0.003, callsPerQuery: 3 }),
    trial(3, { score: 0.5, costPerQueryUsd: 0.001 }),
    trial(4, { status: "excluded", score: undefined, costPerQueryUsd: undefined }),
    trial(5, { score: 0.9, fidelity: 3 }),
    trial(6, { score: 0.7, costPerQueryUsd: 0.005 }),
  ];

  it("compares trials at the highest fidelity only, and picks the best by score, then cost", () => {
    expect(comparableTrials(trials).map((t) => t.index)).toEqual([0, 1, 2, 3, 6]);
    expect(bestTrial(trials)?.index).toBe(2);
    expect(paretoTrials(trials).map((t) => t.index)).toEqual([3, 0, 2]);
    expect(bestUnderBudget(trials, 0.0025)?.index).toBe(0);
    expect(bestUnderBudget(trials, 0.0005)).toBeUndefined();
  });

  it("counts an architecture once (its first trial), and uses calls per query when every trial is free", () => {
    const free = [trial(0, { score: 0.5, costPerQueryUsd: 0, callsPerQuery: 4 }), trial(1, { score: 0.7, costPerQueryUsd: 0, callsPerQuery: 8 }), trial(2, { score: 0.7, costPerQueryUsd: 0, callsPerQuery: 8, architectureHash: "hash-1" }), trial(3, { score: 0.6, costPerQueryUsd: 0, callsPerQuery: 16 })];
    expect(comparableTrials(free).map((t) => t.index)).toEqual([0, 1, 3]);
    expect(paretoTrials(free).map((t) => t.index)).toEqual([0, 1]);
  });

  it("writes every trial as a CSV row with one column per dimension", () => {
    const csv = trialsCsv([trial(0, { config: { model: "a,b", subset: ["x", "y"] }, reason: 'said "no"' }), trial(1, { config: { samples: 2 } })]);
    const [header, first, second] = csv.split("\r\n");
    expect(header).toBe("index,status,fidelity,score,cost_per_query_usd,calls_per_query,estimated_calls,estimated_input_tokens,estimated_output_tokens,estimated_usd,spent_usd,spent_calls,eval_id,architecture_hash,reason,model,samples,subset");
    expect(first?.endsWith(',"said ""no""","a,b",,x+y')).toBe(true);
    expect(second?.endsWith(",,,2,")).toBe(true);
  });

  it("plots the front, the best and the per-query budget line", () => {
    const report = { searchId: "search-test", best: { trialIndex: 2 }, dataset: { name: "gsm8k", split: "dev", items: 10 } } as SearchReport;
    const svg = paretoSvg(report, trials, { maxUsd: 0.0045 });
    expect(svg).toContain("score vs cost per query (10 items of gsm8k, dev)");
    expect(svg).toContain("budget $0.0045/query");
    expect(svg).toContain(">Pareto front (3)<");
    expect(svg).toContain(">trials (2)<");
    expect(svg).toContain(">best (1)<");
    expect(svg).toBe(paretoSvg(report, trials, { maxUsd: 0.0045 }));
  });
});

describe("SVG plotter", () => {
  it("is well formed and escapes text", () => {
    const svg = renderPlot({ title: "a < b & c", xLabel: "x", yLabel: "y", series: [{ name: "s", color: "#000", points: [{ x: 1, y: 2, label: '"q"' }] }] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).toContain("a &lt; b &amp; c");
    expect(svg).toContain("&quot;q&quot;");
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it("draws steps, log axes and round ticks", () => {
    const svg = renderPlot({ title: "t", xLabel: "x", yLabel: "y", xLog: true, series: [{ name: "s", color: "#000", line: true, step: true, points: [{ x: 1, y: 0.1 }, { x: 100, y: 0.5 }] }] });
    const points = svg.match(/<polyline [^>]*points="([^"]+)"/)?.[1]?.split(" ") ?? [];
    expect(points).toHaveLength(3);
    expect(points[1]?.split(",")[1]).toBe(points[0]?.split(",")[1]);
    for (const tick of ["1", "10", "100"]) expect(svg).toContain(`>${tick}</text>`);
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 0.0031)).toEqual([0, 0.001, 0.002, 0.003]);
  });
});
