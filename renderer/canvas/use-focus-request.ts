/** Centres the canvas on a node when something (a clicked problem) asks for it. */
import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { useItasca } from "../store/react";
import { DEFAULT_NODE_SIZE } from "../store/geometry";

export function useFocusRequest(): void {
  const request = useItasca((state) => state.focusRequest);
  const { getInternalNode, setCenter, getZoom } = useReactFlow();
  useEffect(() => {
    if (request === null) return;
    const node = getInternalNode(request.nodeId);
    if (node === undefined) return;
    const width = node.measured.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured.height ?? DEFAULT_NODE_SIZE.height;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + width / 2, y + height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
  }, [request, getInternalNode, setCenter, getZoom]);
}
