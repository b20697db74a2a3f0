/**
 * The window never leaves the app: navigation and new windows are refused. Links to the web
 * are not followed from inside the designer; a renderer that wants one shows the URL instead.
 */
import type { Event, WindowOpenHandlerResponse } from "electron";

/** `will-navigate` listener: every navigation is refused (the app is one page; reloads do not fire this). */
export function denyNavigation(event: Event, _url: string): void {
  event.preventDefault();
}

/** `setWindowOpenHandler` handler: `window.open` and `target=_blank` never open a window. */
export function denyWindowOpen(): WindowOpenHandlerResponse {
  return { action: "deny" };
}

/** `will-attach-webview` listener: the designer has no use for `<webview>`, so none can be attached. */
export function denyWebview(event: Event): void {
  event.preventDefault();
}
