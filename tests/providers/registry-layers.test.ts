/**
 * README "Models, providers and keys": the registry is the built-in entries, then `models.json`
 * in the data dir (ITASCA_HOME), then `itasca.models.json` next to the architecture, later ones
 * winning; hosted models without prices get a dated built-in list price.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BUILTIN_MODELS } from "../../core/api/builtin-models";
import type { ModelEntry } from "../../core/api/schemas";
import { listPrice, PRICE_TABLE, PRICES_AS_OF } from "../../core/providers/prices";
import { loadModelRegistry, ModelsFileError, PROJECT_MODELS_FILE, USER_MODELS_FILE } from "../../core/providers/registry-file";
import { runCli } from "../helpers/run-cli";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh data dir and a fresh project folder holding an architecture file. */
function layout(): { home: string; project: string; architectureFile: string; env: NodeJS.ProcessEnv } {
  const home = mkdtempSync(join(tmpdir(), "itasca-home-"));
  const project = mkdtempSync(join(tmpdir(), "itasca-project-"));
  dirs.push(home, project);
  const architectureFile = join(project, "arch.itasca.json");
  writeFileSync(architectureFile, "{}");
  return { home, project, architectureFile, env: { ITASCA_HOME: home } };
}

function writeModels(file: string, models: unknown[]): void {
  writeFileSync(file, JSON.stringify({ models }));
}

const local = (id: string, model: string, extra: Partial<ModelEntry> = {}): ModelEntry => ({ id, provider: "openai-compatible", baseUrl: "http://127.0.0.1:8000/v1", model, ...extra });

describe("the three registry layers", () => {
  it("a project file beats models.json, which beats the built-ins; sources name each entry's layer", () => {
    const { home, project, architectureFile, env } = layout();
    writeModels(join(home, USER_MODELS_FILE), [
      local("shared", "user-model"),
      local("user-only", "user-only-model"),
      local("local/stories260k", "user-replaces-builtin"),
    ]);
    writeModels(join(project, PROJECT_MODELS_FILE), [local("shared", "project-model"), local("project-only", "project-only-model"), local("replay/gpt-4-game24-cot", "project-replaces-builtin")]);

    const { registry, sources, userFile, projectFile } = loadModelRegistry({ env, architectureFile });
    expect(userFile).toBe(join(home, USER_MODELS_FILE));
    expect(projectFile).toBe(join(project, PROJECT_MODELS_FILE));
    expect(registry.get("shared")?.model).toBe("project-model");
    expect(registry.get("user-only")?.model).toBe("user-only-model");
    expect(registry.get("project-only")?.model).toBe("project-only-model");
    expect(registry.get("local/stories260k")).toEqual(local("local/stories260k", "user-replaces-builtin"));
    expect(registry.get("replay/gpt-4-game24-cot")?.model).toBe("project-replaces-builtin");
    const untouched = BUILTIN_MODELS.find((m) => m.id === "replay/gsm8k-6b-finetuning");
    expect(registry.get("replay/gsm8k-6b-finetuning")).toEqual(untouched);

    expect(Object.fromEntries(sources)).toEqual({
      ...Object.fromEntries(BUILTIN_MODELS.map((m) => [m.id, "built-in"])),
      "local/stories260k": "user",
      "replay/gpt-4-game24-cot": "project",
      shared: "project",
      "user-only": "user",
      "project-only": "project",
    });
    // Every entry is listed once, whatever the number of layers that define it.
    expect(registry.list().map((m) => m.id).sort()).toEqual([...BUILTIN_MODELS.map((m) => m.id), "shared", "user-only", "project-only"].sort());
  });

  it("without an architecture file, or with none beside it, only built-ins and models.json count", () => {
    const { home, project, architectureFile, env } = layout();
    writeModels(join(home, USER_MODELS_FILE), [local("shared", "user-model")]);

    const beside = loadModelRegistry({ env, architectureFile });
    expect(beside.projectFile).toBeUndefined();
    expect(beside.registry.get("shared")?.model).toBe("user-model");
    expect(beside.sources.get("shared")).toBe("user");

    writeModels(join(project, PROJECT_MODELS_FILE), [local("shared", "project-model")]);
    const noArchitecture = loadModelRegistry({ env });
    expect(noArchitecture.projectFile).toBeUndefined();
    expect(noArchitecture.registry.get("shared")?.model).toBe("user-model");
    // A project file elsewhere is not read either: only the one next to the architecture.
    const elsewhere = join(mkdtempSync(join(tmpdir(), "itasca-other-")), "other.itasca.json");
    dirs.push(join(elsewhere, ".."));
    expect(loadModelRegistry({ env, architectureFile: elsewhere }).registry.get("shared")?.model).toBe("user-model");
  });

  it("an empty data dir gives exactly the built-ins", () => {
    const { env, architectureFile } = layout();
    const { registry, sources } = loadModelRegistry({ env, architectureFile });
    expect(registry.list()).toEqual(BUILTIN_MODELS);
    expect(new Set(sources.values())).toEqual(new Set(["built-in"]));
  });
});

