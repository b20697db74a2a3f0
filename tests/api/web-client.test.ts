import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { StudioEventMessage } from "../../core/api/contract";
import { createWebHostClient, type WebSocketLike } from "../../core/api/web-client";
import { ROOT } from "../helpers/architectures";
import { startTestStudio, waitFor, type TestStudio } from "../helpers/studio";

const architecture = JSON.parse(readFileSync(`${ROOT}presets/architectures/single-call.itasca.json`, "utf8")) as Record<string, unknown>;

let studio: TestStudio;
beforeAll(async () => {
  studio = await startTestStudio();
});
afterAll(async () => studio?.close());

describe("web-studio client (the renderer's side of the bridge)", () => {
  it("calls channels with one function each and receives run events", { timeout: 90_000 }, async () => {
    const client = createWebHostClient({ token: studio.server.token, base: studio.base, WebSocket: WebSocket as unknown as WebSocketLike });
    const messages: StudioEventMessage[] = [];
    const unsubscribe = client.subscriptions["run.event"]((event) => messages.push({ channel: "run.event", event }));
    try {
      expect(await client.api["keys.list"]()).toEqual({ ok: true, value: [] });
      expect(await client.api["host.info"]()).toMatchObject({ ok: true, value: { kind: "web", dialogs: false } });
      // Let the socket connect before starting, so no event can precede it.
      await new Promise((r) => setTimeout(r, 200));
      const started = await client.api["run.start"]({ architecture, query: { text: "Once upon a time, in the client" } });
      if (!started.ok) throw new Error(started.error.message);
      await waitFor(() => messages.some((m) => m.channel === "run.event" && m.event.runId === started.value.runId && m.event.type === "run.completed"), 60_000, "run.completed");
      expect(messages.find((m) => m.channel === "run.event" && m.event.runId === started.value.runId)?.event.type).toBe("run.started");
    } finally {
      unsubscribe();
      client.close();
    }
  });

  it("returns the server's Result errors as values", async () => {
    const client = createWebHostClient({ token: "wrong", base: studio.base, WebSocket: WebSocket as unknown as WebSocketLike });
    expect(await client.api["models.list"]()).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const good = createWebHostClient({ token: studio.server.token, base: studio.base });
    expect(await good.call("run.get", { runId: "" })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringMatching(/^run\.get: runId: /) as unknown } });
  });
});
