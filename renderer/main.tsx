/**
 * Browser entry. Today it always uses the in-memory host; the Electron preload and the
 * web-studio bridge will provide a host here instead (the seam is `mountApp`'s host argument).
 */
import "@xyflow/react/dist/style.css";
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/canvas.css";
import "./styles/panels.css";
import { createMemoryHost } from "./host/memory-host";
import { mountApp } from "./shell/mount";
import type { Theme } from "./store/slices/ui-slice";

const THEME_KEY = "itasca.theme";

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === "dark" || saved === "light") return saved;
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

const element = document.getElementById("root");
if (element === null) throw new Error('index.html has no element with id "root"');
mountApp(element, createMemoryHost(), {
  theme: initialTheme(),
  onStore: (store) => store.subscribe((state, previous) => state.theme !== previous.theme && localStorage.setItem(THEME_KEY, state.theme)),
});
