/**
 * While an edge is being dragged over a port, a tooltip at the pointer says whether it can
 * connect there and, when not, why (the same check that refuses the drop).
 */
import { useConnection, useStore } from "@xyflow/react";
import { checkConnection } from "../../core/validation/connection";
import { useItascaStore } from "../store/react";
import { graphOf } from "../store/selectors";

/** The hint's widest; it flips to the pointer's left rather than run off the canvas. */
const HINT_WIDTH = 320;

interface Hint {
  ok: boolean;
  text: string;
  x: number;
  y: number;
}

export function ConnectionHint() {
  const store = useItascaStore();
  const paneWidth = useStore((state) => state.width);
  const hint = useConnection((connection): Hint | null => {
    if (!connection.inProgress || connection.toHandle === null) return null;
    const { fromHandle, toHandle, pointer } = connection;
    const at = { x: pointer.x, y: pointer.y };
    if (fromHandle.type === toHandle.type) {
      return { ok: false, text: `connect an ${fromHandle.type === "source" ? "output to an input" : "input to an output"}`, ...at };
    }
    // A drag may start at either end; edges always run output (source) -> input (target).
    const [source, target] = fromHandle.type === "source" ? [fromHandle, toHandle] : [toHandle, fromHandle];
    const check = checkConnection(graphOf(store.getState()), {
      source: source.nodeId,
      sourcePort: source.id ?? "",
      target: target.nodeId,
      targetPort: target.id ?? "",
    });
    return check.ok ? { ok: true, text: `connect ${check.type}`, ...at } : { ok: false, text: check.reason, ...at };
  });
  if (hint === null) return null;
  return (
    <div
      className={`connection-hint connection-hint--${hint.ok ? "ok" : "refused"}`}
      data-testid="connection-hint"
      data-valid={hint.ok}
      role="status"
      style={{ transform: `translate(${hint.x + 14 + HINT_WIDTH > paneWidth ? Math.max(0, hint.x - 14 - HINT_WIDTH) : hint.x + 14}px, ${hint.y + 14}px)` }}
    >
      {hint.text}
    </div>
  );
}
