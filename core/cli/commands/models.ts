import { createInterface } from "node:readline/promises";
import { ModelEntrySchema, type ModelEntry } from "../../api/schemas";
import { entriesFor, discoverLocalServers } from "../../providers/discover";
import { findPreset, ENDPOINT_PRESETS } from "../../providers/endpoints";
import { defaultKeyEnv } from "../../providers/keys";
import { ProviderPool } from "../../providers/pool";
import { redactor } from "../../providers/redact";
import { loadModelRegistry, readModelsFile, writeModelsFile } from "../../providers/registry-file";
import { roundTrip } from "../../providers/round-trip";
import type { CliIo } from "../io";
import { EXIT, InputError, numberOption, parseCommandArgs, UsageError } from "../usage-error";

export const modelsHelp = `Usage: itasca models <list|add|remove|test|discover> [options]

The model registry: built-in models, your models.json in the data dir (ITASCA_HOME), and an
optional itasca.models.json next to an architecture. Keys are read from the environment
(the entry's keyEnv, else the provider's usual variable) and are never written anywhere.

  itasca models list [--json]
  itasca models add <id> (--preset <name> | --provider <p> --base-url <url>) --model <name>
                    [--key-env VAR] [--price-in $/Mtok] [--price-out $/Mtok]
                    [--max-concurrency N] [--rpm N] [--tpm N] [--context-length N]
                    [--timeout-ms N] [--max-retries N]
  itasca models remove <id>
  itasca models test <id> [--json]       one round trip: latency, tokens/s, n support
  itasca models discover [--url <base>]... [--add] [--json]
                                          probe well-known local ports on 127.0.0.1

Presets: ${ENDPOINT_PRESETS.map((p) => p.id).join(", ")}
Providers: llama-cpp, openai-compatible, anthropic, replay
`;

type Sub = (argv: string[], io: CliIo) => Promise<number> | number;

const SUBCOMMANDS: Record<string, Sub> = { list, add, remove, test, discover };

export async function modelsCommand(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h") {
    io.stdout(modelsHelp);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) throw new UsageError(`unknown models command "${name}"; use one of: ${Object.keys(SUBCOMMANDS).join(", ")}`);
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(modelsHelp);
    return EXIT.ok;
  }
  return sub(rest, io);
}

