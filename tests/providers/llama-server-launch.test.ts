/**
 * The llama-server build and launch plumbing without llama.cpp: cache location, arguments,
 * the build lock, toolchain messages, and the launcher's start, failure and stop paths
 * against a stand-in binary (tests/fixtures/llama-server/fake-llama-server.mjs).
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureLlamaServer } from "../../core/providers/llama-server/build";
import { cacheDir, llamaServerCacheDir } from "../../core/providers/llama-server/cache-dir";
import { llamaServerArgs, startLlamaServer } from "../../core/providers/llama-server/launch";
import { acquireLock } from "../../core/providers/llama-server/lock";
import { findLlamaCppSource } from "../../core/providers/llama-server/source";
import { missingToolsMessage } from "../../core/providers/llama-server/toolchain";
import { ROOT } from "../helpers/architectures";

const FAKE = `${ROOT}tests/fixtures/llama-server/fake-llama-server.mjs`;
// The executable bit may not survive every checkout.
chmodSync(FAKE, 0o755);

const scratch = mkdtempSync(join(tmpdir(), "itasca-llama-server-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The pid the stand-in logs at start. */
function pidIn(logs: readonly string[]): number {
  const pid = Number(/fake llama-server pid (\d+)/.exec(logs.join("\n"))?.[1]);
  expect(pid).toBeGreaterThan(0);
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("llama-server cache location", () => {
  it("uses ITASCA_CACHE_DIR, else XDG_CACHE_HOME/itasca, never the data dir ITASCA_HOME", () => {
    expect(cacheDir({ ITASCA_CACHE_DIR: "/c", ITASCA_HOME: "/h" }, "linux")).toBe("/c");
    expect(cacheDir({ XDG_CACHE_HOME: "/x", ITASCA_HOME: "/h" }, "linux")).toBe("/x/itasca");
    expect(cacheDir({ ITASCA_HOME: "/h" }, "linux")).toMatch(/\.cache\/itasca$/);
    expect(llamaServerCacheDir("b1234", { ITASCA_CACHE_DIR: "/c" })).toBe("/c/llama-server/b1234");
  });

  it("finds the llama.cpp source bundle and release tag node-llama-cpp carries", () => {
    const source = findLlamaCppSource();
    expect(source.tag).toMatch(/^[\w.-]+$/);
    expect(existsSync(source.bundle)).toBe(true);
  });

  it("rejects an ITASCA_LLAMA_SERVER_BIN that does not run, naming it", async () => {
    await expect(ensureLlamaServer({ env: { ITASCA_LLAMA_SERVER_BIN: "/nonexistent/llama-server" } })).rejects.toThrow(/ITASCA_LLAMA_SERVER_BIN=\/nonexistent\/llama-server does not run/);
  });

  it("uses an ITASCA_LLAMA_SERVER_BIN that runs, without building", async () => {
    await expect(ensureLlamaServer({ env: { ITASCA_LLAMA_SERVER_BIN: FAKE } })).resolves.toBe(FAKE);
  });
});

describe("llama-server toolchain message", () => {
  it("names what is missing and how to install it", () => {
    const message = missingToolsMessage([
      { name: "cmake", candidates: ["cmake"], apt: "cmake", brew: "cmake" },
      { name: "ninja", candidates: ["ninja"], apt: "ninja-build", brew: "ninja" },
    ]);
    expect(message).toContain("cmake, ninja not found");
    expect(message).toContain("apt-get install -y cmake ninja-build");
    expect(message).toContain("brew install cmake ninja");
    expect(message).toContain("ITASCA_LLAMA_SERVER_BIN");
  });
});

describe("llama-server arguments", () => {
  it("binds 127.0.0.1, passes threads explicitly and sizes -c for every slot", () => {
    const args = llamaServerArgs({ binary: "x", model: "/m/stories260K.gguf", parallel: 16, contextPerSlot: 256, threads: 2 }, 9000).join(" ");
    expect(args).toContain("--host 127.0.0.1 --port 9000");
    expect(args).toContain("-np 16 -c 4096");
    expect(args).toContain("-t 2 -tb 2");
    expect(args).toContain("--alias stories260K");
    expect(args).toContain("--cors-origins localhost");
  });
});

describe("llama-server build lock", () => {
  it("makes a second taker wait until the first releases", async () => {
    const path = join(scratch, "wait.lock");
    const release = await acquireLock(path);
    expect(readFileSync(path, "utf8")).toBe(String(process.pid));
    let waited = false;
    const second = acquireLock(path, { pollMs: 20, onWait: () => (waited = true) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(waited).toBe(true);
    release();
    const releaseSecond = await second;
    releaseSecond();
    expect(existsSync(path)).toBe(false);
  });

  it("takes over a lock whose owner is dead", async () => {
    const path = join(scratch, "stale.lock");
    writeFileSync(path, "999999999");
    const release = await acquireLock(path, { timeoutMs: 1000 });
    expect(readFileSync(path, "utf8")).toBe(String(process.pid));
    release();
  });

  it("gives up after its timeout with the owner's pid", async () => {
    const path = join(scratch, "held.lock");
    const release = await acquireLock(path);
    await expect(acquireLock(path, { timeoutMs: 100, pollMs: 20 })).rejects.toThrow(`held by process ${process.pid}`);
    release();
  });
});

describe("llama-server launcher (stand-in binary)", () => {
  it("waits for /health, returns the /v1 base URL on a free port, and stops the process", async () => {
    const server = await startLlamaServer({ binary: FAKE, model: "ok.gguf", threads: 1 });
    expect(server.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const health = (await (await fetch(`http://127.0.0.1:${server.port}/health`)).json()) as { status: string; args: string[] };
    expect(health.status).toBe("ok");
    expect(health.args.join(" ")).toContain("-t 1");
    expect(alive(server.pid)).toBe(true);
    await server.stop();
    await server.stop();
    expect(alive(server.pid)).toBe(false);
    expect(await server.exited).toMatch(/SIGTERM|code 0/);
  });

  it("refuses a port that another server already holds, rather than taking its /health for its own", async () => {
    const first = await startLlamaServer({ binary: FAKE, model: "ok.gguf", threads: 1 });
    try {
      await expect(startLlamaServer({ binary: FAKE, model: "ok.gguf", threads: 1, port: first.port })).rejects.toThrow(`port ${first.port} on 127.0.0.1 is already in use`);
    } finally {
      await first.stop();
    }
  });

  it("fails with the server's last output when it exits before it is ready", async () => {
    await expect(startLlamaServer({ binary: FAKE, model: "crash.gguf", threads: 1 })).rejects.toThrow(/exited with code 1 before it was ready[\s\S]*failed to load model/);
  });

  it("times out a server that never becomes ready, and kills it", async () => {
    const logs: string[] = [];
    // Long enough for the stand-in (a Node process) to start and log on a loaded machine: the
    // message must carry its output, and the pid it logs must be dead afterwards.
    const error = await startLlamaServer({ binary: FAKE, model: "hang.gguf", threads: 1, startTimeoutMs: 5_000, onLog: (line) => logs.push(line) }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/not ready after 5000 ms[\s\S]*loading forever/);
    expect(logs).toContain("loading forever");
    expect(alive(pidIn(logs))).toBe(false);
  });

  it("escalates to SIGKILL when the server ignores SIGTERM", async () => {
    const controller = new AbortController();
    const logs: string[] = [];
    const onLog = (line: string) => {
      logs.push(line);
      // Its SIGTERM handler is installed by the time it says this.
      if (line === "loading forever") controller.abort(new Error("cancelled start"));
    };
    const pending = startLlamaServer({ binary: FAKE, model: "stubborn.gguf", threads: 1, stopGraceMs: 300, signal: controller.signal, onLog });
    await expect(pending).rejects.toThrow("cancelled start");
    // The start settles only once the process is gone: SIGTERM was ignored, SIGKILL was not.
    expect(logs).toContain("ignoring SIGTERM");
    expect(alive(pidIn(logs))).toBe(false);
  });

  it("stops a running server when its signal aborts", async () => {
    const controller = new AbortController();
    const server = await startLlamaServer({ binary: FAKE, model: "ok.gguf", threads: 1, signal: controller.signal });
    controller.abort();
    expect(await server.exited).toMatch(/SIGTERM|code/);
    expect(alive(server.pid)).toBe(false);
  });
});
