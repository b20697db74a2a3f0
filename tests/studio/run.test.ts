import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioEventMessage, RunRecord, RunSummary, ValidateOutput } from "../../core/api/contract";
import { ROOT } from "../helpers/architectures";
import { openEvents, startTestStudio, waitFor, type TestStudio } from "../helpers/studio";

const PRESET = "presets/architectures/single-call.itasca.json";
const architecture = JSON.parse(readFileSync(`${ROOT}${PRESET}`, "utf8")) as Record<string, unknown>;

let studio: TestStudio;
beforeAll(async () => {
  studio = await startTestStudio();
});
afterAll(async () => studio?.close());

const eventsOf = (messages: StudioEventMessage[], runId: string) => messages.flatMap((m) => (m.channel === "run.event" && m.event.runId === runId ? [m.event] : []));

describe("web studio: a run over HTTP + WebSocket (real embedded model)", () => {
  it("streams the run's events and the final result, then reopens it from the store", { timeout: 90_000 }, async () => {
    const { socket, messages } = await openEvents(`ws://127.0.0.1:${studio.server.port}/api/events?token=${studio.server.token}`);
    try {
      const started = await studio.api<{ runId: string }>("run.start", { architecture, query: { text: "Once upon a time" }, file: "single-call.itasca.json" });
      if (!started.ok) throw new Error(started.error.message);
      const { runId } = started.value;
      await waitFor(() => eventsOf(messages, runId).some((e) => e.type === "run.completed" || e.type === "run.failed"), 60_000, "the run to end");

      const events = eventsOf(messages, runId);
      expect(messages.every((m) => m.channel === "run.event")).toBe(true);
      expect(events[0]?.type).toBe("run.started");
      expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["node.started", "call.started", "call.completed", "node.completed", "run.completed"]));
      const last = events.at(-1);
      expect(last?.type).toBe("run.completed");
      if (last?.type !== "run.completed") return;
      expect(last.result.status).toBe("completed");
      expect(last.result.trace).toHaveLength(1);
      expect(last.answer?.text.length).toBeGreaterThan(0);

      const list = await studio.api<RunSummary[]>("run.list", { file: "single-call.itasca.json" });
      expect(list).toMatchObject({ ok: true, value: [{ runId, name: "single-call", status: "completed" }] });
      const other = await studio.api<RunSummary[]>("run.list", { file: "other.itasca.json" });
      expect(other).toEqual({ ok: true, value: [] });

      const got = await studio.api<RunRecord>("run.get", { runId });
      if (!got.ok) throw new Error(got.error.message);
      expect(got.value.summary).toMatchObject({ runId, status: "completed" });
      expect(got.value.query).toEqual({ text: "Once upon a time" });
      expect(got.value.architecture).toMatchObject({ name: "single-call" });
      expect(got.value.result?.answer).toEqual(last.result.answer);
      expect(got.value.result?.trace.map((c) => c.response)).toEqual(last.result.trace.map((c) => c.response));
    } finally {
      socket.close();
    }
  });

  it("replays the events so far of a running run to a subscriber that comes late, without duplicates", { timeout: 90_000 }, async () => {
    const started = await studio.service.call("run.start", { architecture, query: { text: `A late listener ${Date.now()}` } });
    if (!started.ok) throw new Error(started.error.message);
    // The run is still loading the model here (file I/O), so it cannot have ended.
    const messages: StudioEventMessage[] = [];
    const unsubscribe = studio.service.subscribe((m) => messages.push(m), { replayActive: true });
    try {
      await waitFor(() => eventsOf(messages, started.value.runId).some((e) => e.type === "run.completed"), 60_000, "the run to end");
      const types = eventsOf(messages, started.value.runId).map((e) => e.type);
      expect(types[0]).toBe("run.started");
      expect(types.filter((t) => t === "run.started")).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });

  it("validates through the host (model ids included) and refuses to run an invalid architecture", async () => {
    const broken = { ...architecture, nodes: (architecture.nodes as Record<string, unknown>[]).map((n) => (n.id === "generate" ? { ...n, params: { ...(n.params as object), model: "nowhere/none" } } : n)) };
    const validation = await studio.api<ValidateOutput>("architecture.validate", { architecture: broken });
    if (!validation.ok) throw new Error(validation.error.message);
    expect(validation.value.runnable).toBe(false);
    expect(validation.value.diagnostics.map((d) => d.code)).toContain("unknown-model");
    const run = await studio.api("run.start", { architecture: broken, query: { text: "q" } });
    expect(run).toMatchObject({ ok: false, error: { code: "validation-failed" } });
    expect(await studio.api<ValidateOutput>("architecture.validate", { architecture })).toMatchObject({ ok: true, value: { runnable: true } });
  });

  it("cancels a run, and says so for a run that is not going", async () => {
    const slow = { ...architecture, nodes: (architecture.nodes as Record<string, unknown>[]).map((n) => (n.id === "generate" ? { ...n, params: { ...(n.params as object), samples: 8, max_tokens: 256, temperature: 1.3 } } : n)) };
    const { socket, messages } = await openEvents(`ws://127.0.0.1:${studio.server.port}/api/events?token=${studio.server.token}`);
    try {
      const started = await studio.api<{ runId: string }>("run.start", { architecture: slow, query: { text: `Cancel me ${Date.now()}` } });
      if (!started.ok) throw new Error(started.error.message);
      const cancel = await studio.api("run.cancel", { runId: started.value.runId });
      expect(cancel).toEqual({ ok: true, value: { runId: started.value.runId, cancelled: true } });
      await waitFor(() => eventsOf(messages, started.value.runId).some((e) => e.type === "run.cancelled"), 30_000, "run.cancelled");
      expect(await studio.api("run.cancel", { runId: "run-none" })).toEqual({ ok: true, value: { runId: "run-none", cancelled: false } });
      expect(await studio.api("run.get", { runId: "run-none" })).toMatchObject({ ok: false, error: { code: "not-found" } });
    } finally {
      socket.close();
    }
  });
});