describe("a broken layer file", () => {
  function errorOf(fn: () => unknown): ModelsFileError {
    try {
      fn();
    } catch (error) {
      if (error instanceof ModelsFileError) return error;
      throw error;
    }
    throw new Error("expected a ModelsFileError");
  }

  it("names the file: invalid JSON in models.json", () => {
    const { home, env } = layout();
    const file = join(home, USER_MODELS_FILE);
    writeFileSync(file, '{"models": [');
    const error = errorOf(() => loadModelRegistry({ env }));
    expect(error.message.startsWith(`${file}: not valid JSON (`)).toBe(true);
    expect(error.message).toContain("fix or delete the file");
  });

  it("names the file and the path: an entry missing its provider in itasca.models.json", () => {
    const { project, architectureFile, env } = layout();
    const file = join(project, PROJECT_MODELS_FILE);
    writeModels(file, [local("ok", "fine"), { id: "broken", model: "m" }]);
    const error = errorOf(() => loadModelRegistry({ env, architectureFile }));
    expect(error.message.startsWith(`${file}: models[1].provider: `)).toBe(true);
    expect(error.message).toContain('expected {"models": [{"id", "provider", "model", ...}]}');
  });

  it("names the file and the id: an id twice in one file", () => {
    const { home, env } = layout();
    const file = join(home, USER_MODELS_FILE);
    writeModels(file, [local("twice", "a"), local("twice", "b")]);
    expect(errorOf(() => loadModelRegistry({ env })).message).toBe(`${file}: models[1].id: "twice" appears twice; ids must be unique`);
  });

  it("`itasca run` exits 1 with the broken project file named", async () => {
    const { project, env } = layout();
    const architectureFile = join(project, "single-call.itasca.json");
    writeFileSync(architectureFile, JSON.stringify({ version: 1, name: "x", nodes: [], edges: [] }));
    writeFileSync(join(project, PROJECT_MODELS_FILE), "not json");
    const { code, stderr } = await runCli(["run", architectureFile, "--input", "q"], env as Record<string, string>);
    expect(code).toBe(1);
    expect(stderr).toContain(`${join(project, PROJECT_MODELS_FILE)}: not valid JSON`);
  });
});

