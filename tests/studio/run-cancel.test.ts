/**
 * The studio's cancel channel against a real backend: a run on a slow OpenAI-protocol server on
 * 127.0.0.1, started and cancelled over the studio's HTTP API, its events read from the
 * WebSocket. After `run.cancel` no request may start, and `run.get` returns the stored run with
 * exactly the calls the server answered.
 */
import { afterEach, describe, expect, it } from "vitest";
import type WebSocket from "ws";
import type { ChannelOutput, StudioEventMessage } from "../../core/api/contract";
import type { OpenAIServer } from "../helpers/openai-server";
import { delivered, deliveredReplies, nowMs, pollUntil, slowArchitecture, slowModelEntry, SLOW_CONCURRENCY, SLOW_MODEL_ID, startSlowServer } from "../helpers/slow-model";
import { openEvents, startTestStudio, type TestStudio } from "../helpers/studio";

const SAMPLES = 12;

let server: OpenAIServer | undefined;
let studio: TestStudio | undefined;
let socket: WebSocket | undefined;

afterEach(async () => {
  socket?.close();
  // The model server first: it drops whatever still hangs on it, so the studio can close at once.
  await server?.close();
  await studio?.close();
  socket = studio = server = undefined;
});

describe("web studio: run.cancel against a real HTTP model server", () => {
  it("cancels while calls are queued: no request starts afterwards, run.cancelled, run.get keeps the answered calls", { timeout: 120_000 }, async () => {
    server = await startSlowServer();
    studio = await startTestStudio();
    expect(await studio.api("models.save", { entry: slowModelEntry(server.baseUrl) })).toEqual({ ok: true, value: { id: SLOW_MODEL_ID } });
    const events = await openEvents(`ws://127.0.0.1:${studio.server.port}/api/events?token=${studio.server.token}`);
    socket = events.socket;
    const eventsOf = (runId: string) => events.messages.flatMap((m: StudioEventMessage) => (m.channel === "run.event" && m.event.runId === runId ? [m.event] : []));

    const started = await studio.api<{ runId: string }>("run.start", { architecture: slowArchitecture(SAMPLES), query: { text: "Tell me a story" } });
    if (!started.ok) throw new Error(started.error.message);
    const { runId } = started.value;
    const requests = server.requests;
    // The first two answers are in, the next two requests hang on the server, eight are queued.
    await pollUntil(
      () => delivered(requests).length >= SLOW_CONCURRENCY && requests.length >= 2 * SLOW_CONCURRENCY,
      60_000,
      "two answered requests and two more in flight",
      () => `${requests.length} requests, ${delivered(requests).length} answered; events: ${eventsOf(runId).map((e) => e.type).join(", ")}`,
    );
    const cancelledAt = nowMs();
    expect(await studio.api("run.cancel", { runId, reason: "stop this run" })).toEqual({ ok: true, value: { runId, cancelled: true } });
    await pollUntil(() => eventsOf(runId).some((e) => e.type === "run.cancelled" || e.type === "run.completed" || e.type === "run.failed"), 30_000, "the run to end", () => `requests started after the cancel: ${JSON.stringify(requests.filter((r) => r.receivedAt >= cancelledAt).map((r) => r.index))}`);
    // Anything sent before the cancel took effect has reached the server by now.
    await new Promise((r) => setTimeout(r, 500));
    await pollUntil(() => requests.every((r) => r.endedAt !== undefined), 10_000, "every request to end");

    // The server: exactly the two answered and the two in flight, none started after the cancel,
    // and the two in flight were dropped by the client rather than answered.
    expect(requests.filter((r) => r.receivedAt >= cancelledAt).map((r) => r.index)).toEqual([]);
    expect(requests.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(delivered(requests).map((r) => r.index)).toEqual([0, 1]);
    expect(requests.filter((r) => r.closedEarly).map((r) => r.index)).toEqual([2, 3]);

    // The events: four calls started, two completed, and the run ended cancelled, with the reason.
    const runEvents = eventsOf(runId);
    expect(runEvents.filter((e) => e.type === "call.started")).toHaveLength(2 * SLOW_CONCURRENCY);
    expect(runEvents.filter((e) => e.type === "call.completed")).toHaveLength(SLOW_CONCURRENCY);
    const last = runEvents.at(-1);
    expect(last?.type).toBe("run.cancelled");
    if (last?.type !== "run.cancelled") return;
    expect(last.reason).toBe("stop this run");
    expect(last.result.status).toBe("cancelled");
    expect(last.result.usage).toMatchObject({ calls: SLOW_CONCURRENCY, cachedCalls: 0 });
    expect(last.result.trace.map((c) => c.response).sort()).toEqual(deliveredReplies(requests));

    // The store: run.get returns the cancelled run with exactly the answered calls.
    const got = await studio.api<ChannelOutput<"run.get">>("run.get", { runId });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.summary).toMatchObject({ runId, name: "slow-fan-out", status: "cancelled" });
    expect(got.value.result?.status).toBe("cancelled");
    expect(got.value.result?.trace.map((c) => c.response).sort()).toEqual(deliveredReplies(requests));
    expect(got.value.result?.trace.map((c) => [c.nodeId, c.model, c.cached])).toEqual([
      ["generate", SLOW_MODEL_ID, false],
      ["generate", SLOW_MODEL_ID, false],
    ]);
    expect(got.value.result?.nodes.find((n) => n.id === "generate")).toMatchObject({ status: "cancelled", calls: SLOW_CONCURRENCY });
  });
});
