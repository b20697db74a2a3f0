/**
 * Copy, cut and paste through the browser's clipboard events: they reach the system clipboard
 * (so nodes move between windows and files) without a permission prompt, in Electron and in a
 * browser alike. The text is the `*.itasca.json` form of the selection (store/clipboard.ts).
 */
import { useEffect } from "react";
import { useItascaStore } from "../store/react";
import { isEditable } from "./platform";

export function useClipboardEvents(): void {
  const store = useItascaStore();
  useEffect(() => {
    const onCopyOrCut = (event: ClipboardEvent) => {
      if (isEditable(event.target) || hasTextSelection()) return;
      const state = store.getState();
      const text = event.type === "cut" ? state.cutSelection() : state.copySelection();
      if (text === null) return;
      event.clipboardData?.setData("text/plain", text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      // The store keeps the last copy too, for a browser that hands the page no clipboard data.
      const text = event.clipboardData?.getData("text/plain") || store.getState().clipboardText;
      if (!text) return;
      event.preventDefault();
      store.getState().pasteText(text);
    };
    document.addEventListener("copy", onCopyOrCut);
    document.addEventListener("cut", onCopyOrCut);
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("copy", onCopyOrCut);
      document.removeEventListener("cut", onCopyOrCut);
      document.removeEventListener("paste", onPaste);
    };
  }, [store]);
}

/** Text selected on the page (a problem message, say) is copied as text, not as nodes. */
function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== "";
}
