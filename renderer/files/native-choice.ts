/** The answer of a native open/save dialog (`dialog.open` / `dialog.save`), as the file commands use it. */
import type { DialogChoice } from "../../core/api/outputs";
import type { Result } from "../../core/api/result";
import type { ItascaStore } from "../store/create-store";

/**
 * A path, null when the user cancelled, undefined when this host has no native dialogs (the
 * caller then shows the studio's own file dialog). A failed dialog is reported as a notice.
 */
export async function nativeChoice(store: ItascaStore, pending: Promise<Result<DialogChoice>>): Promise<string | null | undefined> {
  const result = await pending;
  if (!result.ok) {
    if (result.error.code !== "unsupported") store.getState().notify("error", `The dialog failed: ${result.error.message}`);
    return undefined;
  }
  return result.value.path ?? null;
}
