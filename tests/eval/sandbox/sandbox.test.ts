/**
 * The sandbox API: options and requests, the warm pool (lazy start, concurrency, recycling),
 * cancellation and close.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createSandbox, DEFAULT_LIMITS, type Sandbox } from "../../../core/eval/sandbox";
import { FrameReader } from "../../../core/eval/sandbox/frames";
import { normalizeRequest, resolveOptions } from "../../../core/eval/sandbox/options";
import { WorkerPool } from "../../../core/eval/sandbox/pool";

const SLOW = { timeout: 120_000 };
const open: Sandbox[] = [];
const make = (...args: Parameters<typeof createSandbox>) => {
  const sandbox = createSandbox(...args);
  open.push(sandbox);
  return sandbox;
};
afterAll(() => Promise.all(open.map((s) => s.close())));

describe("sandbox options", () => {
  it("fills in the documented defaults", () => {
    const resolved = resolveOptions();
    expect(resolved.defaults).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ timeoutMs: 10_000, memoryMb: 256, outputLimitBytes: 1024 * 1024 });
    expect(resolved.poolSize).toBeGreaterThanOrEqual(1);
    expect(resolved.poolSize).toBeLessThanOrEqual(2);
    expect(resolved.recycleAfter).toBe(250);
  });

  it("refuses bad options and bad requests with messages that name them", async () => {
    expect(() => createSandbox({ poolSize: 0 })).toThrow(/poolSize must be a whole number > 0, got 0/);
    expect(() => createSandbox({ defaults: { timeoutMs: -1 } })).toThrow(/defaults.timeoutMs/);
    const sandbox = make();
    await expect(sandbox.run({ language: "ruby" as never, code: "" })).rejects.toThrow(/language must be "python" or "javascript", got "ruby"/);
    await expect(sandbox.run({ language: "python", code: "", timeoutMs: 0 })).rejects.toThrow(/timeoutMs must be a number > 0, got 0/);
  });
});

describe("the warm pool", () => {
  it("starts no worker before the first run, then runs programs concurrently on warm workers", SLOW, async () => {
    const sandbox = make({ poolSize: 2 });
    // Nothing has started yet: creating a sandbox is free.
    const first = await sandbox.run({ language: "python", code: "print(sum(range(10)))" });
    expect(first).toMatchObject({ status: "ok", exitCode: 0, stdout: "45\n", stderr: "" });
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => sandbox.run({ language: "python", code: `print(${i} * 2)` })));
    expect(results.map((r) => r.stdout)).toEqual(Array.from({ length: 8 }, (_, i) => `${i * 2}\n`));
    // Warm: an execution takes milliseconds, not the seconds Pyodide takes to load.
    const warm = await sandbox.run({ language: "python", code: "x = 1" });
    expect(warm.ms).toBeLessThan(1000);
  });

  it("replaces a worker after recycleAfter executions, and the next run still works", SLOW, async () => {
    const pool = new WorkerPool("javascript", resolveOptions({ poolSize: 1, recycleAfter: 2 }));
    try {
      for (let i = 0; i < 5; i++) {
        const result = await pool.run(normalizeRequest({ language: "javascript", code: `print(${i})` }, DEFAULT_LIMITS));
        expect(result.stdout).toBe(`${i}\n`);
      }
      // Workers were retired as they aged and replaced (successors start before the swap).
      expect(pool.stats.retired).toBeGreaterThanOrEqual(2);
      expect(pool.stats.started).toBe(pool.stats.retired + pool.size);
    } finally {
      await pool.close();
    }
  });

  it("cancels a run through its AbortSignal (the worker is killed and replaced)", SLOW, async () => {
    const sandbox = make({ poolSize: 1 });
    await sandbox.run({ language: "python", code: "pass" });
    const controller = new AbortController();
    const running = sandbox.run({ language: "python", code: "while True: pass" }, controller.signal);
    setTimeout(() => controller.abort(new Error("stop")), 300);
    await expect(running).rejects.toThrow("stop");
    const next = await sandbox.run({ language: "python", code: "print('after')" });
    expect(next.stdout).toBe("after\n");
  });

  it("fails the waiting runs, naming the worker, when a worker cannot start", SLOW, async () => {
    const sandbox = make({ poolSize: 1, startTimeoutMs: 1 });
    await expect(sandbox.run({ language: "python", code: "pass" })).rejects.toThrow(/sandbox python worker \d+ did not start within 1 ms/);
  });

  it("refuses runs after close, and close ends runs in progress", SLOW, async () => {
    const sandbox = createSandbox({ poolSize: 1 });
    await sandbox.run({ language: "javascript", code: "1" });
    const running = sandbox.run({ language: "javascript", code: "for(;;){}" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sandbox.close();
    const ended = await running;
    expect(ended.status).toBe("error");
    expect(ended.stderr).toContain("the sandbox was closed");
    await expect(sandbox.run({ language: "python", code: "" })).rejects.toThrow("the sandbox is closed");
  });
});

describe("frames", () => {
  it("splits a byte stream into frames whatever the chunking", () => {
    const frame = (type: number, text: string) => {
      const payload = Buffer.from(text);
      const header = Buffer.alloc(5);
      header[0] = type;
      header.writeUInt32LE(payload.length, 1);
      return Buffer.concat([header, payload]);
    };
    const stream = Buffer.concat([frame(1, "out"), frame(2, ""), frame(3, '{"type":"ready"}')]);
    for (const size of [1, 2, 7, stream.length]) {
      const reader = new FrameReader();
      const frames = [];
      for (let i = 0; i < stream.length; i += size) frames.push(...reader.push(stream.subarray(i, i + size)));
      expect(frames.map((f) => [f.type, f.payload.toString()])).toEqual([
        [1, "out"],
        [2, ""],
        [3, '{"type":"ready"}'],
      ]);
    }
  });
});
