/**
 * The Electron main process: one sandboxed window on the built renderer, the studio service
 * behind typed IPC, the native menu and dialogs, and API keys in the OS keychain.
 *
 * The engine runs in its own thread or process (start-engine.ts): IPC requests are validated
 * here, then cross to it, so a long run never competes with the window, menus and dialogs for
 * this process's event loop. Keys stay in the keychain here; the engine holds a copy in memory.
 */
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { app, BrowserWindow, dialog, ipcMain, Menu, safeStorage, session } from "electron";
import type { MenuCommand } from "../core/api/menu-commands";
import { ensureDataDir } from "../core/paths/data-dir";
import { installRoot } from "../core/paths/install-root";
import type { StudioService } from "../core/studio/service";
import { startWorkerService } from "../core/studio/worker/worker-service";
import { ipcChannel, registerIpcHandlers } from "./ipc-handlers";
import { menuTemplate } from "./menu";
import { nativeDialogs, withNativeDialogs } from "./native-dialogs";
import { denyNavigation, denyWebview, denyWindowOpen } from "./navigation";
import { SafeStorageSecretStore } from "./safe-storage-store";
import { startEngine, type EngineHandle } from "./start-engine";
import { confirmDiscardOnClose } from "./unsaved-changes";
import { webPreferences, withCsp } from "./window-options";

const here = dirname(fileURLToPath(import.meta.url));
const indexFile = join(installRoot(), "renderer", "dist", "index.html");
const appUrl = pathToFileURL(indexFile).href;
const preloadFile = join(here, "preload.cjs");
const engineWorkerFile = join(here, "engine-worker.mjs");
const dev = !app.isPackaged;

let service: StudioService | undefined;
const dialogs = nativeDialogs(dialog, () => window);
let engine: EngineHandle | undefined;
let window: BrowserWindow | undefined;

function send(command: MenuCommand): void {
  if (window && !window.webContents.isDestroyed()) window.webContents.send(ipcChannel("menu.command"), command);
}

function createWindow(): BrowserWindow {
  const created = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: "Itasca",
    backgroundColor: "#1e1e1e",
    webPreferences: webPreferences(preloadFile, { devTools: dev }),
  });
  created.webContents.on("will-navigate", denyNavigation);
  created.webContents.on("will-attach-webview", denyWebview);
  created.webContents.on("will-prevent-unload", confirmDiscardOnClose(dialog, () => window));
  created.webContents.setWindowOpenHandler(denyWindowOpen);
  created.once("ready-to-show", () => created.show());
  created.on("closed", () => (window = undefined));
  void created.loadFile(indexFile);
  return created;
}

function installMenu(): void {
  const template = menuTemplate(
    {
      send,
      open: () => void dialogs.open().then(({ path }) => path && send({ command: "open", path })),
      saveAs: () => void dialogs.save().then(({ path }) => path && send({ command: "save-as", path })),
      toggleDevTools: () => window?.webContents.toggleDevTools(),
    },
    { devTools: dev },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  await app.whenReady();
  const defaultSession = session.defaultSession;
  defaultSession.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders) }));
  // The designer needs no camera, microphone, notifications or geolocation.
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Applies to every web contents, including any created later than the main window.
  app.on("web-contents-created", (_event, contents) => {
    contents.on("will-navigate", denyNavigation);
    contents.setWindowOpenHandler(denyWindowOpen);
  });

  const secrets = SafeStorageSecretStore.inDataDir(ensureDataDir(process.env), safeStorage);
  // A packaged app starts with cwd "/"; relative paths then resolve against the home folder.
  engine = startEngine(engineWorkerFile);
  engine.onExit((reason) => process.stderr.write(`itasca: ${reason}\n`));
  service = await startWorkerService({
    port: engine.port,
    kind: "electron",
    secrets,
    cwd: app.isPackaged ? app.getPath("home") : process.cwd(),
  });
  registerIpcHandlers(ipcMain, withNativeDialogs(service, dialogs), appUrl);
  service.subscribe((message) => {
    if (window && !window.webContents.isDestroyed()) window.webContents.send(ipcChannel(message.channel), message.event);
  });
  installMenu();
  window = createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow();
  });
}

app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

let closing = false;
app.on("before-quit", (event) => {
  if (closing || !service) return;
  // Cancel runs and close the database before exiting, so no run is left half recorded.
  event.preventDefault();
  closing = true;
  void service
    .close()
    .then(() => engine?.stop())
    .finally(() => app.quit());
});

start().catch((error: unknown) => {
  process.stderr.write(`itasca: the app failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  app.quit();
});
