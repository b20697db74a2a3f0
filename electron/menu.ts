/**
 * The native menu as a template: pure, so its accelerators are testable. File > Open and
 * Save As ask the main process for a native dialog first; everything else is sent straight
 * to the renderer as a `MenuCommand` (Import / Export Archon config included: the renderer
 * checks an export before it asks for the native dialog through `dialog.*`).
 */
import type { MenuItemConstructorOptions } from "electron";
import type { MenuCommand } from "../core/api/menu-commands";

export interface MenuActions {
  /** Sends a command to the renderer. */
  send(command: MenuCommand): void;
  /** Shows the native open dialog and sends `open` with the chosen path. */
  open(): void;
  /** Shows the native save dialog and sends `save-as` with the chosen path. */
  saveAs(): void;
  toggleDevTools(): void;
}

export interface MenuOptions {
  /** Adds View > Toggle Developer Tools. @default false */
  devTools?: boolean;
  /** macOS puts an app menu first. @default process.platform === "darwin" */
  mac?: boolean;
}

export function menuTemplate(actions: MenuActions, options: MenuOptions = {}): MenuItemConstructorOptions[] {
  const mac = options.mac ?? process.platform === "darwin";
  const send = (command: MenuCommand) => () => actions.send(command);
  const view: MenuItemConstructorOptions[] = [{ label: "Toggle Theme", accelerator: "CmdOrCtrl+Shift+T", click: send({ command: "toggle-theme" }) }];
  if (options.devTools) view.push({ type: "separator" }, { label: "Toggle Developer Tools", accelerator: mac ? "Alt+Cmd+I" : "Ctrl+Shift+I", click: () => actions.toggleDevTools() });
  return [
    ...(mac ? [{ role: "appMenu" }] : []),
    {
      label: "File",
      submenu: [
        { label: "New", accelerator: "CmdOrCtrl+N", click: send({ command: "new" }) },
        { label: "Open…", accelerator: "CmdOrCtrl+O", click: () => actions.open() },
        { type: "separator" },
        { label: "Save", accelerator: "CmdOrCtrl+S", click: send({ command: "save" }) },
        { label: "Save As…", accelerator: "CmdOrCtrl+Shift+S", click: () => actions.saveAs() },
        { type: "separator" },
        { label: "Import Archon Config…", click: send({ command: "import-archon" }) },
        { label: "Export as Archon Config…", click: send({ command: "export-archon" }) },
        { type: "separator" },
        mac ? { role: "close" } : { role: "quit" },
      ],
    },
    {
      label: "Edit",
      // Undo/Redo go to the graph's history, not the text field's: the renderer decides which applies.
      submenu: [
        { label: "Undo", accelerator: "CmdOrCtrl+Z", click: send({ command: "undo" }) },
        { label: "Redo", accelerator: mac ? "Cmd+Shift+Z" : "Ctrl+Y", click: send({ command: "redo" }) },
        { type: "separator" },
        { role: "cut" },
        { role: "copy" },
        { role: "paste" },
        { role: "selectAll" },
      ],
    },
    {
      label: "Run",
      submenu: [
        { label: "Run", accelerator: "CmdOrCtrl+Enter", click: send({ command: "run" }) },
        { label: "Cancel", accelerator: "CmdOrCtrl+.", click: send({ command: "cancel" }) },
      ],
    },
    { label: "View", submenu: view },
  ];
}
