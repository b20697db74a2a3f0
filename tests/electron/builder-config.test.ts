/**
 * The electron-builder config in package.json: the targets the issue asks for, an Electron
 * version that matches the optional dependency (it cannot be read from node_modules where the
 * binary was not installed), what deb packaging requires, and native modules kept outside asar.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/architectures";

interface BuilderConfig {
  electronVersion: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; maintainer?: string };
  mac: { target: string[] };
  win: { target: string[] };
}

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  main: string;
  description?: string;
  author?: string;
  optionalDependencies: Record<string, string>;
  build: BuilderConfig;
};

describe("electron-builder config", () => {
  it("builds AppImage and deb, dmg and nsis", () => {
    expect(pkg.build.linux.target).toEqual(["AppImage", "deb"]);
    expect(pkg.build.mac.target).toEqual(["dmg"]);
    expect(pkg.build.win.target).toEqual(["nsis"]);
  });

  it("pins the Electron version the optional dependency installs", () => {
    expect(pkg.optionalDependencies["electron"]).toBe(pkg.build.electronVersion);
  });

  it("has what a deb needs: a maintainer and a description", () => {
    expect(pkg.build.linux.maintainer ?? pkg.author).toMatch(/\S/);
    expect(pkg.description).toMatch(/\S/);
  });

  it("ships the bundles, the built renderer and the presets, and rebuilds native modules for Electron outside asar", () => {
    expect(pkg.main).toBe("out/electron/main.mjs");
    expect(pkg.build.files).toEqual(expect.arrayContaining(["out/electron/**", "renderer/dist/**", "presets/**"]));
    expect(pkg.build.npmRebuild).toBe(true);
    expect(pkg.build.asarUnpack).toEqual(expect.arrayContaining(["node_modules/better-sqlite3/**", "node_modules/node-llama-cpp/**"]));
  });

  it("ships the code sandbox's worker scripts and its interpreters as real files (a locked-down child process cannot read app.asar)", () => {
    expect(pkg.build.files).toContain("core/eval/sandbox/worker/**");
    expect(pkg.build.asarUnpack).toEqual(expect.arrayContaining(["core/eval/sandbox/worker/**", "node_modules/pyodide/**", "node_modules/quickjs-emscripten/**", "node_modules/@jitl/quickjs-wasmfile-release-sync/**"]));
  });
});
