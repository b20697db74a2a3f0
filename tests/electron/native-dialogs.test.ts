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
    const handler = withNativeDialogs(service, { open: async () => ({ path: "/x.itasca.json" }), save: async (name) => ({ path: `/d/${name}` }) });
    expect(await handler.handle("dialog.open", undefined)).toEqual({ ok: true, value: { path: "/x.itasca.json" } });
    expect(await handler.handle("dialog.save", { defaultName: "n.itasca.json" })).toEqual({ ok: true, value: { path: "/d/n.itasca.json" } });
    expect(await handler.handle("host.info", {})).toEqual({ ok: true, value: "host.info" });
    expect(passed).toEqual(["host.info"]);
  });

  it("turns a dialog that throws into an error result", async () => {
    const handler = withNativeDialogs({ handle: async () => ({ ok: true, value: null }) }, { open: async () => Promise.reject(new Error("no display")), save: async () => ({}) });
    expect(await handler.handle("dialog.open", undefined)).toMatchObject({ ok: false, error: { code: "internal", message: expect.stringContaining("no display") } });
  });
});