describe("dated list prices", () => {
  it("a hosted entry without prices gets the list price, and the registry says of what date", () => {
    const { home, env } = layout();
    writeModels(join(home, USER_MODELS_FILE), [
      { id: "gpt", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o" },
      { id: "gpt-dated", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o-mini-2024-07-18" },
      { id: "routed", provider: "openai-compatible", baseUrl: "https://openrouter.ai/api/v1", model: "deepseek/deepseek-chat" },
      { id: "claude", provider: "anthropic", model: "claude-3-5-haiku-latest" },
    ]);
    const { registry, listPriced } = loadModelRegistry({ env });
    expect(registry.get("gpt")).toMatchObject({ priceInPerMTok: 2.5, priceOutPerMTok: 10 });
    expect(registry.get("gpt-dated")).toMatchObject({ priceInPerMTok: 0.15, priceOutPerMTok: 0.6 });
    expect(registry.get("routed")).toMatchObject({ priceInPerMTok: 0.27, priceOutPerMTok: 1.1 });
    expect(registry.get("claude")).toMatchObject({ priceInPerMTok: 0.8, priceOutPerMTok: 4 });
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}$/);
    expect(Object.fromEntries(listPriced)).toEqual({ gpt: PRICES_AS_OF, "gpt-dated": PRICES_AS_OF, routed: PRICES_AS_OF, claude: PRICES_AS_OF });
  });

  it("an entry with its own prices keeps them, an unknown model gets none, local and replay files are never priced", () => {
    const { home, project, architectureFile, env } = layout();
    writeModels(join(home, USER_MODELS_FILE), [
      { id: "own", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o", priceInPerMTok: 1.25, priceOutPerMTok: 5 },
      { id: "free", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o", priceInPerMTok: 0, priceOutPerMTok: 0 },
      { id: "unknown", provider: "openai-compatible", baseUrl: "https://api.together.xyz/v1", model: "meta-llama/Meta-Llama-3-8B-Instruct" },
      { id: "gguf", provider: "llama-cpp", model: "gpt-4o" },
      { id: "project-priced", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4.1" },
    ]);
    // The project layer gives its own price to an entry the user layer left to the list.
    writeModels(join(project, PROJECT_MODELS_FILE), [{ id: "project-priced", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4.1", priceInPerMTok: 9, priceOutPerMTok: 9 }]);
    const { registry, listPriced } = loadModelRegistry({ env, architectureFile });
    expect(registry.get("own")).toMatchObject({ priceInPerMTok: 1.25, priceOutPerMTok: 5 });
    expect(registry.get("free")).toMatchObject({ priceInPerMTok: 0, priceOutPerMTok: 0 });
    expect(registry.get("project-priced")).toMatchObject({ priceInPerMTok: 9, priceOutPerMTok: 9 });
    for (const id of ["unknown", "gguf"]) {
      const entry = registry.get(id);
      expect(entry?.priceInPerMTok).toBeUndefined();
      expect(entry?.priceOutPerMTok).toBeUndefined();
    }
    expect(listPriced.size).toBe(0);
  });

  it("listPrice matches base names, dated and vendor-prefixed names, and nothing else", () => {
    expect(listPrice("gpt-4o")).toEqual(PRICE_TABLE["gpt-4o"]);
    expect(listPrice("GPT-4o-2024-08-06")).toEqual(PRICE_TABLE["gpt-4o"]);
    expect(listPrice("claude-sonnet-4-20250514")).toEqual(PRICE_TABLE["claude-sonnet-4"]);
    expect(listPrice("openai/gpt-4.1-mini")).toEqual(PRICE_TABLE["gpt-4.1-mini"]);
    expect(listPrice("gemini-2.5-flash-preview-05")).toEqual(PRICE_TABLE["gemini-2.5-flash"]);
    expect(listPrice("gpt-5-imaginary")).toBeUndefined();
    expect(listPrice("llama3")).toBeUndefined();
  });

  it("`itasca models list --json` shows the list price and its date", async () => {
    const { home, env } = layout();
    writeModels(join(home, USER_MODELS_FILE), [
      { id: "gpt", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o" },
      { id: "own", provider: "openai-compatible", baseUrl: "https://api.openai.com/v1", model: "gpt-4o", priceInPerMTok: 1, priceOutPerMTok: 2 },
    ]);
    const { code, stdout } = await runCli(["models", "list", "--json"], { ...(env as Record<string, string>), OPENAI_API_KEY: "" });
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows.find((r) => r.id === "gpt")).toMatchObject({ source: "user", priceInPerMTok: 2.5, priceOutPerMTok: 10, pricesAsOf: PRICES_AS_OF, keyEnv: "OPENAI_API_KEY", key: "not set" });
    const own = rows.find((r) => r.id === "own");
    expect(own).toMatchObject({ priceInPerMTok: 1, priceOutPerMTok: 2 });
    expect(own && "pricesAsOf" in own).toBe(false);
  });
});
