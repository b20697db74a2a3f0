/**
 * What `npm start` does, decided from facts about the checkout: rebuild what is stale, then
 * open the desktop app when the Electron binary is installed, else the web studio. Pure, so
 * every branch is tested without Electron or a build.
 */
import { isStale } from "../core/paths/source-times";

export interface LaunchFacts {
  /** Path of the Electron binary when it is installed and exists; undefined otherwise. */
  electronBinary: string | undefined;
  /** mtime (ms) of renderer/dist/index.html; undefined when the renderer was never built. */
  rendererBuiltAt: number | undefined;
  /** Newest mtime (ms) among the renderer's sources (renderer/ and the core it imports). */
  rendererSourcesAt: number;
  /** mtime (ms) of out/electron/main.mjs; undefined when never built. */
  electronBuiltAt: number | undefined;
  /** Newest mtime (ms) among electron/ and core/. */
  electronSourcesAt: number;
}

export interface LaunchPlan {
  buildRenderer: boolean;
  /** Only when Electron will be launched: the web studio does not need the bundle. */
  buildElectron: boolean;
  target: "electron" | "web";
}

export function planLaunch(facts: LaunchFacts): LaunchPlan {
  const target = facts.electronBinary === undefined ? "web" : "electron";
  return {
    buildRenderer: isStale(facts.rendererBuiltAt, facts.rendererSourcesAt),
    buildElectron: target === "electron" && isStale(facts.electronBuiltAt, facts.electronSourcesAt),
    target,
  };
}

/** The one line printed when falling back to the browser. */
export const WEB_FALLBACK_NOTE = "Electron is not installed here; starting the web studio instead.";

/**
 * The Electron binary, found the way Electron documents: `require("electron")` from Node
 * returns its path. It throws when the package is absent (an optional dependency whose
 * download failed is dropped) or its download never completed.
 * @param load `require` of the project, injectable for tests
 * @param exists `fs.existsSync`, injectable for tests
 */
export function findElectronBinary(load: (id: string) => unknown, exists: (path: string) => boolean): string | undefined {
  let path: unknown;
  try {
    path = load("electron");
  } catch {
    return undefined;
  }
  return typeof path === "string" && path !== "" && exists(path) ? path : undefined;
}
