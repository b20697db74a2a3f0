import { describe, expect, it } from "vitest";
import type { RunEvent } from "../../core/api/run-types";
import { RunEventStream } from "../../core/engine/events";

describe("RunEventStream", () => {
  it("replays history to a late iterator and ends after the terminal event", async () => {
    const stream = new RunEventStream("r1");
    stream.emit("node.warning", { nodeId: "a", message: "early" });
    const seen: RunEvent[] = [];
    const done = (async () => {
      for await (const event of stream) seen.push(event);
    })();
    stream.emit("node.started", { nodeId: "a", nodeType: "generate" });
    stream.emit("run.cancelled", { reason: "test", result: { runId: "r1", name: "n", status: "cancelled", usage: { calls: 0, cachedCalls: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, estimated: false }, nodes: [], trace: [], startedAt: 0, ms: 0 } });
    stream.emit("node.started", { nodeId: "late", nodeType: "generate" });
    await done;
    expect(seen.map((e) => e.type)).toEqual(["node.warning", "node.started", "run.cancelled"]);
  });

  it("on() filters by type and returns an unsubscribe function", () => {
    const stream = new RunEventStream("r1");
    const warnings: string[] = [];
    const off = stream.on("node.warning", (e) => warnings.push(e.message));
    stream.emit("node.warning", { nodeId: "a", message: "one" });
    stream.emit("node.started", { nodeId: "a", nodeType: "x" });
    off();
    stream.emit("node.warning", { nodeId: "a", message: "two" });
    expect(warnings).toEqual(["one"]);
  });
});
