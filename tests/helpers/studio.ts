/** A real studio service and server on 127.0.0.1 in a temporary data dir, for tests. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import type { StudioEventMessage } from "../../core/api/contract";
import type { Result } from "../../core/api/result";
import { startStudioServer, type StudioServer } from "../../core/studio/server";
import { createStudioService, type StudioService } from "../../core/studio/service";

export interface TestStudio {
  home: string;
  service: StudioService;
  server: StudioServer;
  /** Base URL without the token, e.g. `http://127.0.0.1:PORT`. */
  base: string;
  /** POSTs to `/api/<channel>` with the token; records the raw response text in `responses`. */
  api<T = unknown>(channel: string, input?: unknown): Promise<Result<T>>;
  responses: string[];
  close(): Promise<void>;
}

export async function startTestStudio(options: { staticDir?: string; env?: Record<string, string> } = {}): Promise<TestStudio> {
  const home = mkdtempSync(join(tmpdir(), "itasca-studio-"));
  const env = { ITASCA_HOME: home, ITASCA_LLAMA_THREADS: "1", ...options.env };
  const service = createStudioService({ env, cwd: home, llamaCpp: { threads: 1 } });
  const server = await startStudioServer({ port: 0, staticDir: options.staticDir ?? join(home, "no-renderer"), service });
  const base = `http://127.0.0.1:${server.port}`;
  const responses: string[] = [];
  return {
    home,
    service,
    server,
    base,
    responses,
    api: async <T,>(channel: string, input?: unknown) => {
      const response = await fetch(`${base}/api/${channel}`, {
        method: "POST",
        headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
        ...(input === undefined ? {} : { body: JSON.stringify(input) }),
      });
      const text = await response.text();
      responses.push(text);
      return JSON.parse(text) as Result<T>;
    },
    close: async () => {
      await server.close();
      await service.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Opens the event socket; resolves once it is connected. */
export function openEvents(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; messages: StudioEventMessage[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const messages: StudioEventMessage[] = [];
    socket.on("message", (data: Buffer) => messages.push(JSON.parse(data.toString("utf8")) as StudioEventMessage));
    socket.once("open", () => resolve({ socket, messages }));
    socket.once("error", reject);
  });
}

/** Polls until `check` holds, failing after `timeoutMs`: tests never wait unbounded. */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
