import { describe, expect, it } from "vitest";
import { RateWindow } from "../../core/engine/rate-window";

describe("RateWindow", () => {
  it("admits rpm requests per minute, then waits for the oldest to leave the window", async () => {
    let now = 0;
    const window = new RateWindow(2, undefined, () => now);
    const signal = new AbortController().signal;
    await window.take(1, signal);
    await window.take(1, signal);
    let admitted = false;
    const third = window.take(1, signal).then(() => (admitted = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(admitted).toBe(false);
    now = 60_001;
    await third;
    expect(admitted).toBe(true);
  });

  it("holds tokens per minute, corrected to the real count after the call", async () => {
    const now = 0;
    const window = new RateWindow(undefined, 100, () => now);
    const signal = new AbortController().signal;
    const correct = await window.take(90, signal);
    correct(10);
    // After the correction only 10 tokens are used, so 80 more fit at once.
    await window.take(80, signal);
    expect(window.limited).toBe(true);
  });

  it("an aborted wait rejects", async () => {
    const window = new RateWindow(1, undefined, () => 0);
    const controller = new AbortController();
    await window.take(1, controller.signal);
    const waiting = window.take(1, controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
  });
});
