import type { IpcMainInvokeEvent } from "electron";
import { describe, expect, it, vi } from "vitest";
import { CHANNELS } from "../../core/api/contract";
import { ok } from "../../core/api/result";
import { createIpcHandler, ipcChannel, isTrustedSender, registerIpcHandlers, type RequestHandler } from "../../electron/ipc-handlers";

const APP = "file:///opt/Itasca/resources/app.asar/renderer/dist/index.html";

function from(url: string | null): IpcMainInvokeEvent {
  return { preventDefault: () => undefined, senderFrame: url === null ? null : { url } };
}

function fakeService(): RequestHandler & { handle: ReturnType<typeof vi.fn> } {
  return { handle: vi.fn(async (_channel: string, input: unknown) => ok({ echoed: input })) };
}

describe("isTrustedSender", () => {
  it("accepts the app's index page, with a query or hash", () => {
    expect(isTrustedSender(APP, APP)).toBe(true);
    expect(isTrustedSender(`${APP}#/run`, APP)).toBe(true);
    expect(isTrustedSender(`${APP}?x=1`, APP)).toBe(true);
  });

  it("refuses foreign frames", () => {
    for (const url of [
      "https://evil.example/index.html",
      "file:///opt/Itasca/resources/app.asar/renderer/dist/other.html",
      `${APP}.evil`,
      "file:///tmp/index.html",
      "about:blank",
      "not a url",
      "",
    ]) {
      expect(isTrustedSender(url, APP), url).toBe(false);
    }
    expect(isTrustedSender(undefined, APP)).toBe(false);
  });
});

describe("createIpcHandler", () => {
  it("refuses a foreign frame with an unauthorized Result, without calling the service", async () => {
    const service = fakeService();
    const result = await createIpcHandler("keys.list", service, APP)(from("https://evil.example/"), undefined);
    expect(result).toEqual({ ok: false, error: { code: "unauthorized", message: expect.stringContaining('keys.list: refused a request from "https://evil.example/"') } });
    expect(service.handle).not.toHaveBeenCalled();
  });

  it("refuses a destroyed frame", async () => {
    const result = await createIpcHandler("host.info", fakeService(), APP)(from(null), undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe("unauthorized");
  });

  it("returns argument errors as Results naming the channel and the path", async () => {
    const service = fakeService();
    const result = await createIpcHandler("run.cancel", service, APP)(from(APP), { runId: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid-arguments");
      expect(result.error.message).toMatch(/^run\.cancel: runId: /);
    }
    expect(service.handle).not.toHaveBeenCalled();
  });

  it("passes validated arguments of the app's own page to the service", async () => {
    const service = fakeService();
    const result = await createIpcHandler("files.read", service, APP)(from(APP), { path: "a.itasca.json" });
    expect(result).toEqual({ ok: true, value: { echoed: { path: "a.itasca.json" } } });
    expect(service.handle).toHaveBeenCalledWith("files.read", { path: "a.itasca.json" });
  });

  it("turns a throwing service into an internal Result", async () => {
    const service: RequestHandler = { handle: () => Promise.reject(new Error("boom")) };
    expect(await createIpcHandler("host.info", service, APP)(from(APP), undefined)).toEqual({ ok: false, error: { code: "internal", message: "host.info: boom" } });
  });
});

describe("registerIpcHandlers", () => {
  it("registers one handler per contract channel and removes them all", () => {
    const ipcMain = { handle: vi.fn(), removeHandler: vi.fn() };
    const dispose = registerIpcHandlers(ipcMain, fakeService(), APP);
    expect(ipcMain.handle.mock.calls.map(([name]) => name)).toEqual(CHANNELS.map(ipcChannel));
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(CHANNELS.length);
  });
});
