/**
 * Feeds every eval event into the store, from app start (so the socket is open before the first
 * `eval.start`), keeps the preset list, and refreshes the file's evaluation history when one ends
 * or another file is opened.
 */
import { useEffect } from "react";
import { useHost } from "../host/context";
import { useItasca, useItascaStore } from "../store/react";
import type { EvalCommands } from "./use-eval-commands";

export function useEvalEvents(commands: EvalCommands): void {
  const host = useHost();
  const store = useItascaStore();
  const filePath = useItasca((state) => state.filePath);
  useEffect(() => commands.loadDatasets(), [commands]);
  useEffect(() => commands.refreshHistory(), [commands, filePath]);
  useEffect(() => {
    return host["eval.event"]((event) => {
      store.getState().receiveEvalEvent(event);
      if (event.type === "eval.finished") commands.refreshHistory();
    });
  }, [host, store, commands]);
}
