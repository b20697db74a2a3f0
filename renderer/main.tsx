/**
 * Browser entry. Served by `itasca studio`, the page carries a session token and the app talks
 * to the studio through the web host; on the dev server (no token) it uses the in-memory host,
 * which designs but cannot run or save. In the desktop app the preload's `window.itasca` bridge is the host.
 */
import "@xyflow/react/dist/style.css";
import "./styles/theme.css";
import "./styles/layout.css";
import "./styles/canvas.css";
import "./styles/panels.css";
import "./styles/run.css";
import "./styles/models.css";
import "./styles/evaluate.css";
import "./styles/search.css";
import "./styles/files.css";
import { createWebHostClient, tokenFromPage } from "../core/api/web-client";
import { createElectronHost, electronBridge } from "./host/electron-host";
import type { Host } from "./host/host";
import { createMemoryHost } from "./host/memory-host";
import { createWebHost } from "./host/web-host";
import { mountApp } from "./shell/mount";
import type { Theme } from "./store/slices/ui-slice";

const THEME_KEY = "itasca.theme";
/** Set once the template gallery has greeted this browser profile (or desktop install). */
const WELCOMED_KEY = "itasca.welcomed";

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === "dark" || saved === "light") return saved;
  return window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
}

function pickHost(): Host {
  const bridge = electronBridge();
  if (bridge !== undefined) return createElectronHost(bridge);
  const token = tokenFromPage();
  // The dev server's made-up evaluations complete an item every 150 ms (and searches a trial every 300 ms), so the tabs can be watched.
  return token === undefined ? createMemoryHost({ evals: { itemDelayMs: 150 }, searches: { trialDelayMs: 300 } }) : createWebHost(createWebHostClient({ token }));
}

const element = document.getElementById("root");
if (element === null) throw new Error('index.html has no element with id "root"');
const host = pickHost();
// The first start opens on the template gallery; the memory host (the dev server) has no templates to show.
const firstStart = host.kind !== "memory" && localStorage.getItem(WELCOMED_KEY) === null;
if (firstStart) localStorage.setItem(WELCOMED_KEY, "1");
mountApp(element, host, {
  showTemplates: firstStart,
  theme: initialTheme(),
  onStore: (store) => store.subscribe((state, previous) => state.theme !== previous.theme && localStorage.setItem(THEME_KEY, state.theme)),
});
