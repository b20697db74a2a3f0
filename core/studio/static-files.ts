/**
 * Serves the built renderer (renderer/dist) with the studio's security headers, or a short page
 * explaining how to build it. Paths never leave the static folder.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, relative, isAbsolute } from "node:path";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

/** Sent with every response: the page may talk to this server and nothing else. */
export function securityHeaders(port: number): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    // React Flow positions nodes with inline styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    // No ws://[::1]: CSP host sources cannot be IPv6 literals (Chromium logs an error and ignores it);
    // on an [::1] page, CSP3's 'self' already covers the same-origin WebSocket.
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    // The token is in the page URL: never leak it through Referer.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}

export interface StaticOptions {
  staticDir: string;
  token: string;
}

/** Serves `pathname` from the static folder; unknown non-file paths get the app (client-side routes). */
export function serveStatic(response: ServerResponse, pathname: string, options: StaticOptions): void {
  const index = join(options.staticDir, "index.html");
  if (!existsSync(index)) return send(response, 200, CONTENT_TYPES[".html"] as string, notBuiltPage(options.staticDir), true);
  const file = resolveInside(options.staticDir, pathname);
  if (file && file !== index && existsSync(file) && statSync(file).isFile()) {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    // Vite's assets carry content hashes in their names: safe to cache for the session.
    return send(response, 200, type, readFileSync(file), !pathname.startsWith("/assets/"));
  }
  if (extname(pathname) !== "" && pathname !== "/index.html") return send(response, 404, "text/plain; charset=utf-8", `not found: ${pathname}\n`, true);
  send(response, 200, CONTENT_TYPES[".html"] as string, withToken(readFileSync(index, "utf8"), options.token), true);
}

/** The page learns its token from this tag as well as from `?token=`, so a reload without the query still works. */
function withToken(html: string, token: string): string {
  const tag = `<meta name="itasca-token" content="${token}">`;
  return html.includes("<head>") ? html.replace("<head>", `<head>\n    ${tag}`) : `${tag}\n${html}`;
}

function resolveInside(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const full = join(root, normalize(decoded));
  const rel = relative(root, full);
  return rel.startsWith("..") || isAbsolute(rel) ? undefined : full;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer, noStore: boolean): void {
  response.writeHead(status, { "Content-Type": type, "Cache-Control": noStore ? "no-store" : "private, max-age=3600" });
  response.end(body);
}

function notBuiltPage(staticDir: string): string {
  const escaped = staticDir.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Itasca studio</title></head>
<body>
  <h1>Itasca studio</h1>
  <p>The studio server is running, but the renderer is not built: there is no <code>index.html</code> in <code>${escaped}</code>.</p>
  <p>Build it with <code>npm run build:renderer</code> in the Itasca folder, then reload this page.
  (<code>itasca studio</code> builds it when it starts, unless given <code>--no-build</code>; if it tried and failed, the terminal says why.)</p>
</body></html>
`;
}
