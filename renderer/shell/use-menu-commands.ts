/** Performs the desktop app's native menu commands (the web studio has no native menu, so nothing arrives there). */
import { useEffect } from "react";
import { useArchonCommands } from "../files/archon-commands";
import { useFileCommands } from "../files/use-file-commands";
import { useHost } from "../host/context";
import type { RunCommands } from "../run/use-run-commands";
import { useItascaStore } from "../store/react";
import { dispatchMenuCommand } from "./menu-dispatch";
import { isEditable } from "./platform";
import type { Commands } from "./use-commands";

export function useMenuCommands(commands: Commands, run: RunCommands): void {
  const host = useHost();
  const store = useItascaStore();
  const files = useFileCommands();
  const archon = useArchonCommands();
  useEffect(() => {
    const state = () => store.getState();
    return host["menu.command"]((command) =>
      dispatchMenuCommand(command, {
        editingText: () => isEditable(document.activeElement),
        // execCommand is deprecated but remains the only way to drive a field's native undo stack.
        textHistory: (step) => void document.execCommand(step),
        undo: commands.undo,
        redo: commands.redo,
        newDocument: () => files.confirmDiscard() && state().setFileDialog("new"),
        open: (path) => void (files.confirmDiscard() && files.open(path)),
        save: () => void files.saveOrAsk(),
        saveAs: (path) => void files.saveAs(path),
        importArchon: () => void (files.confirmDiscard() && archon.askImport()),
        exportArchon: () => void archon.askExport(),
        run: run.run,
        cancel: run.cancel,
        toggleTheme: () => state().toggleTheme(),
      }),
    );
  }, [host, store, files, archon, commands, run]);
}
