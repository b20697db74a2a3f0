import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it, vi } from "vitest";
import { isMenuCommand, type MenuCommand } from "../../core/api/menu-commands";
import { menuTemplate, type MenuActions } from "../../electron/menu";

function actions() {
  return { send: vi.fn<(command: MenuCommand) => void>(), open: vi.fn<() => void>(), saveAs: vi.fn<() => void>(), toggleDevTools: vi.fn<() => void>() } satisfies MenuActions;
}

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((item) => [item, ...items(item.submenu ?? [])]);
}

/** The clickable item of that label (the Run menu and its Run item share one). */
const byLabel = (template: MenuItemConstructorOptions[], label: string) => items(template).find((item) => item.label === label && item.click !== undefined);

describe("menuTemplate", () => {
  it("has the designer's commands with accelerators", () => {
    const template = menuTemplate(actions(), { mac: false });
    const accelerators = Object.fromEntries(items(template).filter((i) => i.accelerator).map((i) => [i.label, i.accelerator]));
    expect(accelerators).toEqual({
      New: "CmdOrCtrl+N",
      "Open…": "CmdOrCtrl+O",
      Save: "CmdOrCtrl+S",
      "Save As…": "CmdOrCtrl+Shift+S",
      Undo: "CmdOrCtrl+Z",
      Redo: "Ctrl+Y",
      Run: "CmdOrCtrl+Enter",
      Cancel: "CmdOrCtrl+.",
      "Toggle Theme": "CmdOrCtrl+Shift+T",
    });
  });

  it("has File > Import Archon Config… and Export as Archon Config…, sent to the renderer without a path", () => {
    const a = actions();
    const template = menuTemplate(a, { mac: false });
    const file = template.find((item) => item.label === "File")?.submenu as MenuItemConstructorOptions[];
    const labels = file.map((item) => item.label ?? item.type ?? item.role);
    expect(labels).toEqual(["New", "Open…", "separator", "Save", "Save As…", "separator", "Import Archon Config…", "Export as Archon Config…", "separator", "quit"]);
    byLabel(template, "Import Archon Config…")?.click?.();
    byLabel(template, "Export as Archon Config…")?.click?.();
    // The renderer asks for the native dialog itself: an export is checked before any dialog shows.
    expect(a.send.mock.calls).toEqual([[{ command: "import-archon" }], [{ command: "export-archon" }]]);
    expect(a.open).not.toHaveBeenCalled();
    expect(a.saveAs).not.toHaveBeenCalled();
  });

  it("offers developer tools only in development", () => {
    expect(byLabel(menuTemplate(actions(), { mac: false }), "Toggle Developer Tools")).toBeUndefined();
    const dev = actions();
    byLabel(menuTemplate(dev, { mac: false, devTools: true }), "Toggle Developer Tools")?.click?.();
    expect(dev.toggleDevTools).toHaveBeenCalledOnce();
  });

  it("sends commands to the renderer and asks for dialogs on Open and Save As", () => {
    const a = actions();
    const template = menuTemplate(a, { mac: true });
    byLabel(template, "Run")?.click?.();
    byLabel(template, "Open…")?.click?.();
    byLabel(template, "Save As…")?.click?.();
    expect(a.send).toHaveBeenCalledWith({ command: "run" });
    expect(a.open).toHaveBeenCalledOnce();
    expect(a.saveAs).toHaveBeenCalledOnce();
    expect(template[0]).toEqual({ role: "appMenu" });
  });
});

describe("isMenuCommand", () => {
  it("accepts well-formed commands only", () => {
    expect(isMenuCommand({ command: "save" })).toBe(true);
    expect(isMenuCommand({ command: "open", path: "/a.itasca.json" })).toBe(true);
    expect(isMenuCommand({ command: "open" })).toBe(false);
    expect(isMenuCommand({ command: "import-archon" })).toBe(true);
    expect(isMenuCommand({ command: "export-archon" })).toBe(true);
    expect(isMenuCommand({ command: "rm -rf" })).toBe(false);
    expect(isMenuCommand(null)).toBe(false);
  });
});
