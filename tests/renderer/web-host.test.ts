/** The web host over a fake web client: model mapping, event filtering and the unreachable signal. */
import { describe, expect, it } from "vitest";
import type { HostApi, HostEventMessage, ModelInfo, Result } from "../../core/api/contract";
import type { WebHostClient } from "../../core/api/web-client";
import { createWebHost } from "../../renderer/host/web-host";

const DOWN: Result<never> = { ok: false, error: { code: "internal", message: "models.list: the studio server did not answer (fetch failed)" } };
const MODEL: ModelInfo = { entry: { id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf", priceInPerMTok: 0 }, source: "built-in", keyStatus: "none needed" };

function fakeClient(answers: Partial<Record<keyof HostApi, () => Result<unknown>>>) {
  const listeners = new Set<(message: HostEventMessage) => void>();
  const api = new Proxy({} as HostApi, {
    get: (_target, channel: string) => async () => answers[channel as keyof HostApi]?.() ?? { ok: false, error: { code: "unsupported", message: channel } },
  });
  const client: WebHostClient = {
    api,
    call: async () => ({ ok: false, error: { code: "unsupported", message: "" } }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => undefined,
  };
  return { client, push: (message: HostEventMessage) => listeners.forEach((listener) => listener(message)) };
}

describe("createWebHost", () => {
  it("lists the registry as the pickers' models", async () => {
    const { client } = fakeClient({ "models.list": () => ({ ok: true, value: [MODEL] }) });
    expect(await createWebHost(client, { pingMs: 0 }).listModels()).toEqual([{ id: "local/stories260k", provider: "llama-cpp", priceInPerMTok: 0 }]);
  });

  it("passes run events to run listeners", () => {
    const { client, push } = fakeClient({});
    const seen: string[] = [];
    createWebHost(client, { pingMs: 0 }).onRunEvent((event) => seen.push(event.type));
    push({ channel: "run.event", event: { type: "node.started", runId: "r1", at: 1, nodeId: "a", nodeType: "generate" } });
    expect(seen).toEqual(["node.started"]);
  });

  it("reports the studio unreachable when a request gets no answer, and back when one does", async () => {
    let up = false;
    const { client } = fakeClient({ "models.list": () => (up ? { ok: true, value: [] } : DOWN) });
    const host = createWebHost(client, { pingMs: 0 });
    const states: boolean[] = [];
    host.onReachable((reachable) => states.push(reachable));
    await host.listModels();
    up = true;
    await host.listModels();
    expect(states).toEqual([true, false, true]);
  });

  it("treats an error answer as reachable: the studio answered", async () => {
    const { client } = fakeClient({});
    const host = createWebHost(client, { pingMs: 0 });
    const states: boolean[] = [];
    host.onReachable((reachable) => states.push(reachable));
    expect((await host.readFile("x.json")).ok).toBe(false);
    expect(states).toEqual([true]);
  });
});
