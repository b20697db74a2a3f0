/**
 * Asks the host for the model registry and the document to open, once, at start. The document
 * goes through the validator (and so the one migrator) like every load; a file that cannot be
 * read leaves an empty canvas and says why.
 */
import { useEffect } from "react";
import { validateArchitecture } from "../../core/validation/validate";
import { useHost } from "../host/context";
import { openStartDocument, registryEntries } from "../host/host";
import { useItascaStore } from "../store/react";

export function useHostStart(): void {
  const host = useHost();
  const store = useItascaStore();
  useEffect(() => {
    let live = true;
    void registryEntries(host).then((entries) => live && entries !== undefined && store.getState().setModels(entries));
    const seqAtStart = store.getState().loadSeq;
    void openStartDocument(host).then(({ fileName, text }) => {
      // The user may have opened something already (a template from the gallery shown at start): keep it.
      if (!live || store.getState().loadSeq !== seqAtStart) return;
      const result = validateArchitecture(text, { file: fileName });
      if (result.document !== undefined) store.getState().loadDocument(result.document, fileName);
      else store.getState().notify("error", `${fileName} could not be opened: ${result.diagnostics[0]?.message ?? "unreadable"}`);
    });
    return () => {
      live = false;
    };
  }, [host, store]);
}
