/**
 * `npm run bench:eval` (first half): the evaluation loop's own overhead. A 1,000-item eval of
 * a single-call architecture on the replay provider (no model time: what is left is the
 * engine, scoring, SQLite writes of every run, call and item). Goal >= 500 items/s.
 * The items and recorded solutions are the full GSM8K test set and the 4-system solutions
 * from ../shared; without them the bench says so and stops.
 * Prints figures and ratios; never fails on speed (shared machines are noisy).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEvaluation } from "../../core/eval/run";
import { formatReplayRecord } from "../../core/providers/replay-format";
import { convertGsm8k } from "../../core/providers/replay-import/gsm8k";
import { ModelRegistry } from "../../core/providers/models";
import { openEngine } from "../../core/store/open-engine";
import { ROOT } from "../helpers/architectures";

const ITEMS = 1000;
const GOAL_ITEMS_PER_S = 500;
const DATASET = join(ROOT, "../shared/datasets/gsm8k-test.jsonl");
const RAW_SOLUTIONS = join(ROOT, "../shared/replay/raw/gsm8k-example-model-solutions.jsonl");

function architecture() {
  return {
    version: 1,
    name: "bench-single-call",
    nodes: [
      { id: "input", type: "input", params: {}, position: { x: 0, y: 0 } },
      { id: "generate", type: "generate", params: { model: "bench/gsm8k-175b", samples: 1, max_tokens: 400 }, position: { x: 200, y: 0 } },
      { id: "output", type: "output", params: {}, position: { x: 400, y: 0 } },
    ],
    edges: [
      { from: ["input", "query"], to: ["generate", "query"] },
      { from: ["generate", "candidates"], to: ["output", "candidates"] },
    ],
  };
}

async function main(): Promise<void> {
  if (!existsSync(DATASET) || !existsSync(RAW_SOLUTIONS)) {
    console.log(`bench:eval loop: skipped, the full GSM8K set and its recorded solutions live in ../shared (looked for ${DATASET} and ${RAW_SOLUTIONS})`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "itasca-bench-eval-"));
  try {
    const replay = join(dir, "gsm8k-all.jsonl");
    const records = convertGsm8k(readFileSync(RAW_SOLUTIONS, "utf8"), { rawFile: RAW_SOLUTIONS });
    writeFileSync(replay, records.map((r) => `${formatReplayRecord(r)}\n`).join(""));
    const models = new ModelRegistry().withEntries([{ id: "bench/gsm8k-175b", provider: "replay", model: `${replay}#175b_verification`, priceInPerMTok: 0, priceOutPerMTok: 0, maxConcurrency: 64 }]);

    for (const [label, concurrency] of [["concurrency 1", 1], ["concurrency 16", 16]] as const) {
      const opened = openEngine({ env: {}, models, home: join(dir, `home-${concurrency}`) });
      try {
        const started = performance.now();
        const handle = await startEvaluation({ engine: opened.engine, db: opened.db }, { architecture: architecture(), dataset: DATASET, format: "gsm8k", limit: ITEMS, concurrency });
        const report = await handle.done;
        const seconds = (performance.now() - started) / 1000;
        const rate = report.items / seconds;
        console.log(
          `bench:eval loop (${label}): ${report.items} items in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} items/s (goal >= ${GOAL_ITEMS_PER_S}: ${(rate / GOAL_ITEMS_PER_S).toFixed(2)}x); accuracy ${(report.accuracy * 100).toFixed(1)}%, ${report.usage.calls} calls`,
        );
        if (report.status !== "completed" || report.scored !== ITEMS) throw new Error(`the bench eval did not complete: ${report.status}, ${report.scored}/${ITEMS} scored`);
      } finally {
        await opened.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
