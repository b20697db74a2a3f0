/**
 * File > Import Archon config and Export as Archon config in the renderer: an import opens an
 * untitled document with its warnings in the store (cleared by the next document), a rejected
 * one changes nothing, and an export that cannot be expressed names and shows its node before
 * any dialog asks where.
 */
import { describe, expect, it } from "vitest";
import { ok } from "../../core/api/result";
import type { Host } from "../../renderer/host/host";
import { createMemoryHost } from "../../renderer/host/memory-host";
import { createArchonCommands, exportFileName, importedFileName, looksLikeArchonConfig, warningSummary } from "../../renderer/files/archon-commands";
import { createFileCommands } from "../../renderer/files/use-file-commands";
import type { ItascaStore } from "../../renderer/store/create-store";
import { selectDiagnostics } from "../../renderer/store/selectors";
import { readText, SAMPLE, storeWith } from "./helpers";

const DEFECTIVE = "tests/renderer/fixtures/defective-moa.archon.json";
const VOTE = "presets/architectures/game24-vote.itasca.json";

interface Recorded {
  written: { path: string; text: string }[];
  saveDefaults: (string | undefined)[];
  /** The purpose of every native dialog asked for, in order (it sets the dialog's title and filter). */
  purposes: (string | undefined)[];
}

function hostOf(kind: Host["kind"], choice: { open?: string; save?: string } = {}): { host: Host; recorded: Recorded } {
  const recorded: Recorded = { written: [], saveDefaults: [], purposes: [] };
  const host: Host = {
    ...createMemoryHost(),
    kind,
    "dialog.open": async (input) => (recorded.purposes.push(input?.purpose), ok(choice.open === undefined ? {} : { path: choice.open })),
    "dialog.save": async (input) => (recorded.saveDefaults.push(input?.defaultName), recorded.purposes.push(input?.purpose), ok(choice.save === undefined ? {} : { path: choice.save })),
    "files.read": async (input) => ok({ path: input.path, text: readText(DEFECTIVE) }),
    "files.write": async (input) => (recorded.written.push(input), ok({ path: input.path })),
  };
  return { host, recorded };
}

function commands(store: ItascaStore, host: Host) {
  return createArchonCommands(host, store, createFileCommands(host, store, () => true));
}

describe("Archon file helpers", () => {
  it("tells an Archon config (layers) from an Itasca file (nodes) and from anything else", () => {
    expect(looksLikeArchonConfig(readText(DEFECTIVE))).toBe(true);
    expect(looksLikeArchonConfig(readText(SAMPLE))).toBe(false);
    expect(looksLikeArchonConfig("[1, 2]")).toBe(false);
    expect(looksLikeArchonConfig("{ not json")).toBe(false);
  });

  it("names files: the import after the config's name, the export after the document's file", () => {
    expect(importedFileName("defective-moa")).toBe("defective-moa.itasca.json");
    expect(importedFileName("Archon: MoA / big")).toBe("Archon-MoA-big.itasca.json");
    expect(importedFileName("  ")).toBe("archon.itasca.json");
    expect(exportFileName("sample-rank-fuse.itasca.json")).toBe("sample-rank-fuse.archon.json");
    expect(exportFileName("plain.json")).toBe("plain.archon.json");
  });

  it("summarises warnings by code and path, at most three", () => {
    const warning = (n: number) => ({ code: "other" as const, message: "m", path: `layers[${n}]` });
    expect(warningSummary([])).toBe("");
    expect(warningSummary([warning(0)])).toBe("1 warning: other at layers[0]");
    expect(warningSummary([0, 1, 2, 3, 4].map(warning))).toBe("5 warnings: other at layers[0], other at layers[1], other at layers[2], and 2 more");
  });
});

