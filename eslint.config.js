// Layering is a build error, not a memory (ARCHITECTURE.md section 1):
// core never imports the UI or Electron; the renderer-safe parts of core import no Node built-in and no SDK.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const upward = {
  group: ["**/renderer/**", "**/electron/**", "react", "react-dom", "react/*", "electron", "@xyflow/*", "zustand", "zustand/*"],
  message: "core/ must not import the renderer, Electron or React (ARCHITECTURE.md section 1).",
};
const nodeOnly = {
  group: ["node:*", ...builtinModules, "openai", "@anthropic-ai/sdk", "node-llama-cpp", "better-sqlite3", "**/engine/**", "**/engine", "**/providers/**", "**/providers", "**/store/**", "**/store", "**/cli/**"],
  message: "Renderer-safe core (graph, nodes, cost, interop, api) imports no Node built-in, SDK or Node-side module.",
};
// The renderer runs sandboxed in Electron and in a plain browser: it reaches the engine only through the host
// contract. Bare module names are matched exactly (as patterns, "inspector" would also match the renderer's own
// inspector/ folder); its own renderer/store/ folder is allowed, so Node-side core folders are named by full path.
const rendererMessage = "The renderer imports no Node built-in, SDK, Electron or Node-side core (engine, providers, store, cli); it talks to them through the host (ARCHITECTURE.md sections 1 and 6).";
const rendererForbidden = {
  paths: [...builtinModules, "electron", "openai", "@anthropic-ai/sdk", "node-llama-cpp", "better-sqlite3", "ws"].map((name) => ({ name, message: rendererMessage })),
  patterns: [{ group: ["node:*", "**/core/engine/**", "**/core/engine", "**/core/providers/**", "**/core/providers", "**/core/store/**", "**/core/store", "**/core/cli/**", "**/core/cli"], message: rendererMessage }],
};

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "out/**", "coverage/**", "renderer/dist/**", "tests/artifacts/**", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["core/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [upward] }] },
  },
  {
    files: ["core/graph/**/*.ts", "core/nodes/**/*.ts", "core/cost/**/*.ts", "core/interop/**/*.ts", "core/api/**/*.ts", "core/eval/extract*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [upward, nodeOnly] }] },
  },
  {
    // vite.config.ts runs in Node at build time, not in the renderer.
    files: ["renderer/**/*.ts", "renderer/**/*.tsx"],
    ignores: ["renderer/vite.config.ts"],
    rules: { "no-restricted-imports": ["error", rendererForbidden] },
  },
);
