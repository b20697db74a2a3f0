/** The web host over a fake web client: one function per channel, push channels split by name, and the unreachable signal. */
import { describe, expect, it } from "vitest";
import { CHANNELS, PUSH_CHANNELS, subscriptionsOver, type HostApi, type HostEventMessage, type ModelInfo, type Result } from "../../core/api/contract";
import type { WebHostClient } from "../../core/api/web-client";
import { createWebHost } from "../../renderer/host/web-host";

const DOWN: Result<never> = { ok: false, error: { code: "unreachable", message: "models.list: the studio server did not answer (fetch failed)" } };
const MODEL: ModelInfo = { entry: { id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf", priceInPerMTok: 0 }, source: "built-in", keyStatus: "none needed" };

function fakeClient(answers: Partial<Record<keyof HostApi, () => Result<unknown>>>) {
  const listeners = new Set<(message: HostEventMessage) => void>();
  const onEvent = (listener: (message: HostEventMessage) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const api = new Proxy({} as HostApi, {
    get: (_target, channel: string) => async () => answers[channel as keyof HostApi]?.() ?? { ok: false, error: { code: "unsupported", message: channel } },
  });
  const client: WebHostClient = {
    api,
    call: async () => ({ ok: false, error: { code: "unsupported", message: "" } }),
    onEvent,
    subscriptions: subscriptionsOver(onEvent),
    close: () => undefined,
  };
  return { client, push: (message: HostEventMessage) => listeners.forEach((listener) => listener(message)) };
}

describe("createWebHost", () => {
  it("has one function per contract channel, request and push, and answers each request through the client", async () => {
    const { client } = fakeClient({ "models.list": () => ({ ok: true, value: [MODEL] }) });
    const host = createWebHost(client, { pingMs: 0 });
    for (const channel of [...CHANNELS, ...PUSH_CHANNELS]) expect(typeof host[channel], channel).toBe("function");
    expect(await host["models.list"]()).toEqual({ ok: true, value: [MODEL] });
    expect(await host["run.get"]({ runId: "r1" })).toEqual({ ok: false, error: { code: "unsupported", message: "run.get" } });
  });

  it("passes run events to run listeners only, and stops after unsubscribing", () => {
    const { client, push } = fakeClient({});
    const host = createWebHost(client, { pingMs: 0 });
    const seen: string[] = [];
    const stop = host["run.event"]((event) => seen.push(event.type));
    const commands: string[] = [];
    host["menu.command"]((command) => commands.push(command.command));
    push({ channel: "run.event", event: { type: "node.started", runId: "r1", at: 1, nodeId: "a", nodeType: "generate" } });
    stop();
    push({ channel: "run.event", event: { type: "node.started", runId: "r1", at: 2, nodeId: "b", nodeType: "generate" } });
    expect(seen).toEqual(["node.started"]);
    expect(commands).toEqual([]);
  });

  it("reports the studio unreachable when a request gets no answer, and back when one does", async () => {
    let up = false;
    const { client } = fakeClient({ "models.list": () => (up ? { ok: true, value: [] } : DOWN) });
    const host = createWebHost(client, { pingMs: 0 });
    const states: boolean[] = [];
    host.onReachable((reachable) => states.push(reachable));
    await host["models.list"]();
    up = true;
    await host["models.list"]();
    expect(states).toEqual([true, false, true]);
  });

  it("treats an error answer as reachable: the studio answered", async () => {
    const { client } = fakeClient({});
    const host = createWebHost(client, { pingMs: 0 });
    const states: boolean[] = [];
    host.onReachable((reachable) => states.push(reachable));
    expect((await host["files.read"]({ path: "x.json" })).ok).toBe(false);
    expect(states).toEqual([true]);
  });
});
