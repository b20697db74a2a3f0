import { describe, expect, it, vi } from "vitest";
import { throttle } from "../../core/engine/throttle";

describe("throttle", () => {
  it("sends the first value at once, then at most one per interval, never dropping the last", () => {
    vi.useFakeTimers();
    try {
      const sent: number[] = [];
      const t = throttle<number>(100, (v) => sent.push(v));
      t.push(1);
      t.push(2);
      t.push(3);
      expect(sent).toEqual([1]);
      vi.advanceTimersByTime(100);
      expect(sent).toEqual([1, 3]);
      t.push(4);
      t.flush();
      expect(sent).toEqual([1, 3, 4]);
      vi.advanceTimersByTime(500);
      expect(sent).toEqual([1, 3, 4]);
    } finally {
      vi.useRealTimers();
    }
  });
});
