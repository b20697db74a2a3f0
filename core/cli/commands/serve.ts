import { BUDGET_OPTIONS, readBudget } from "../budget-flags";
import type { CliIo } from "../io";
import { processStop, untilStopped, type StopSignal } from "../stop-signal";
import { printDiagnostics, readArchitectureFile, registryFor } from "../read-architecture";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const DEFAULT_SERVE_PORT = 8088;

export const serveHelp = `Usage: itasca serve <file> [--port N] [--model-name X] [--token T] [options]

Serves an architecture as an OpenAI-compatible model on http://127.0.0.1:<port>/v1, so any app
or SDK can call it as if it were a model: POST /v1/chat/completions (streaming too),
GET /v1/models, GET /health. Each request is one run: the last user message is the query,
the system messages its system prompt, the answer the reply, and usage the run's total over
all its model calls. Runs are cached and stored in the data dir (ITASCA_HOME) like \`itasca run\`.
Any "model" name in a request is accepted. temperature, max_tokens and other sampling fields
are ignored (the architecture's nodes set their own); n must be 1. Stops on Ctrl-C.

Options:
  --port <N>                 port on 127.0.0.1 (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --model-name <X>           the model name clients use and /v1/models lists (default: the architecture's name)
  --token <T>                require "Authorization: Bearer <T>" (default: ITASCA_SERVE_TOKEN; none when unset)
  --max-calls <N>            per-request budget: stop before the call that would exceed N provider calls
  --max-input-tokens <N>     per-request budget: stop once N prompt tokens are used
  --max-output-tokens <N>    per-request budget: stop once N completion tokens are used
  --max-usd <X>              per-request budget: stop once X dollars are spent
  -h, --help
`;

export function serveCommand(argv: string[], io: CliIo, stop: StopSignal = processStop()): Promise<number> {
  return untilStopped(stop, (stopped) => serve(argv, io, stopped));
}

async function serve(argv: string[], io: CliIo, stopped: Promise<string>): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: "string" },
      "model-name": { type: "string" },
      token: { type: "string" },
      ...BUDGET_OPTIONS,
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.stdout(serveHelp);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError("serve takes exactly one architecture file");
  const port = numberOption(values.port, "--port", { integer: true }) ?? DEFAULT_SERVE_PORT;
  if (port > 65_535) throw new UsageError(`--port takes 0..65535, got ${port}`);
  if (values["model-name"] !== undefined && values["model-name"].trim() === "") throw new UsageError("--model-name must not be empty");
  if (values.token !== undefined && values.token.trim() === "") throw new UsageError("--token must not be empty");
  const token = values.token ?? (io.env.ITASCA_SERVE_TOKEN?.trim() ? io.env.ITASCA_SERVE_TOKEN : undefined);
  const budget = readBudget(values);

  const models = registryFor(io, file);
  const { checked, diagnostics, valid } = readArchitectureFile(io, file, models);
  printDiagnostics(io, file, diagnostics, "stderr");
  if (!valid || !checked) return EXIT.invalidInput;
  const modelName = values["model-name"] ?? checked.name;

  // Loaded here, not at the top: `itasca serve --help` should not load the engine and the database.
  const { redactor } = await import("../../providers/redact");
  const { openCliEngine } = await import("../open-cli-engine");
  const { startServeServer } = await import("../serve/server");
  // Masked like a provider key, should any message ever quote it.
  redactor.add(token);
  const cli = openCliEngine(io.env, models);
  const closeEngine = () => cli.close();
  let server;
  try {
    server = await startServeServer({
      port,
      modelName,
      ...(token !== undefined ? { token } : {}),
      runQuery: (query, options) => cli.engine.start(checked, query, { budget, ...options }).result,
      log: (line) => io.stderr(`itasca serve: ${line}\n`),
    });
  } catch (error) {
    await closeEngine();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") throw new InputError(`port ${port} on 127.0.0.1 is in use: pick another with --port <N> (0 picks a free one)`);
    throw error;
  }
  io.stdout(`Serving ${checked.name} as "${modelName}" on ${server.baseUrl}\n`);
  io.stderr(`itasca serve: ${token !== undefined ? "requests need the bearer token" : "no token: any process on this machine can call it (set --token or ITASCA_SERVE_TOKEN)"}; Ctrl-C stops\n`);
  const signal = await stopped;
  io.stderr(`itasca serve: ${signal}, shutting down\n`);
  await server.close();
  await closeEngine();
  return EXIT.ok;
}
