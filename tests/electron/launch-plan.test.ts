import { describe, expect, it } from "vitest";
import { isStale } from "../../core/paths/source-times";
import { findElectronBinary, planLaunch, type LaunchFacts } from "../../scripts/launch-plan";

const fresh: LaunchFacts = { electronBinary: "/x/electron", rendererBuiltAt: 200, rendererSourcesAt: 100, electronBuiltAt: 200, electronSourcesAt: 100 };

describe("planLaunch", () => {
  it("launches Electron without building when it is installed and the builds are fresh", () => {
    expect(planLaunch(fresh)).toEqual({ buildRenderer: false, buildElectron: false, target: "electron" });
  });

  it("falls back to the web studio when Electron is absent, never building the Electron bundle", () => {
    expect(planLaunch({ ...fresh, electronBinary: undefined, electronBuiltAt: undefined })).toEqual({ buildRenderer: false, buildElectron: false, target: "web" });
  });

  it("builds the renderer when it is missing or older than its sources", () => {
    expect(planLaunch({ ...fresh, rendererBuiltAt: undefined }).buildRenderer).toBe(true);
    expect(planLaunch({ ...fresh, rendererSourcesAt: 300 }).buildRenderer).toBe(true);
    expect(planLaunch({ ...fresh, electronBinary: undefined, rendererSourcesAt: 300 })).toMatchObject({ buildRenderer: true, target: "web" });
  });

  it("builds the Electron bundle when it is stale and Electron will run", () => {
    expect(planLaunch({ ...fresh, electronBuiltAt: undefined }).buildElectron).toBe(true);
    expect(planLaunch({ ...fresh, electronSourcesAt: 300 }).buildElectron).toBe(true);
  });

  it("treats an equal mtime as fresh", () => {
    expect(isStale(100, 100)).toBe(false);
  });
});

describe("findElectronBinary", () => {
  it("returns the path require('electron') gives when it exists", () => {
    expect(findElectronBinary(() => "/x/electron", () => true)).toBe("/x/electron");
  });

  it("is undefined when the package is absent, its download failed, or the path is missing", () => {
    const missing = () => {
      throw new Error("Cannot find module 'electron'");
    };
    expect(findElectronBinary(missing, () => true)).toBeUndefined();
    expect(findElectronBinary(() => "/x/electron", () => false)).toBeUndefined();
    expect(findElectronBinary(() => ({}), () => true)).toBeUndefined();
  });
});
