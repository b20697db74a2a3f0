/**
 * `npx tsx tests/bench/sandbox.bench.ts` (the sandbox half of `npm run bench:eval`): executions/s
 * of the code sandbox on the 164 canonical HumanEval solutions with their tests
 * (prompt + canonical_solution + test + check(entry_point)), three ways:
 *   cold   a fresh sandbox per execution: its worker starts (Pyodide loads), then runs one program;
 *          measured on the first COLD_RUNS programs, one after the other
 *   warm   one sandbox, its warm pool of min(2, cores) workers, all 164 programs queued at once
 *   python3  the usual harness: each program in a fresh `python3` subprocess, one after the other
 * Goal: >= 50 executions/s warm on 2 cores. Prints figures and ratios; never fails on speed
 * (shared machines are noisy), only when a canonical solution does not pass.
 * The items come from tests/fixtures/datasets/humaneval.jsonl, else ../shared/datasets.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox } from "../../core/eval/sandbox";
import type { SandboxResult } from "../../core/nodes/sandbox-types";
import { ROOT } from "../helpers/architectures";

const GOAL_PER_S = 50;
const COLD_RUNS = 5;
const SOURCES = [join(ROOT, "tests/fixtures/datasets/humaneval.jsonl"), join(ROOT, "../shared/datasets/humaneval.jsonl")];

interface Problem {
  task_id: string;
  prompt: string;
  canonical_solution: string;
  test: string;
  entry_point: string;
}

const perSecond = (count: number, ms: number) => (count / ms) * 1000;
const fixed = (n: number, digits = 1) => n.toFixed(digits);

function failures(results: SandboxResult[], problems: Problem[]): string[] {
  return results.flatMap((r, i) => (r.status === "ok" && r.exitCode === 0 ? [] : [`${problems[i]!.task_id}: ${r.status} exit ${r.exitCode} ${r.stderr.trim().split("\n").pop() ?? ""}`]));
}

async function main(): Promise<void> {
  const source = SOURCES.find((path) => existsSync(path));
  if (!source) {
    console.log(`sandbox bench: HumanEval is absent (looked for ${SOURCES.join(" and ")}); nothing to measure.`);
    return;
  }
  const problems = readFileSync(source, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Problem);
  const programs = problems.map((p) => `${p.prompt}${p.canonical_solution}\n${p.test}\ncheck(${p.entry_point})\n`);
  const poolSize = Math.min(2, availableParallelism());
  console.log(`sandbox bench: ${programs.length} HumanEval canonical solutions from ${source}; ${availableParallelism()} cores, pool of ${poolSize}`);

  // Cold: a new sandbox (and so a new worker process) per execution.
  const coldMs: number[] = [];
  for (const code of programs.slice(0, COLD_RUNS)) {
    const began = performance.now();
    const sandbox = createSandbox({ poolSize: 1 });
    const result = await sandbox.run({ language: "python", code });
    coldMs.push(performance.now() - began);
    await sandbox.close();
    if (result.status !== "ok" || result.exitCode !== 0) throw new Error(`cold run failed: ${result.status} ${result.stderr}`);
  }
  const coldMean = coldMs.reduce((a, b) => a + b, 0) / coldMs.length;

  // Warm: start the pool, then queue all 164 at once.
  const sandbox = createSandbox({ poolSize });
  await Promise.all(Array.from({ length: poolSize }, () => sandbox.run({ language: "python", code: "pass" })));
  const began = performance.now();
  const results = await Promise.all(programs.map((code) => sandbox.run({ language: "python", code })));
  const warmMs = performance.now() - began;
  await sandbox.close();
  const failed = failures(results, problems);
  const execMs = results.map((r) => r.ms).sort((a, b) => a - b);

  // python3: one fresh interpreter per program, as the usual harness does.
  const dir = mkdtempSync(join(tmpdir(), "itasca-sandbox-bench-"));
  let python: { ms: number; passed: number } | undefined;
  try {
    const probe = spawnSync("python3", ["--version"], { encoding: "utf8" });
    if (probe.status === 0) {
      let passed = 0;
      const pyBegan = performance.now();
      programs.forEach((code, i) => {
        const file = join(dir, `p${i}.py`);
        writeFileSync(file, code);
        if (spawnSync("python3", [file], { stdio: "ignore", timeout: 30_000 }).status === 0) passed += 1;
      });
      python = { ms: performance.now() - pyBegan, passed };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const warmRate = perSecond(programs.length, warmMs);
  const coldRate = perSecond(1, coldMean);
  console.log(`  cold    ${fixed(coldMean, 0)} ms per execution with a fresh sandbox (mean of ${COLD_RUNS}; min ${fixed(Math.min(...coldMs), 0)}, max ${fixed(Math.max(...coldMs), 0)}) = ${fixed(coldRate, 2)} executions/s`);
  console.log(`  warm    ${programs.length} in ${fixed(warmMs, 0)} ms = ${fixed(warmRate)} executions/s (goal >= ${GOAL_PER_S}: ${warmRate >= GOAL_PER_S ? "met" : "NOT met"}); per execution p50 ${execMs[Math.floor(execMs.length / 2)]} ms, p95 ${execMs[Math.floor(execMs.length * 0.95)]} ms`);
  console.log(`          ${programs.length - failed.length}/${programs.length} canonical solutions pass`);
  if (python) {
    const pyRate = perSecond(programs.length, python.ms);
    console.log(`  python3 ${programs.length} in ${fixed(python.ms, 0)} ms = ${fixed(pyRate)} executions/s, one fresh subprocess each (${python.passed}/${programs.length} pass)`);
    console.log(`  ratios  warm / python3 = ${fixed(warmRate / pyRate, 2)}x; warm / cold = ${fixed(warmRate / coldRate, 0)}x; python3 / cold = ${fixed(pyRate / coldRate, 0)}x`);
  } else {
    console.log("  python3 not found: no subprocess baseline");
    console.log(`  ratios  warm / cold = ${fixed(warmRate / coldRate, 0)}x`);
  }
  if (failed.length > 0) throw new Error(`canonical solutions failed in the sandbox:\n${failed.join("\n")}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
