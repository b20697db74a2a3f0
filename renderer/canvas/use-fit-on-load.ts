/**
 * Fits the view to each newly opened document once its nodes are measured (a document arrives
 * from the host after the canvas mounted, so xyflow's own `fitView` on init is too early).
 */
import { useNodesInitialized, useReactFlow } from "@xyflow/react";
import { useEffect, useRef } from "react";
import { useItasca } from "../store/react";

export function useFitOnLoad(): void {
  const loadSeq = useItasca((state) => state.loadSeq);
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const fitted = useRef(0);
  useEffect(() => {
    if (!initialized || fitted.current === loadSeq) return;
    fitted.current = loadSeq;
    void fitView({ padding: 0.2 });
  }, [initialized, loadSeq, fitView]);
}