function list(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" } } });
  if (positionals.length > 0) throw new UsageError("models list takes no arguments");
  const { registry, sources, listPriced } = loadModelRegistry({ env: io.env });
  const rows = registry.list().map((entry) => {
    const keyEnv = defaultKeyEnv(entry);
    const pricesAsOf = listPriced.get(entry.id);
    return { ...entry, source: sources.get(entry.id) ?? "built-in", key: keyEnv ? (io.env[keyEnv] ? "set" : "not set") : "none needed", ...(keyEnv ? { keyEnv } : {}), ...(pricesAsOf ? { pricesAsOf } : {}) };
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(2, ...rows.map((r) => r.id.length));
  io.stdout(`${"id".padEnd(width)}  ${"provider".padEnd(17)}  ${"source".padEnd(8)}  key          endpoint / model\n`);
  for (const r of rows) {
    const key = r.keyEnv ? `${r.keyEnv} ${r.key}` : "-";
    io.stdout(`${r.id.padEnd(width)}  ${r.provider.padEnd(17)}  ${r.source.padEnd(8)}  ${key.padEnd(11)}  ${r.baseUrl ? `${r.baseUrl} ` : ""}${r.model}\n`);
  }
  return EXIT.ok;
}

function add(argv: string[], io: CliIo): number {
  const { values, positionals } = parseCommandArgs({
    args: argv,
    allowPositionals: true,
    options: {
      preset: { type: "string" },
      provider: { type: "string" },
      "base-url": { type: "string" },
      model: { type: "string" },
      "key-env": { type: "string" },
      "price-in": { type: "string" },
      "price-out": { type: "string" },
      "max-concurrency": { type: "string" },
      rpm: { type: "string" },
      tpm: { type: "string" },
      "context-length": { type: "string" },
      "timeout-ms": { type: "string" },
      "max-retries": { type: "string" },
    },
  });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError("models add takes one model id, e.g. itasca models add vllm/llama-3-8b --preset vllm --model meta-llama/Meta-Llama-3-8B-Instruct");
  const preset = values.preset === undefined ? undefined : findPreset(values.preset);
  if (values.preset !== undefined && !preset) throw new UsageError(`unknown preset "${values.preset}"; presets: ${ENDPOINT_PRESETS.map((p) => p.id).join(", ")}`);
  if (!values.model) throw new UsageError("models add needs --model <provider-side model name>");
  const positive = (flag: string, integer = true) => numberOption(values[flag as keyof typeof values] as string | undefined, `--${flag}`, { integer });
  const candidate = {
    id,
    provider: values.provider ?? preset?.provider,
    model: values.model,
    baseUrl: values["base-url"] ?? preset?.baseUrl,
    keyEnv: values["key-env"] ?? preset?.keyEnv,
    priceInPerMTok: positive("price-in", false),
    priceOutPerMTok: positive("price-out", false),
    maxConcurrency: positive("max-concurrency"),
    rpm: positive("rpm"),
    tpm: positive("tpm"),
    contextLength: positive("context-length"),
    timeoutMs: positive("timeout-ms"),
    maxRetries: positive("max-retries"),
  };
  if (!candidate.provider) throw new UsageError("models add needs --provider (llama-cpp, openai-compatible, anthropic, replay) or --preset");
  const parsed = ModelEntrySchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== undefined)));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`invalid model entry: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
  }
  if (parsed.data.provider === "openai-compatible" && !parsed.data.baseUrl) throw new UsageError("an openai-compatible model needs --base-url (or --preset)");
  const { userFile } = loadModelRegistry({ env: io.env });
  const models = readModelsFile(userFile).filter((m) => m.id !== id);
  writeModelsFile(userFile, [...models, parsed.data]);
  io.stdout(`added ${id} to ${userFile}\n`);
  const keyEnv = defaultKeyEnv(parsed.data);
  if (keyEnv && !io.env[keyEnv]) io.stdout(`note: set ${keyEnv} in the environment before using it\n`);
  return EXIT.ok;
}

function remove(argv: string[], io: CliIo): number {
  const [id, ...extra] = argv;
  if (!id || extra.length > 0) throw new UsageError("models remove takes one model id");
  const { userFile } = loadModelRegistry({ env: io.env });
  const models = readModelsFile(userFile);
  if (!models.some((m) => m.id === id)) throw new InputError(`${userFile} has no model "${id}" (built-in models cannot be removed)`);
  writeModelsFile(userFile, models.filter((m) => m.id !== id));
  io.stdout(`removed ${id} from ${userFile}\n`);
  return EXIT.ok;
}

async function test(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { json: { type: "boolean" } } });
  const [id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError("models test takes one model id");
  const { registry } = loadModelRegistry({ env: io.env });
  const entry = registry.get(id);
  if (!entry) throw new InputError(`no model "${id}" in the registry; see itasca models list`);
  const pool = new ProviderPool({ env: io.env });
  try {
    const report = await roundTrip(entry, pool.resolve(entry), AbortSignal.timeout(entry.timeoutMs ?? 120_000));
    if (values.json) io.stdout(`${JSON.stringify({ ok: true, ...report }, null, 2)}\n`);
    else {
      const n = report.nSupported === null ? "n/a" : report.nSupported ? "yes" : "no (samples go as parallel requests)";
      io.stdout(
        `${id} (${entry.provider} at ${report.endpoint}): ${report.latencyMs} ms, first token ${report.firstTokenMs ?? "-"} ms, ` +
          `${report.outputTokens} output tokens${report.usageEstimated ? " (estimated)" : ""}, ${report.tokensPerSecond} tokens/s; n in one request: ${n}\n`,
      );
    }
    return EXIT.ok;
  } catch (error) {
    const message = redactor.redact(error instanceof Error ? error.message : String(error));
    if (values.json) io.stdout(`${JSON.stringify({ ok: false, id, error: message }, null, 2)}\n`);
    io.stderr(`itasca: models test ${id} failed: ${message}\n`);
    return EXIT.invalidInput;
  } finally {
    await pool.close();
  }
}

async function discover(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs({ args: argv, allowPositionals: true, options: { url: { type: "string", multiple: true }, add: { type: "boolean" }, json: { type: "boolean" } } });
  if (positionals.length > 0) throw new UsageError("models discover takes no arguments (use --url for another local port)");
  let servers;
  try {
    servers = await discoverLocalServers({ extraUrls: values.url ?? [] });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const found: ModelEntry[] = entriesFor(servers);
  if (values.json) io.stdout(`${JSON.stringify({ servers, entries: found }, null, 2)}\n`);
  else if (servers.length === 0) io.stdout("no local model servers answered on 127.0.0.1 (vLLM :8000, SGLang :30000, llama-server :8080, Ollama :11434, LM Studio :1234, TGI :3000)\n");
  else for (const s of servers) io.stdout(`${s.label} at ${s.baseUrl}: ${s.models.length ? s.models.join(", ") : "(no models listed)"}\n`);
  if (found.length === 0) return EXIT.ok;
  const shouldAdd = values.add === true || (!values.json && io.stdinIsTty && (await confirm(`Add ${found.length} model${found.length === 1 ? "" : "s"} (${found.map((f) => f.id).join(", ")}) to models.json? [y/N] `)));
  if (shouldAdd) {
    const { userFile } = loadModelRegistry({ env: io.env });
    const ids = new Set(found.map((f) => f.id));
    writeModelsFile(userFile, [...readModelsFile(userFile).filter((m) => !ids.has(m.id)), ...found]);
    if (!values.json) io.stdout(`added ${[...ids].join(", ")} to ${userFile}\n`);
  } else if (!values.json) {
    io.stdout(`add them with: itasca models discover --add\n`);
  }
  return EXIT.ok;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}
