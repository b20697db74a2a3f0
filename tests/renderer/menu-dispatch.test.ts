/** Native menu commands reach the right action; undo and redo edit a focused text field's text instead of the graph. */
import { describe, expect, it } from "vitest";
import type { MenuCommand } from "../../core/api/menu-commands";
import { dispatchMenuCommand, type MenuActions } from "../../renderer/shell/menu-dispatch";

function recorder(editingText: boolean) {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) =>
      void calls.push(args.length === 0 ? name : `${name}(${args.join(",")})`);
  const actions: MenuActions = {
    editingText: () => editingText,
    textHistory: record("textHistory"),
    undo: record("undo"),
    redo: record("redo"),
    newDocument: record("newDocument"),
    open: record("open"),
    save: record("save"),
    saveAs: record("saveAs"),
    importArchon: record("importArchon"),
    exportArchon: record("exportArchon"),
    run: record("run"),
    cancel: record("cancel"),
    toggleTheme: record("toggleTheme"),
  };
  return { actions, calls };
}

describe("dispatchMenuCommand", () => {
  it("routes every command to its action", () => {
    const { actions, calls } = recorder(false);
    const commands: MenuCommand[] = [
      { command: "new" },
      { command: "open", path: "/a/b.itasca.json" },
      { command: "save" },
      { command: "save-as", path: "/a/c.itasca.json" },
      { command: "import-archon" },
      { command: "export-archon" },
      { command: "undo" },
      { command: "redo" },
      { command: "run" },
      { command: "cancel" },
      { command: "toggle-theme" },
    ];
    for (const command of commands) dispatchMenuCommand(command, actions);
    expect(calls).toEqual(["newDocument", "open(/a/b.itasca.json)", "save", "saveAs(/a/c.itasca.json)", "importArchon", "exportArchon", "undo", "redo", "run", "cancel", "toggleTheme"]);
  });

  it("gives undo and redo to the text field being edited, not to the graph", () => {
    const { actions, calls } = recorder(true);
    dispatchMenuCommand({ command: "undo" }, actions);
    dispatchMenuCommand({ command: "redo" }, actions);
    expect(calls).toEqual(["textHistory(undo)", "textHistory(redo)"]);
  });
});
