import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, cspMetaTag, webPreferences, withCsp } from "../../electron/window-options";

describe("webPreferences", () => {
  it("isolates and sandboxes the renderer with no Node", () => {
    const prefs = webPreferences("/app/out/electron/preload.cjs");
    expect(prefs).toMatchObject({
      preload: "/app/out/electron/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });

  it("has devtools off unless asked", () => {
    expect(webPreferences("p").devTools).toBe(false);
    expect(webPreferences("p", { devTools: true }).devTools).toBe(true);
  });
});

describe("Content-Security-Policy", () => {
  it("allows only the app's own scripts and connections", () => {
    const directives = CONTENT_SECURITY_POLICY.split("; ");
    expect(directives).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "connect-src 'self'", "object-src 'none'"]));
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(directives.find((d) => d.startsWith("script-src"))).not.toMatch(/unsafe-inline/);
  });

  it("replaces a response's own policy whatever the header's case, keeping other headers", () => {
    const headers = withCsp({ "content-security-policy": ["default-src *"], "Content-Type": ["text/html"] });
    expect(headers).toEqual({ "Content-Type": ["text/html"], "Content-Security-Policy": [CONTENT_SECURITY_POLICY] });
  });

  it("adds the policy to a response without headers", () => {
    expect(withCsp(undefined)).toEqual({ "Content-Security-Policy": [CONTENT_SECURITY_POLICY] });
  });

  it("is also a meta tag for the file:// page, with no directive a meta tag ignores", () => {
    expect(cspMetaTag()).toBe(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`);
    // Browsers ignore (and warn about) these in <meta>: they belong in headers only.
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/frame-ancestors|report-uri|sandbox/);
  });
});
