// Layering is a build error, not a memory (ARCHITECTURE.md section 1):
// core never imports the UI or Electron; the renderer-safe parts of core import no Node built-in and no SDK;
// inside core, each layer imports only the layers below it (eslint-rules/core-layer-order.js).
import { builtinModules } from "node:module";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { coreLayerOrder } from "./eslint-rules/core-layer-order.js";

/** The core folders that run only in Node (the others are renderer-safe). */
const NODE_SIDE_LAYERS = ["paths", "providers", "engine", "store", "eval", "search", "studio", "cli"];

const upward = {
  group: ["**/renderer/**", "**/electron/**", "react", "react-dom", "react/*", "electron", "@xyflow/*", "zustand", "zustand/*"],
  message: "core/ must not import the renderer, Electron or React (ARCHITECTURE.md section 1).",
};
const nodeOnly = {
  group: ["node:*", ...builtinModules, "openai", "@anthropic-ai/sdk", "node-llama-cpp", "better-sqlite3", ...NODE_SIDE_LAYERS.flatMap((layer) => [`**/${layer}/**`, `**/${layer}`])],
  message: "Renderer-safe core (graph, nodes, validation, api, cost, interop) imports no Node built-in, SDK or Node-side module.",
};
// The renderer runs sandboxed in Electron and in a plain browser: it reaches the engine only through the host
// contract. Bare module names are matched exactly (as patterns, "inspector" would also match the renderer's own
// inspector/ folder); its own renderer/store/ folder is allowed, so Node-side core folders are named by full path.
const rendererMessage = `The renderer imports no Node built-in, SDK, Electron or Node-side core (${NODE_SIDE_LAYERS.join(", ")}); it talks to them through the host (ARCHITECTURE.md sections 1 and 6).`;
const rendererForbidden = {
  paths: [...builtinModules, "electron", "openai", "@anthropic-ai/sdk", "node-llama-cpp", "better-sqlite3", "ws"].map((name) => ({ name, message: rendererMessage })),
  patterns: [{ group: ["node:*", ...NODE_SIDE_LAYERS.flatMap((layer) => [`**/core/${layer}/**`, `**/core/${layer}`])], message: rendererMessage }],
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
    plugins: { itasca: { rules: { "core-layer-order": coreLayerOrder } } },
    rules: { "no-restricted-imports": ["error", { patterns: [upward] }], "itasca/core-layer-order": "error" },
  },
  {
    files: ["core/graph/**/*.ts", "core/nodes/**/*.ts", "core/validation/**/*.ts", "core/api/**/*.ts", "core/cost/**/*.ts", "core/interop/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [upward, nodeOnly] }] },
  },
  {
    // vite.config.ts runs in Node at build time, not in the renderer.
    files: ["renderer/**/*.ts", "renderer/**/*.tsx"],
    ignores: ["renderer/vite.config.ts"],
    rules: { "no-restricted-imports": ["error", rendererForbidden] },
  },
);
