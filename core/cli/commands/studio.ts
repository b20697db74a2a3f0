import { spawn } from "node:child_process";
import { installRoot } from "../../paths/install-root";
import type { CliIo } from "../io";
import { processStop, untilStopped, type StopSignal } from "../stop-signal";
import { EXIT, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const studioHelp = `Usage: itasca studio [--port N] [--host H] [--no-open] [--no-build]

Serves the visual designer and its host API on this machine only, in your browser.
Every request needs the per-session token in the printed URL; the server stops on Ctrl-C.
API keys entered in the studio are kept in the data dir (ITASCA_HOME) in secrets.json (mode 0600).
In a clone, the designer (renderer/dist) is built first when it is missing or older than its
sources (npm run build:renderer, about half a minute; its progress goes to stderr).

Options:
  --port <N>     port to listen on (default: a free one)
  --host <H>     127.0.0.1 (default), localhost or ::1; other addresses are refused
  --no-open      print the URL without opening a browser
  --no-build     never build the designer; only say when it is missing or stale
  -h, --help
`;

export function studioCommand(argv: string[], io: CliIo, stop: StopSignal = processStop()): Promise<number> {
  return untilStopped(stop, (stopped) => serve(argv, io, stopped));
}

async function serve(argv: string[], io: CliIo, stopped: Promise<string>): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: { port: { type: "string" }, host: { type: "string" }, "no-open": { type: "boolean" }, "no-build": { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    io.stdout(studioHelp);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError("studio takes no arguments");
  const port = numberOption(values.port, "--port", { integer: true }) ?? 0;
  if (port > 65_535) throw new UsageError(`--port takes 0..65535, got ${port}`);
  // Loaded here, not at the top: the server pulls in the engine and the database.
  const { bindAddress } = await import("../../studio/server-auth");
  try {
    bindAddress(values.host ?? "127.0.0.1");
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  // Before the server: a build half a minute long must not keep a browser waiting on a blank page.
  const root = installRoot();
  const { prepareRenderer, rendererDistDir } = await import("../../studio/renderer-build");
  const building = new AbortController();
  void stopped.then(() => building.abort());
  await prepareRenderer(root, {
    log: (line) => io.stderr(`itasca studio: ${line}\n`),
    output: (chunk) => io.stderr(chunk),
    noBuild: values["no-build"] === true,
    signal: building.signal,
  });
  if (building.signal.aborted) {
    io.stderr(`itasca studio: ${await stopped}, stopped before serving\n`);
    return EXIT.ok;
  }
  const { createStudioService } = await import("../../studio/service");
  const { startStudioServer } = await import("../../studio/server");
  const service = createStudioService({ env: io.env, cwd: io.cwd });
  let server;
  try {
    server = await startStudioServer({ port, host: values.host ?? "127.0.0.1", staticDir: rendererDistDir(root), service });
  } catch (error) {
    await service.close();
    throw error;
  }
  io.stdout(`Itasca studio: ${server.url}\n`);
  if (!values["no-open"]) openBrowser(server.url, io);
  const signal = await stopped;
  io.stderr(`itasca studio: ${signal}, shutting down\n`);
  await server.close();
  await service.close();
  return EXIT.ok;
}

/** Best effort: a headless machine has no browser, and the URL is printed anyway. */
function openBrowser(url: string, io: CliIo): void {
  const [command, args] =
    process.platform === "darwin" ? ["open", [url]] : process.platform === "win32" ? ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]] : ["xdg-open", [url]];
  const note = () => io.stderr("itasca studio: could not open a browser; open the URL above yourself\n");
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", note);
    child.unref();
  } catch {
    note();
  }
}
