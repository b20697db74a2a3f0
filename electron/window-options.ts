/**
 * The renderer's sandbox: its webPreferences and its Content-Security-Policy, kept apart from
 * main.ts so tests can assert them without Electron (ARCHITECTURE.md section 6).
 */
import type { WebPreferences } from "electron";

/**
 * The webPreferences of the designer window. The renderer reaches the engine only through the
 * preload bridge, so it gets no Node, no shared JS context with the preload, and Chromium's
 * OS-level sandbox.
 * @param preload absolute path of the bundled preload script
 */
export function webPreferences(preload: string, options: { devTools?: boolean } = {}): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // Dropping a file on the window would otherwise navigate it away from the app.
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: options.devTools ?? false,
  };
}

/**
 * Only the app's own files: no remote script, no eval, no remote connection (the engine is
 * reached over IPC, never fetch). React Flow sets inline styles, hence 'unsafe-inline' for styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join("; ");

/**
 * The policy as a `<meta>` tag for the built index.html. Electron loads the renderer from
 * file://, where no response headers exist for `withCsp` to rewrite, so the page must carry
 * its own policy. The web studio sends a header as well; a browser enforces both.
 */
export function cspMetaTag(): string {
  return `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;
}

/**
 * Response headers with our CSP in place of any the response carried. Header names are
 * matched case-insensitively, so a lower-case `content-security-policy` cannot survive beside ours.
 */
export function withCsp(responseHeaders: Record<string, string[]> | undefined): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(responseHeaders ?? {})) {
    if (name.toLowerCase() !== "content-security-policy") headers[name] = value;
  }
  headers["Content-Security-Policy"] = [CONTENT_SECURITY_POLICY];
  return headers;
}
