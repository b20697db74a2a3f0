/** Open and save as ask through the native dialog in the desktop app, and through the studio's own file dialog elsewhere. */
import { describe, expect, it } from "vitest";
import { err, ok } from "../../core/api/result";
import { createFileCommands } from "../../renderer/files/use-file-commands";
import type { Host } from "../../renderer/host/host";
import { createMemoryHost } from "../../renderer/host/memory-host";
import { readText, SAMPLE, storeWith } from "./helpers";

function electronHost(choice: { open?: string; save?: string }, written: string[]): Host {
  return {
    ...createMemoryHost(),
    kind: "electron",
    "dialog.open": async () => ok(choice.open === undefined ? {} : { path: choice.open }),
    "dialog.save": async () => ok(choice.save === undefined ? {} : { path: choice.save }),
    "files.read": async (input) => ok({ path: input.path, text: readText(SAMPLE) }),
    "files.write": async (input) => (written.push(input.path), ok({ path: input.path })),
  };
}

describe("file commands: where open and save as ask", () => {
  it("the desktop app opens the file picked in the native dialog", async () => {
    const store = storeWith("tests/renderer/fixtures/fragment.itasca.json");
    await createFileCommands(electronHost({ open: "/work/picked.itasca.json" }, []), store, () => true).askOpen();
    expect(store.getState().filePath).toBe("/work/picked.itasca.json");
    expect(store.getState().fileName).toBe("picked.itasca.json");
    expect(store.getState().fileDialog).toBeNull();
  });

  it("the desktop app saves where the native dialog says, and a cancel changes nothing", async () => {
    const written: string[] = [];
    const store = storeWith(SAMPLE);
    await createFileCommands(electronHost({}, written), store, () => true).saveOrAsk();
    expect(written).toEqual([]);
    await createFileCommands(electronHost({ save: "/work/new.itasca.json" }, written), store, () => true).saveOrAsk();
    expect(written).toEqual(["/work/new.itasca.json"]);
    expect(store.getState().filePath).toBe("/work/new.itasca.json");
  });

  it("a host without native dialogs gets the studio's file dialog", async () => {
    const store = storeWith(SAMPLE);
    const host: Host = { ...createMemoryHost(), kind: "web", "dialog.open": async () => err("unsupported", "no dialogs") };
    const files = createFileCommands(host, store, () => true);
    await files.askOpen();
    expect(store.getState().fileDialog).toBe("open");
    await files.askSaveAs();
    expect(store.getState().fileDialog).toBe("save-as");
    expect(store.getState().notice).toBeNull();
  });
});
