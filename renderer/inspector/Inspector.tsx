/** The right panel: the selected node's inspector, or what to do when none (or several) is selected. */
import { useItasca } from "../store/react";
import { selectInspectedNode } from "../store/selectors";
import { NodeInspector } from "./NodeInspector";

export function Inspector() {
  const node = useItasca(selectInspectedNode);
  const selected = useItasca((state) => state.selectedNodeIds.length);
  return (
    <aside className="inspector" data-testid="inspector" aria-label="Inspector">
      {node !== undefined ? (
        <NodeInspector key={node.id} node={node} />
      ) : (
        <p className="inspector-empty" data-testid="inspector-empty">
          {selected > 1 ? `${selected} nodes selected. Select one node to edit its params.` : "Select a node to edit its params."}
        </p>
      )}
    </aside>
  );
}
