/**
 * The subset of Electron's API this shell uses. The Electron package (which ships the full
 * typings) is an optional dependency that is absent wherever its binary cannot be downloaded,
 * and the typecheck must pass there too; an ambient module declaration takes precedence over
 * node_modules, so this subset is what is checked on every machine. Keep it to what we call,
 * with Electron's own names and signatures.
 */
declare module "electron" {
  export interface Event {
    preventDefault(): void;
  }

  export interface WebFrameMain {
    readonly url: string;
  }

  export interface IpcMainInvokeEvent extends Event {
    /** The frame that sent the message; null when it navigated away or was destroyed. */
    readonly senderFrame: WebFrameMain | null;
  }

  export interface IpcMain {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
    removeHandler(channel: string): void;
  }

  export interface IpcRendererEvent extends Event {
    readonly sender: unknown;
  }

  export interface IpcRenderer {
    invoke(channel: string, ...args: unknown[]): Promise<unknown>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
    removeListener(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void): this;
  }

  export interface ContextBridge {
    exposeInMainWorld(apiKey: string, api: unknown): void;
  }

  export interface WebPreferences {
    preload?: string;
    contextIsolation?: boolean;
    sandbox?: boolean;
    nodeIntegration?: boolean;
    nodeIntegrationInWorker?: boolean;
    nodeIntegrationInSubFrames?: boolean;
    webSecurity?: boolean;
    allowRunningInsecureContent?: boolean;
    webviewTag?: boolean;
    experimentalFeatures?: boolean;
    navigateOnDragDrop?: boolean;
    spellcheck?: boolean;
    devTools?: boolean;
  }

  export interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    backgroundColor?: string;
    webPreferences?: WebPreferences;
  }

  export interface HandlerDetails {
    readonly url: string;
  }

  export type WindowOpenHandlerResponse = { action: "deny" } | { action: "allow" };

  export interface WebContents {
    send(channel: string, ...args: unknown[]): void;
    isDestroyed(): boolean;
    on(event: "will-navigate", listener: (event: Event, url: string) => void): this;
    on(event: "will-attach-webview", listener: (event: Event) => void): this;
    on(event: "will-prevent-unload", listener: (event: Event) => void): this;
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void;
    toggleDevTools(): void;
  }

  export class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    readonly webContents: WebContents;
    loadFile(filePath: string): Promise<void>;
    once(event: "ready-to-show", listener: () => void): this;
    on(event: "closed", listener: () => void): this;
    show(): void;
    static getAllWindows(): BrowserWindow[];
  }

  export interface OnHeadersReceivedListenerDetails {
    readonly url: string;
    readonly resourceType: string;
    readonly responseHeaders?: Record<string, string[]>;
  }

  export interface HeadersReceivedResponse {
    cancel?: boolean;
    responseHeaders?: Record<string, string[] | string>;
  }

  export interface WebRequest {
    onHeadersReceived(listener: (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void): void;
  }

  export interface Session {
    readonly webRequest: WebRequest;
    setPermissionRequestHandler(handler: ((webContents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  }

  export const session: { readonly defaultSession: Session };

  export interface MenuItemConstructorOptions {
    label?: string;
    accelerator?: string;
    role?: string;
    type?: "normal" | "separator" | "submenu" | "checkbox" | "radio";
    click?: () => void;
    submenu?: MenuItemConstructorOptions[];
  }

  export class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  export interface FileFilter {
    name: string;
    extensions: string[];
  }

  export interface OpenDialogReturnValue {
    canceled: boolean;
    filePaths: string[];
  }

  export interface SaveDialogReturnValue {
    canceled: boolean;
    filePath?: string;
  }

  export interface OpenDialogOptions {
    title?: string;
    defaultPath?: string;
    filters?: FileFilter[];
    properties?: Array<"openFile" | "openDirectory" | "multiSelections" | "showHiddenFiles">;
  }

  export interface SaveDialogOptions {
    title?: string;
    defaultPath?: string;
    filters?: FileFilter[];
  }

  export interface Dialog {
    showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showOpenDialog(options: OpenDialogOptions): Promise<OpenDialogReturnValue>;
    showSaveDialog(window: BrowserWindow, options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showSaveDialog(options: SaveDialogOptions): Promise<SaveDialogReturnValue>;
    showMessageBoxSync(window: BrowserWindow, options: MessageBoxSyncOptions): number;
  }

  export interface MessageBoxSyncOptions {
    message: string;
    type?: "none" | "info" | "error" | "question" | "warning";
    buttons?: string[];
    defaultId?: number;
    cancelId?: number;
    title?: string;
    detail?: string;
  }

  export const dialog: Dialog;

  export const safeStorage: {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
  };

  export const app: {
    readonly isPackaged: boolean;
    whenReady(): Promise<void>;
    on(event: "window-all-closed" | "before-quit", listener: (event: Event) => void): void;
    on(event: "activate", listener: () => void): void;
    on(event: "web-contents-created", listener: (event: Event, contents: WebContents) => void): void;
    quit(): void;
    getPath(name: "userData" | "home" | "documents"): string;
  };

  export const ipcMain: IpcMain;
  export const ipcRenderer: IpcRenderer;
  export const contextBridge: ContextBridge;
}
