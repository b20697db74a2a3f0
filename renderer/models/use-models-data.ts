/**
 * The registry and the key list as the host reports them, loaded when the page opens and
 * reloaded after every change. A model change also refreshes the store's model list, so the
 * inspector's picker and the live validation see it without a restart.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { KeyInfo, ModelInfo } from "../../core/api/outputs";
import { useHost } from "../host/context";
import { useItascaStore } from "../store/react";

export interface ModelsData {
  /** null until the first answer. */
  models: readonly ModelInfo[] | null;
  /** null until the first answer. */
  keys: readonly KeyInfo[] | null;
  /** Why the registry or the keys could not be read (a memory host, a host that went away). */
  loadError: string | null;
  /**
   * Reloads both, after any change: a key changes the models' key status, and a model can
   * bring a new key variable into the list.
   */
  refresh(): Promise<void>;
}

export function useModelsData(): ModelsData {
  const host = useHost();
  const store = useItascaStore();
  const [models, setModels] = useState<readonly ModelInfo[] | null>(null);
  const [keys, setKeys] = useState<readonly KeyInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Only the latest request of each kind may write: answers can arrive out of order.
  const modelSeq = useRef(0);
  const keySeq = useRef(0);
  const live = useRef(true);

  const loadModels = useCallback(async () => {
    const seq = ++modelSeq.current;
    const infos = await host["models.list"]();
    if (!live.current || seq !== modelSeq.current) return;
    if (!infos.ok) return setLoadError(infos.error.message);
    setModels(infos.value);
    setLoadError(null);
    store.getState().setModels(infos.value.map((info) => info.entry));
  }, [host, store]);

  const loadKeys = useCallback(async () => {
    const seq = ++keySeq.current;
    const result = await host["keys.list"]();
    if (!live.current || seq !== keySeq.current) return;
    if (result.ok) setKeys(result.value);
    else setLoadError(result.error.message);
  }, [host]);

  const refresh = useCallback(async () => {
    await Promise.all([loadKeys(), loadModels()]);
  }, [loadKeys, loadModels]);

  useEffect(() => {
    live.current = true;
    void refresh();
    return () => {
      live.current = false;
    };
  }, [refresh]);

  return { models, keys, loadError, refresh };
}
