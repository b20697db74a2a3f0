/**
 * `npm run llama-server`: builds (or reuses) llama.cpp's llama-server and serves the shipped
 * stories260K model on 127.0.0.1 until Ctrl-C. `--build-only` just makes sure the binary is
 * cached (CI runs it before the tests).
 */
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { resolveFromInstall } from "../../paths/install-root";
import { ensureLlamaServer } from "./build";
import { defaultServerThreads, startLlamaServer } from "./launch";

const USAGE = `usage: npm run llama-server -- [options]

  --port N            port on 127.0.0.1 (default 8080)
  --parallel N        server slots, -np: requests decoded at once and the largest n (default 8)
  --threads N         CPU threads (default ITASCA_LLAMA_THREADS, else cores - 1)
  --ctx-per-slot N    context tokens of each slot (default 2048)
  --model FILE        GGUF model (default presets/models/stories260K.gguf)
  --build-only        build or reuse the binary, print its path, and exit

The binary is cached in ITASCA_CACHE_DIR (default ~/.cache/itasca)/llama-server/<llama.cpp tag>;
ITASCA_LLAMA_SERVER_BIN uses an existing llama-server instead of building one.`;

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      parallel: { type: "string" },
      threads: { type: "string" },
      "ctx-per-slot": { type: "string" },
      model: { type: "string" },
      "build-only": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const log = (line: string) => console.error(line);
  const binary = await ensureLlamaServer({ log });
  if (values["build-only"]) {
    console.log(binary);
    return 0;
  }
  const model = resolveFromInstall(values.model ?? "presets/models/stories260K.gguf");
  const parallel = positiveInt("parallel", values.parallel, 8);
  const alias = basename(model).replace(/\.gguf$/i, "");
  const controller = new AbortController();
  const server = await startLlamaServer({
    binary,
    model,
    port: positiveInt("port", values.port, 8080),
    parallel,
    alias,
    threads: positiveInt("threads", values.threads, defaultServerThreads()),
    contextPerSlot: positiveInt("ctx-per-slot", values["ctx-per-slot"], 2048),
    signal: controller.signal,
  });
  console.log(`llama-server ready: ${server.baseUrl} (model ${model}, ${parallel} slots, pid ${server.pid})`);
  console.log(`add it to Itasca:  itasca models add local/llama-server --provider openai-compatible --base-url ${server.baseUrl} --model ${alias} --max-concurrency ${parallel}`);
  console.log("Ctrl-C stops it.");
  const stopped = new Promise<number>((resolve) => {
    const onSignal = () => {
      console.error("stopping llama-server");
      controller.abort();
      void server.stop().then(() => resolve(0));
    };
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  // A server that dies on its own (out of memory, a crash) ends this command with its last words.
  // Ctrl-C reaches the server too (same process group), so a clean exit is not a crash.
  const crashed = server.exited.then((how) => {
    if (controller.signal.aborted || /code 0|SIGINT/.test(how)) return 0;
    console.error(`llama-server ${how}; last output:\n${server.logTail()}`);
    return 1;
  });
  return Promise.race([stopped, crashed]);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`llama-server: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
