/**
 * Edits as the user issues them: they combine the graph with the selection (delete what is
 * selected, select what was pasted) and report refusals. Each is one `apply`, so one undo step.
 */
import type { StateCreator } from "zustand";
import type { Position } from "../../../core/graph/schema";
import type { ConnectionRequest } from "../../../core/validation/connection";
import { copyFragment, fragmentToText, parseFragment } from "../clipboard";
import type { ItascaState } from "../state";
import type { EditResult } from "../types";

export interface EditSlice {
  /** Adds a node of a type and selects it. */
  addNodeOfType(nodeType: string, position: Position): EditResult;
  /** Draws an edge; a refusal becomes a notice. */
  connectPorts(request: ConnectionRequest): EditResult;
  /** Sets (or, with undefined, resets) one param; a refusal is returned for the inspector to show. */
  setNodeParam(nodeId: string, name: string, value: unknown): EditResult;
  /** Deletes the selected nodes (and their edges) and the selected edges. */
  deleteSelection(): EditResult;
  /** Copies the selected nodes next to themselves and selects the copies. */
  duplicateSelection(): EditResult;
  /** The clipboard text of the selected nodes, or null when nothing is selected. */
  copySelection(): string | null;
  /** Copies, then deletes the selection. */
  cutSelection(): string | null;
  /** Pastes clipboard text (a fragment or a whole file); `at` puts its top-left corner there. */
  pasteText(text: string, at?: Position): EditResult;
  /** Selects one node and asks the canvas to centre it (a clicked problem). */
  focusNode(nodeId: string): void;
}

type Creator = StateCreator<ItascaState, [["temporal", unknown]], [], EditSlice>;

export const createEditSlice: Creator = (_set, get) => {
  const selectCreated = (result: EditResult): EditResult => {
    if (result.ok && result.created.length > 0) get().select({ nodes: result.created });
    return result;
  };
  const noticeOnRefusal = (result: EditResult): EditResult => {
    if (!result.ok && result.code !== "nothing-to-do") get().notify("error", result.reason);
    return result;
  };

  return {
    addNodeOfType: (nodeType, position) => noticeOnRefusal(selectCreated(get().apply({ type: "add-node", nodeType, position }))),
    connectPorts: (connection) => noticeOnRefusal(get().apply({ type: "connect", connection })),
    setNodeParam: (nodeId, name, value) => get().apply({ type: "set-param", nodeId, name, value }),
    deleteSelection: () => {
      const { selectedNodeIds, selectedEdgeKeys } = get();
      const result = get().apply({ type: "remove", nodeIds: selectedNodeIds, edgeKeys: selectedEdgeKeys });
      if (result.ok) get().clearSelection();
      return result;
    },
    duplicateSelection: () => noticeOnRefusal(selectCreated(get().apply({ type: "duplicate", nodeIds: get().selectedNodeIds }))),
    copySelection: () => {
      const { nodes, edges, selectedNodeIds } = get();
      if (selectedNodeIds.length === 0) return null;
      const text = fragmentToText(copyFragment({ nodes, edges }, selectedNodeIds));
      get().setClipboardText(text);
      return text;
    },
    cutSelection: () => {
      const text = get().copySelection();
      if (text !== null) get().deleteSelection();
      return text;
    },
    pasteText: (text, at) => {
      const parsed = parseFragment(text);
      if (!parsed.ok) return noticeOnRefusal({ ok: false, code: "clipboard-invalid", reason: parsed.reason });
      return noticeOnRefusal(selectCreated(get().apply({ type: "paste", fragment: parsed.fragment, ...(at === undefined ? {} : { at }) })));
    },
    focusNode: (nodeId) => {
      if (!get().nodes.some((node) => node.id === nodeId)) return;
      get().select({ nodes: [nodeId] });
      get().requestFocus(nodeId);
    },
  };
};
