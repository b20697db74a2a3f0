/**
 * Starts a `llama-server` process on 127.0.0.1, waits until it serves `/health`, and stops it
 * for sure: SIGTERM, then SIGKILL, and a synchronous kill if this process exits first.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { basename } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, portIsFree } from "./free-port";
import { OutputTail } from "./output-tail";

export interface StartLlamaServerOptions {
  /** The llama-server binary (from `ensureLlamaServer`). */
  binary: string;
  /** The GGUF model file. */
  model: string;
  /** Port on 127.0.0.1. @default a free port chosen by the OS */
  port?: number;
  /** Server slots (`-np`): requests decoded at once, and the largest `n` one request may ask for. @default 8 */
  parallel?: number;
  /**
   * Context of each slot in tokens. llama-server divides `-c` among its slots, so `-c` is this
   * times `parallel`; it also caps a slot at the model's training context.
   * @default 2048 (as the embedded provider; a rank or fuse prompt over 5 samples needs more than 512)
   */
  contextPerSlot?: number;
  /**
   * CPU threads (`-t` and `-tb`). Always explicit: more threads than cores makes llama.cpp
   * crawl on small machines. @default `ITASCA_LLAMA_THREADS`, else cores - 1 (at least 1, at most 8)
   */
  threads?: number;
  /** The model name `/v1/models` reports. @default the file name without `.gguf` */
  alias?: string;
  /** Stops the server (or the start) when aborted. */
  signal?: AbortSignal;
  /** Give up when `/health` is not OK after this long. @default 60_000 */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM (in-flight requests finish) before SIGKILL. @default 5000 */
  stopGraceMs?: number;
  /** Receives each line the server logs. @default none (the last lines still appear in errors) */
  onLog?: (line: string) => void;
  /** More llama-server arguments, appended last. @default none */
  extraArgs?: readonly string[];
}

export interface LlamaServerHandle {
  /** The OpenAI-compatible base URL, `http://127.0.0.1:PORT/v1`. */
  readonly baseUrl: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the process exits, however that happens: "exited with code 0", "was killed by SIGKILL". */
  readonly exited: Promise<string>;
  /** The last lines the server logged. */
  logTail(): string;
  /** Stops the server; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

const HOST = "127.0.0.1";
const POLL_MS = 100;
/** Attempts when the port chosen for us was taken between choosing and binding. */
const BIND_ATTEMPTS = 3;

export function defaultServerThreads(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number(env.ITASCA_LLAMA_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(8, availableParallelism() - 1));
}

export function llamaServerArgs(options: StartLlamaServerOptions, port: number): string[] {
  const parallel = options.parallel ?? 8;
  const threads = String(options.threads ?? defaultServerThreads());
  return [
    ...["-m", options.model, "--alias", options.alias ?? basename(options.model).replace(/\.gguf$/i, "")],
    ...["--host", HOST, "--port", String(port)],
    ...["-np", String(parallel), "-c", String((options.contextPerSlot ?? 2048) * parallel)],
    ...["-t", threads, "-tb", threads],
    "--no-webui",
    // Its default CORS origin is "*": any web page the user visits could drive the local server.
    ...["--cors-origins", "localhost"],
    ...(options.extraArgs ?? []),
  ];
}

export async function startLlamaServer(options: StartLlamaServerOptions): Promise<LlamaServerHandle> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startOnPort(options, port);
    } catch (error) {
      const lostRace = error instanceof PortInUseError || (error instanceof StartError && /bind/i.test(error.logTail));
      if (options.port !== undefined || !lostRace || attempt >= BIND_ATTEMPTS) throw error;
    }
  }
}

class PortInUseError extends Error {
  override name = "PortInUseError";
}

class StartError extends Error {
  constructor(
    message: string,
    readonly logTail: string,
  ) {
    super(logTail ? `${message}; last output:\n${logTail}` : message);
    this.name = "StartError";
  }
}

async function startOnPort(options: StartLlamaServerOptions, port: number): Promise<LlamaServerHandle> {
  options.signal?.throwIfAborted();
  // Otherwise another server's /health on that port would pass for this one's.
  if (!(await portIsFree(port))) throw new PortInUseError(`port ${port} on ${HOST} is already in use (another llama-server?); choose another port`);
  const tail = new OutputTail(60);
  const child = spawn(options.binary, llamaServerArgs(options, port), { stdio: ["ignore", "pipe", "pipe"] });
  const onData = (chunk: Buffer) => tail.push(chunk).forEach((line) => options.onLog?.(line));
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<string>((resolve) => {
    // "close", not "exit": it comes after the output pipes drain, so the tail holds the last words.
    child.on("close", (code, signal) => resolve(signal ? `was killed by ${signal}` : `exited with code ${code}`));
    child.on("error", (error) => resolve(`could not start: ${error.message}`));
  });
  let done: string | undefined;
  void exited.then((how) => (done = how));
  // Never outlive this process: "exit" handlers must be synchronous, and kill() is.
  const killOnExit = () => child.kill("SIGKILL");
  process.on("exit", killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      options.signal?.removeEventListener("abort", onAbort);
      if (done === undefined) await terminate(child, exited, options.stopGraceMs ?? 5000);
      process.off("exit", killOnExit);
    })();
    return stopping;
  };
  const onAbort = () => void stop();
  options.signal?.addEventListener("abort", onAbort, { once: true });

  const origin = `http://${HOST}:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      // Abort first: an aborted start also kills the process, and the caller's reason is the news.
      options.signal?.throwIfAborted();
      if (done !== undefined) throw new StartError(`llama-server ${done} before it was ready (${options.binary}, model ${options.model}, port ${port})`, tail.text());
      if (await healthy(origin)) break;
      if (Date.now() >= deadline) throw new StartError(`llama-server (pid ${child.pid}, model ${options.model}) on port ${port} was not ready after ${timeoutMs} ms; stopped it`, tail.text());
      await sleep(POLL_MS);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl: `${origin}/v1`, port, pid: child.pid ?? -1, exited, logTail: () => tail.text(), stop };
}

/** `/health` answers 503 while the model loads and 200 once requests can be served. */
async function healthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/health`, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

async function terminate(child: ChildProcess, exited: Promise<string>, graceMs: number): Promise<void> {
  child.kill("SIGTERM");
  const graceful = await Promise.race([exited.then(() => true), sleep(graceMs, false, { ref: false })]);
  if (graceful) return;
  child.kill("SIGKILL");
  await exited;
}
