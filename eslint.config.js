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

export default tseslint.config(
  { ignores: ["node_modules/**", "dist/**", "out/**", "coverage/**", "**/*.d.ts"] },
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
);
