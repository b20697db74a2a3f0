/** The desktop host over a fake preload bridge: channels go through the bridge, events and menu commands come back from it. */
import { afterEach, describe, expect, it } from "vitest";
import type { HostApi } from "../../core/api/contract";
import type { MenuCommand } from "../../core/api/menu-commands";
import type { RunEvent } from "../../core/api/run-types";
import type { ItascaBridge } from "../../electron/bridge";
import { createElectronHost, electronBridge } from "../../renderer/host/electron-host";

function fakeBridge() {
  const sent: { channel: string; input: unknown }[] = [];
  const eventListeners = new Set<(event: RunEvent) => void>();
  const menuListeners = new Set<(command: MenuCommand) => void>();
  const api = new Proxy({} as HostApi, {
    get:
      (_target, channel: string) =>
      async (input?: unknown) => {
        sent.push({ channel, input });
        return channel === "keys.list" ? { ok: true, value: [{ name: "OPENAI_API_KEY", set: true, source: "store" }] } : { ok: false, error: { code: "unsupported", message: channel } };
      },
  });
  const bridge = Object.assign(Object.create(api) as ItascaBridge, {
    "run.event": (listener: (event: RunEvent) => void) => (eventListeners.add(listener), () => void eventListeners.delete(listener)),
    "menu.command": (listener: (command: MenuCommand) => void) => (menuListeners.add(listener), () => void menuListeners.delete(listener)),
  });
  return { bridge, sent, pushEvent: (event: RunEvent) => eventListeners.forEach((l) => l(event)), pushMenu: (c: MenuCommand) => menuListeners.forEach((l) => l(c)), menuListeners };
}

afterEach(() => {
  delete (globalThis as { itasca?: unknown }).itasca;
});

describe("createElectronHost", () => {
  it("sends requests through the bridge's channel functions", async () => {
    const { bridge, sent } = fakeBridge();
    const host = createElectronHost(bridge);
    expect(host.kind).toBe("electron");
    expect(await host["keys.list"]()).toEqual({ ok: true, value: [{ name: "OPENAI_API_KEY", set: true, source: "store" }] });
    await host["keys.set"]({ name: "OPENAI_API_KEY", value: "sk-x" });
    await host["models.test"]({ id: "gpt-4o" });
    expect(sent).toEqual([
      { channel: "keys.list", input: undefined },
      { channel: "keys.set", input: { name: "OPENAI_API_KEY", value: "sk-x" } },
      { channel: "models.test", input: { id: "gpt-4o" } },
    ]);
  });

  it("passes run events and menu commands to their listeners, until unsubscribed", () => {
    const { bridge, pushEvent, pushMenu, menuListeners } = fakeBridge();
    const host = createElectronHost(bridge);
    const seen: string[] = [];
    host["run.event"]((event) => seen.push(event.type));
    const stop = host["menu.command"]((command) => seen.push(command.command));
    pushEvent({ type: "node.started", runId: "r1", at: 1, nodeId: "a", nodeType: "generate" });
    pushMenu({ command: "save" });
    stop();
    pushMenu({ command: "run" });
    expect(seen).toEqual(["node.started", "save"]);
    expect(menuListeners.size).toBe(0);
  });
});

describe("electronBridge", () => {
  it("finds the preload's bridge on the global object, and nothing in a plain browser", () => {
    expect(electronBridge()).toBeUndefined();
    const { bridge } = fakeBridge();
    (globalThis as { itasca?: unknown }).itasca = bridge;
    expect(electronBridge()).toBe(bridge);
  });
});
