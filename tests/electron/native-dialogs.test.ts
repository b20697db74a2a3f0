/** The native dialogs behind the File menu and the `dialog.*` channels, over a fake Electron dialog module. */
import { describe, expect, it } from "vitest";
import type { BrowserWindow, OpenDialogReturnValue, SaveDialogReturnValue } from "electron";
import { nativeDialogs, withNativeDialogs } from "../../electron/native-dialogs";

function fakeDialog(open: OpenDialogReturnValue, save: SaveDialogReturnValue) {
  const asked: { kind: string; withWindow: boolean; options: unknown }[] = [];
  const record = <T>(kind: string, answer: T) =>
    (async (...args: unknown[]) => {
      asked.push({ kind, withWindow: args.length === 2, options: args.at(-1) });
      return answer;
    }) as never;
  return { dialog: { showOpenDialog: record("open", open), showSaveDialog: record("save", save) }, asked };
}

const WINDOW = {} as BrowserWindow;

describe("nativeDialogs", () => {
  it("returns the chosen path, on the window when there is one", async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, filePaths: ["/p/a.itasca.json"] }, { canceled: false, filePath: "/p/b.itasca.json" });
    const dialogs = nativeDialogs(dialog, () => WINDOW);
    expect(await dialogs.open()).toEqual({ path: "/p/a.itasca.json" });
    expect(await dialogs.save("b.itasca.json")).toEqual({ path: "/p/b.itasca.json" });
    expect(asked).toEqual([
      { kind: "open", withWindow: true, options: expect.objectContaining({ properties: ["openFile"] }) },
      { kind: "save", withWindow: true, options: expect.objectContaining({ defaultPath: "b.itasca.json" }) },
    ]);
  });

  it("titles and filters an Archon import or export as such (plain .json)", async () => {
    const { dialog, asked } = fakeDialog({ canceled: false, filePaths: ["/p/c.json"] }, { canceled: false, filePath: "/p/c.archon.json" });
    const dialogs = nativeDialogs(dialog, () => WINDOW);
    expect(await dialogs.open("archon")).toEqual({ path: "/p/c.json" });
    expect(await dialogs.save("c.archon.json", "archon")).toEqual({ path: "/p/c.archon.json" });
    const archonFilter = [{ name: "Archon config", extensions: ["json"] }];
    expect(asked.map((a) => a.options)).toEqual([
      expect.objectContaining({ title: "Import Archon config", filters: archonFilter }),
      expect.objectContaining({ title: "Export as Archon config", filters: archonFilter, defaultPath: "c.archon.json" }),
    ]);
    await dialogs.open();
    expect(asked.at(-1)?.options).toMatchObject({ title: "Open architecture" });
  });

  it("returns no path when the user cancels, and works with no window", async () => {
    const { dialog, asked } = fakeDialog({ canceled: true, filePaths: [] }, { canceled: true });
    const dialogs = nativeDialogs(dialog, () => undefined);
    expect(await dialogs.open()).toEqual({});
    expect(await dialogs.save()).toEqual({});
    expect(asked.every((a) => !a.withWindow)).toBe(true);
  });
});

describe("withNativeDialogs", () => {
  it("answers dialog.* in the main process and passes every other channel to the service", async () => {
    const passed: string[] = [];
    const service = { handle: async (channel: string) => (passed.push(channel), { ok: true as const, value: channel }) };
    const purposes: unknown[] = [];
    const handler = withNativeDialogs(service, {
      open: async (purpose) => (purposes.push(purpose), { path: "/x.itasca.json" }),
      save: async (name, purpose) => (purposes.push(purpose), { path: `/d/${name}` }),
    });
    expect(await handler.handle("dialog.open", undefined)).toEqual({ ok: true, value: { path: "/x.itasca.json" } });
    expect(await handler.handle("dialog.open", { purpose: "archon" })).toEqual({ ok: true, value: { path: "/x.itasca.json" } });
    expect(await handler.handle("dialog.save", { defaultName: "a.archon.json", purpose: "archon" })).toEqual({ ok: true, value: { path: "/d/a.archon.json" } });
    expect(purposes).toEqual([undefined, "archon", "archon"]);
    expect(await handler.handle("dialog.save", { defaultName: "n.itasca.json" })).toEqual({ ok: true, value: { path: "/d/n.itasca.json" } });
    expect(await handler.handle("host.info", {})).toEqual({ ok: true, value: "host.info" });
    expect(passed).toEqual(["host.info"]);
  });

  it("turns a dialog that throws into an error result", async () => {
    const handler = withNativeDialogs({ handle: async () => ({ ok: true, value: null }) }, { open: async () => Promise.reject(new Error("no display")), save: async () => ({}) });
    expect(await handler.handle("dialog.open", undefined)).toMatchObject({ ok: false, error: { code: "internal", message: expect.stringContaining("no display") } });
  });
});
