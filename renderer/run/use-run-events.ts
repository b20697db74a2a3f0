/**
 * Feeds every run event into the store, from app start: the event socket is then open before
 * the first `run.start`, and a run that ends refreshes the file's history.
 */
import { useEffect } from "react";
import { TERMINAL_EVENTS } from "../../core/api/run-types";
import { useHost } from "../host/context";
import { useItasca, useItascaStore } from "../store/react";
import type { RunCommands } from "./use-run-commands";

export function useRunEvents(commands: RunCommands): void {
  const host = useHost();
  const store = useItascaStore();
  const filePath = useItasca((state) => state.filePath);
  // The history is per file: a new document, an open or a save as shows that file's runs.
  useEffect(() => commands.refreshHistory(), [commands, filePath]);
  useEffect(() => {
    return host["run.event"]((event) => {
      store.getState().receiveRunEvent(event);
      if (TERMINAL_EVENTS.has(event.type)) commands.refreshHistory();
    });
  }, [host, store, commands]);
}
