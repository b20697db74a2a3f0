/**
 * Starts the designer in an element with a host. Electron's preload, the web-studio bridge and
 * the tests each pass their own host; the app never looks for one itself.
 */
import { ReactFlowProvider } from "@xyflow/react";
import { StrictMode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { HostProvider } from "../host/context";
import type { Host } from "../host/host";
import { createItascaStore, type ItascaStore } from "../store/create-store";
import { StoreProvider } from "../store/react";
import type { Theme } from "../store/slices/ui-slice";
import { App } from "./App";

export interface MountOptions {
  /** The first theme. @default "dark" */
  theme?: Theme;
  /** Called with the store, e.g. to persist the theme or to expose it to tests. @default undefined */
  onStore?: (store: ItascaStore) => void;
  /** Opens the template gallery over the start document (a first start: show what can be built). @default false */
  showTemplates?: boolean;
}

export function mountApp(element: HTMLElement, host: Host, options: MountOptions = {}): { root: Root; store: ItascaStore } {
  const store = createItascaStore(options.theme === undefined ? {} : { theme: options.theme });
  options.onStore?.(store);
  if (options.showTemplates) store.getState().setFileDialog("new");
  const root = createRoot(element);
  root.render(
    <StrictMode>
      <HostProvider host={host}>
        <StoreProvider store={store}>
          <ReactFlowProvider>
            <App />
          </ReactFlowProvider>
        </StoreProvider>
      </HostProvider>
    </StrictMode>,
  );
  return { root, store };
}
