/** Round trips started from the model list: one state per model id, so several can run at once. */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ModelTestReport } from "../../core/api/outputs";
import { useHost } from "../host/context";

/** A test going, done, or failed (with the host's message, which never carries a key). */
export type TestState = { status: "busy" } | { status: "ok"; report: ModelTestReport } | { status: "error"; message: string };

export interface ModelTests {
  states: Readonly<Record<string, TestState>>;
  run(id: string): void;
  /** Forgets a model's result (after it was edited or removed, the old figures no longer apply). */
  clear(id: string): void;
}

export function useModelTests(): ModelTests {
  const host = useHost();
  const [states, setStates] = useState<Readonly<Record<string, TestState>>>({});
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const run = useCallback(
    (id: string) => {
      setStates((old) => ({ ...old, [id]: { status: "busy" } }));
      void host["models.test"]({ id }).then((result) => {
        if (!live.current) return;
        const next: TestState = result.ok ? { status: "ok", report: result.value } : { status: "error", message: result.error.message };
        setStates((old) => ({ ...old, [id]: next }));
      });
    },
    [host],
  );

  const clear = useCallback((id: string) => {
    setStates((old) => {
      const { [id]: _gone, ...rest } = old;
      return rest;
    });
  }, []);

  return { states, run, clear };
}
