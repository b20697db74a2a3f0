/**
 * Builds the renderer (runs in Node at build time, so it may import node:*; lint exempts it).
 * `base: "./"` makes every asset URL relative, so the same build loads from file:// in Electron
 * and from any path of the web-studio server.
 */
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { cspMetaTag } from "../electron/window-options.ts";

const root = fileURLToPath(new URL(".", import.meta.url));
const repository = fileURLToPath(new URL("..", import.meta.url));

/** Puts the Electron window's Content-Security-Policy into the built page (file:// has no headers). */
function contentSecurityPolicy(): Plugin {
  return {
    name: "itasca-csp-meta",
    apply: "build",
    transformIndexHtml: (html) => html.replace("<head>", `<head>\n    ${cspMetaTag()}`),
  };
}

export default defineConfig({
  root,
  base: "./",
  plugins: [react(), contentSecurityPolicy()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The designer is loaded locally, never over a slow network; elkjs is split out and loaded on first layout.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: "127.0.0.1",
    // The renderer imports core/graph and core/nodes from outside renderer/.
    fs: { allow: [repository] },
  },
});