describe("importing an Archon config", () => {
  it("opens the graph as an untitled document and keeps the warnings for the Problems tab", () => {
    const store = storeWith(SAMPLE);
    store.getState().setBottomTab("run");
    expect(commands(store, hostOf("web").host).importText(readText(DEFECTIVE), "defective.json")).toBe(true);
    const state = store.getState();
    expect(state.fileName).toBe("defective-moa.itasca.json");
    expect(state.filePath).toBeUndefined();
    expect(state.nodes.map((node) => node.type).sort()).toEqual(["critique", "fuse", "generate", "generate", "input", "output"]);
    expect(state.importReport?.file).toBe("defective.json");
    const codes = state.importReport?.warnings.map((w) => w.code) ?? [];
    expect(codes).toEqual(expect.arrayContaining(["misspelled-key", "missing-max-tokens"]));
    const misspelled = state.importReport?.warnings.find((w) => w.code === "misspelled-key");
    expect(misspelled?.path).toBe("layers[0][0].length_contorl");
    expect(state.nodes.some((node) => node.id === misspelled?.nodeId)).toBe(true);
    expect(state.bottomTab).toBe("problems");
    expect(state.notice).toMatchObject({ kind: "info", text: expect.stringContaining(`${codes.length} warnings`) });
  });

  it("leaves unknown models to the live validation: one problem per model, not two", () => {
    const store = storeWith(SAMPLE);
    store.getState().setModels([{ id: "local/stories260k", provider: "llama-cpp", model: "stories260K.gguf" }]);
    commands(store, hostOf("web").host).importText(readText(DEFECTIVE), "defective.json");
    expect(store.getState().importReport?.warnings.map((w) => w.code)).not.toContain("model-not-registered");
    const models = new Set(store.getState().nodes.flatMap((node) => (typeof node.params["model"] === "string" ? [node.params["model"]] : [])));
    const unknown = selectDiagnostics(store.getState()).filter((d) => d.code === "unknown-model");
    expect(unknown.length).toBeGreaterThanOrEqual(models.size);
  });

  it("forgets the warnings when another document is opened", () => {
    const store = storeWith(SAMPLE);
    const { host } = hostOf("web");
    commands(store, host).importText(readText(DEFECTIVE), "defective.json");
    expect(store.getState().importReport).not.toBeNull();
    createFileCommands(host, store, () => true).openText(readText(SAMPLE), "sample-rank-fuse.itasca.json");
    expect(store.getState().importReport).toBeNull();
  });

  it("a rejected config leaves the document alone and says why", () => {
    const store = storeWith(SAMPLE);
    const before = store.getState().nodes;
    expect(commands(store, hostOf("web").host).importText('{"name": "x", "layers": 7}', "bad.json")).toBe(false);
    expect(store.getState().nodes).toBe(before);
    expect(store.getState().importReport).toBeNull();
    expect(store.getState().notice).toMatchObject({ kind: "error", text: expect.stringContaining("bad.json was not imported") });
  });

  it("the desktop app imports the file picked in the native dialog; the web studio shows its browser", async () => {
    const desktop = storeWith(SAMPLE);
    const electron = hostOf("electron", { open: "/work/defective.json" });
    await commands(desktop, electron.host).askImport();
    expect(electron.recorded.purposes).toEqual(["archon"]);
    expect(desktop.getState().fileName).toBe("defective-moa.itasca.json");
    expect(desktop.getState().importReport?.file).toBe("defective.json");

    const web = storeWith(SAMPLE);
    await commands(web, { ...hostOf("web").host, "dialog.open": createMemoryHost()["dialog.open"] }).askImport();
    expect(web.getState().fileDialog).toBe("import-archon");
  });
});

describe("exporting as an Archon config", () => {
  it("writes the config where the native dialog says, under the document's name", async () => {
    const store = storeWith(SAMPLE);
    const { host, recorded } = hostOf("electron", { save: "/work/out.archon.json" });
    await commands(store, host).askExport();
    expect(recorded.saveDefaults).toEqual(["sample-rank-fuse.archon.json"]);
    expect(recorded.purposes).toEqual(["archon"]);
    expect(recorded.written.map((w) => w.path)).toEqual(["/work/out.archon.json"]);
    const config = JSON.parse(recorded.written[0]?.text ?? "") as { layers: unknown[] };
    expect(config.layers.length).toBeGreaterThan(0);
    expect(store.getState().notice).toMatchObject({ kind: "info", text: expect.stringContaining("Exported out.archon.json") });
    // Exporting is not saving: the document keeps its (absent) path.
    expect(store.getState().filePath).toBeUndefined();
  });

  it("the web studio asks where through its own dialog, then writes", async () => {
    const store = storeWith(SAMPLE);
    const { host, recorded } = hostOf("web");
    const archon = commands(store, { ...host, "dialog.save": createMemoryHost()["dialog.save"] });
    await archon.askExport();
    expect(store.getState().fileDialog).toBe("export-archon");
    expect(await archon.exportTo("/work/x.archon.json")).toBe(true);
    expect(recorded.written).toHaveLength(1);
  });

  it("an architecture with no Archon form is refused before any dialog, naming and selecting the node", async () => {
    const store = storeWith(VOTE);
    const { host, recorded } = hostOf("electron", { save: "/work/out.archon.json" });
    await commands(store, host).askExport();
    expect(recorded.saveDefaults).toEqual([]);
    expect(recorded.written).toEqual([]);
    expect(store.getState().notice).toMatchObject({ kind: "error", text: expect.stringContaining('"vote"') });
    expect(store.getState().selectedNodeIds).toEqual(["vote"]);
    expect(store.getState().focusRequest?.nodeId).toBe("vote");
    expect(store.getState().fileDialog).toBeNull();
  });
});
