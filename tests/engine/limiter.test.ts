import { describe, expect, it } from "vitest";
import { Limiter } from "../../core/engine/limiter";
import { LimiterPool } from "../../core/engine/limiter-pool";

describe("Limiter", () => {
  it("never lets more than its concurrency run, and serves waiters in order", async () => {
    const limiter = new Limiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const release = await limiter.acquire();
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise((r) => setTimeout(r, 5));
        running--;
        release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(limiter.running).toBe(0);
  });

  it("an aborted waiter leaves the queue and rejects with the signal's reason", async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(limiter.waiting).toBe(1);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(limiter.waiting).toBe(0);
    release();
    expect(limiter.running).toBe(0);
  });

  it("releasing twice frees one slot only", async () => {
    const limiter = new Limiter(1);
    const release = await limiter.acquire();
    release();
    release();
    expect(limiter.running).toBe(0);
  });

  it("rejects a concurrency below 1", () => {
    expect(() => new Limiter(0)).toThrow(/whole number >= 1/);
  });

  it("the pool holds one limiter per model, sized from the entry", async () => {
    const pool = new LimiterPool(10);
    const entry = { id: "m", provider: "llama-cpp" as const, model: "x", maxConcurrency: 3 };
    expect(pool.forModel(entry).concurrency).toBe(3);
    expect(pool.forModel(entry)).toBe(pool.forModel(entry));
    const release = await pool.acquire(entry, new AbortController().signal);
    expect(pool.global.running).toBe(1);
    release();
    expect(pool.global.running).toBe(0);
  });
});
