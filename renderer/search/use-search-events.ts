/**
 * Feeds every search event into the store, from app start (so the socket is open before the
 * first `search.start`), gives the form a dataset once the host listed its presets, and
 * refreshes the file's search history when one ends or another file is opened.
 */
import { useEffect } from "react";
import { useHost } from "../host/context";
import { useItasca, useItascaStore } from "../store/react";
import type { SearchCommands } from "./use-search-commands";

export function useSearchEvents(commands: SearchCommands): void {
  const host = useHost();
  const store = useItascaStore();
  const filePath = useItasca((state) => state.filePath);
  const datasets = useItasca((state) => state.datasets);
  useEffect(() => {
    const { searchForm, setSearchForm } = store.getState();
    // The first preset is the default until the user picks one.
    if (datasets.length > 0 && !datasets.some((d) => d.name === searchForm.preset)) setSearchForm({ preset: datasets[0]!.name });
  }, [store, datasets]);
  useEffect(() => commands.refreshHistory(), [commands, filePath]);
  useEffect(() => {
    return host["search.event"]((event) => {
      store.getState().receiveSearchEvent(event);
      if (event.type === "search.finished") commands.refreshHistory();
    });
  }, [host, store, commands]);
}
