import { request } from "node:http";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudioServer } from "../../core/studio/server";
import { openEvents, startTestStudio, type TestStudio } from "../helpers/studio";

let studio: TestStudio;
beforeAll(async () => {
  studio = await startTestStudio();
  // A stand-in for the built renderer, so static serving is exercised too.
  const dist = join(studio.home, "dist");
  mkdirSync(join(dist, "assets"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><html><head><title>Itasca</title></head><body></body></html>");
  writeFileSync(join(dist, "assets", "app.js"), "console.log('app');");
});
afterAll(async () => studio?.close());

/** A raw request, so the Host header and cookies can be set freely. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; port?: number; body?: string } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: options.port ?? studio.server.port, path, method: options.method ?? "GET", headers: options.headers ?? {} }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

describe("web studio: the per-session token", () => {
  it("is random, 24 bytes base64url, and in the printed URL", () => {
    expect(studio.server.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(studio.server.url).toBe(`http://127.0.0.1:${studio.server.port}/?token=${studio.server.token}`);
  });

  it("refuses the page and the API with 401 without it or with a wrong one", async () => {
    expect((await fetch(`${studio.base}/`)).status).toBe(401);
    expect((await fetch(`${studio.base}/?token=wrong`)).status).toBe(401);
    const noToken = await fetch(`${studio.base}/api/models.list`, { method: "POST" });
    expect(noToken.status).toBe(401);
    expect(await noToken.json()).toMatchObject({ ok: false, error: { code: "unauthorized" } });
    const wrong = await fetch(`${studio.base}/api/models.list`, { method: "POST", headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const almost = await fetch(`${studio.base}/api/models.list`, { method: "POST", headers: { "x-itasca-token": studio.server.token.slice(0, -1) } });
    expect(almost.status).toBe(401);
  });

  it("accepts the right token: 200 for the page (query) and the API (Bearer or x-itasca-token)", async () => {
    expect((await fetch(studio.server.url)).status).toBe(200);
    const bearer = await fetch(`${studio.base}/api/keys.list`, { method: "POST", headers: { authorization: `Bearer ${studio.server.token}` } });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toMatchObject({ ok: true });
    const header = await fetch(`${studio.base}/api/keys.list`, { method: "POST", headers: { "x-itasca-token": studio.server.token } });
    expect(header.status).toBe(200);
  });

  it("does not accept the page's cookie for API calls (another page's form could send it)", async () => {
    const cookie = `itasca_token_${studio.server.port}=${studio.server.token}`;
    expect((await raw("/api/keys.list", { method: "POST", headers: { cookie } })).status).toBe(401);
  });

  it("refuses a WebSocket without the token, with a wrong one, or from another origin", async () => {
    const ws = `ws://127.0.0.1:${studio.server.port}/api/events`;
    await expect(openEvents(ws)).rejects.toThrow(/401/);
    await expect(openEvents(`${ws}?token=wrong`)).rejects.toThrow(/401/);
    await expect(openEvents(`${ws}?token=${studio.server.token}`, { origin: "http://evil.example" })).rejects.toThrow(/403/);
    const { socket } = await openEvents(`${ws}?token=${studio.server.token}`, { origin: `http://127.0.0.1:${studio.server.port}` });
    socket.close();
  });
});

describe("web studio: binding and Host checks", () => {
  it("refuses a Host header that is not this server (DNS rebinding)", async () => {
    const page = await raw(`/?token=${studio.server.token}`, { headers: { host: `evil.example:${studio.server.port}` } });
    expect(page.status).toBe(403);
    const api = await raw("/api/keys.list", { method: "POST", headers: { host: "evil.example", authorization: `Bearer ${studio.server.token}` } });
    expect(api.status).toBe(403);
    const ok = await raw("/api/keys.list", { method: "POST", headers: { host: `localhost:${studio.server.port}`, authorization: `Bearer ${studio.server.token}` } });
    expect(ok.status).toBe(200);
  });

  it("refuses to bind anything but loopback, with a clear error", async () => {
    for (const host of ["0.0.0.0", "::", "192.168.1.10", "example.com"]) {
      await expect(startStudioServer({ host, port: 0, staticDir: studio.home, service: studio.service })).rejects.toThrow(`refusing host "${host}"`);
    }
  });
});

describe("web studio: responses", () => {
  it("sends a strict CSP, nosniff and no CORS headers", async () => {
    const page = await raw(`/?token=${studio.server.token}`, { headers: { origin: "http://evil.example" } });
    const csp = String(page.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${studio.server.port}`);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(Object.keys(page.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    const api = await raw("/api/keys.list", { method: "OPTIONS", headers: { origin: "http://evil.example", "access-control-request-method": "POST" } });
    expect(api.status).toBe(401);
    expect(Object.keys(api.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });

  it("says how to build the renderer when it is missing", async () => {
    const page = await fetch(studio.server.url);
    expect(await page.text()).toContain("npm run build");
  });

  it("serves the built renderer with the token tag; assets load with the page's cookie; no path escapes", async () => {
    const server = await startStudioServer({ port: 0, staticDir: join(studio.home, "dist"), service: studio.service });
    try {
      const page = await raw(`/?token=${server.token}`, { port: server.port });
      expect(page.status).toBe(200);
      expect(page.body).toContain(`<meta name="itasca-token" content="${server.token}">`);
      const cookie = String((page.headers["set-cookie"] as string[])[0]).split(";")[0] as string;
      expect(String((page.headers["set-cookie"] as string[])[0])).toMatch(/HttpOnly; SameSite=Strict/);
      expect((await raw("/assets/app.js", { port: server.port })).status).toBe(401);
      const asset = await raw("/assets/app.js", { port: server.port, headers: { cookie } });
      expect(asset.status).toBe(200);
      expect(asset.headers["content-type"]).toContain("text/javascript");
      expect((await raw("/assets/../../secrets.json", { port: server.port, headers: { cookie } })).status).toBe(404);
      expect((await raw("/%2e%2e/%2e%2e/secrets.json", { port: server.port, headers: { cookie } })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("answers bad JSON with 400 and an unknown channel with 404, both as Results", async () => {
    const bad = await fetch(`${studio.base}/api/run.start`, { method: "POST", headers: { authorization: `Bearer ${studio.server.token}` }, body: "{oops" });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ ok: false, error: { code: "invalid-arguments", message: "run.start: the request body is not valid JSON" } });
    const unknown = await studio.api("run.explode", {});
    expect(unknown).toMatchObject({ ok: false, error: { code: "unknown-channel" } });
    const invalid = await studio.api("run.start", { architecture: {}, query: { text: 1 } });
    expect(invalid).toEqual({ ok: false, error: { code: "invalid-arguments", message: "run.start: query.text: expected string, received number" } });
  });
});
