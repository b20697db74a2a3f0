/**
 * `models.*` and `keys.*`. Key values go into the secret store and never come back out: the
 * renderer only ever sees whether a key is set.
 */
import type { HostHandlers } from "../api/contract";
import type { KeyInfo, KeyStatus, ModelInfo } from "../api/outputs";
import { ModelEntrySchema, type ModelEntry } from "../api/schemas";
import { discoverLocalServers, entriesFor, isLoopback } from "../providers/discover";
import { defaultKeyEnv } from "../providers/keys";
import { readModelsFile, writeModelsFile } from "../providers/registry-file";
import { roundTrip } from "../providers/round-trip";
import type { StudioContext } from "./context";
import { guarded, HostError } from "./errors";

type ModelChannels = "models.list" | "models.save" | "models.remove" | "models.test" | "models.discover" | "keys.set" | "keys.delete" | "keys.list";

/** Upper bound of one `models.test` round trip when the entry sets no timeout. */
const TEST_TIMEOUT_MS = 120_000;

export function modelHandlers(ctx: StudioContext): Pick<HostHandlers, ModelChannels> {
  const keySource = (name: string): KeyInfo["source"] => (ctx.env[name] ? "env" : ctx.secrets.get(name) !== undefined ? "store" : undefined);
  const keyStatus = (name: string | undefined): KeyStatus => (name === undefined ? "none needed" : keySource(name) ? "set" : "not set");

  return {
    "models.list": () =>
      guarded(() => {
        const { registry, sources } = ctx.engines.registry;
        return registry.list().map((entry): ModelInfo => {
          const keyName = defaultKeyEnv(entry);
          return { entry, source: sources.get(entry.id) ?? "built-in", ...(keyName ? { keyName } : {}), keyStatus: keyStatus(keyName) };
        });
      }),

    "models.save": (args) =>
      guarded(() => {
        const entry: ModelEntry = ModelEntrySchema.parse(args.entry);
        if (entry.provider === "openai-compatible" && !entry.baseUrl) throw new HostError("invalid-arguments", `models.save: entry.baseUrl: model "${entry.id}" is openai-compatible and needs a baseUrl, e.g. http://127.0.0.1:8000/v1`);
        const file = ctx.engines.registry.userFile;
        writeModelsFile(file, [...readModelsFile(file).filter((m) => m.id !== entry.id), entry]);
        ctx.engines.reload();
        return { id: entry.id };
      }),

    "models.remove": (args) =>
      guarded(() => {
        const file = ctx.engines.registry.userFile;
        const models = readModelsFile(file);
        if (!models.some((m) => m.id === args.id)) {
          const builtIn = ctx.engines.registry.sources.get(args.id) === "built-in";
          throw new HostError("not-found", builtIn ? `model "${args.id}" is built in and cannot be removed` : `no model "${args.id}" in ${file}`);
        }
        writeModelsFile(file, models.filter((m) => m.id !== args.id));
        ctx.engines.reload();
        return { id: args.id, removed: true };
      }),

    "models.test": (args) =>
      guarded(async () => {
        const entry = ctx.engines.registry.registry.get(args.id);
        if (!entry) throw new HostError("not-found", `no model "${args.id}" in the registry; models.list shows them`);
        try {
          return await roundTrip(entry, ctx.engines.provider(entry), AbortSignal.timeout(entry.timeoutMs ?? TEST_TIMEOUT_MS));
        } catch (error) {
          throw new HostError("provider-error", `model "${args.id}": ${error instanceof Error ? error.message : String(error)}`);
        }
      }),

    "models.discover": (args) =>
      guarded(async () => {
        const extraUrls = args?.extraUrls ?? [];
        const remote = extraUrls.find((url) => !isLoopback(url));
        if (remote) throw new HostError("invalid-arguments", `models.discover: extraUrls: ${remote} is not on this machine; discover probes 127.0.0.1, localhost and [::1] only`);
        const servers = await discoverLocalServers({ extraUrls });
        return { servers, entries: entriesFor(servers) };
      }),

    "keys.set": (args) =>
      guarded(() => {
        ctx.secrets.set(args.name, args.value);
        // Providers hold the key they were made with: later runs need a fresh pool.
        ctx.engines.reload();
        return { name: args.name, set: true as const };
      }),

    "keys.delete": (args) =>
      guarded(() => {
        ctx.secrets.delete(args.name);
        ctx.engines.reload();
        return { name: args.name, set: false as const };
      }),

    "keys.list": () =>
      guarded(() => {
        const needed = ctx.engines.registry.registry.list().map((entry) => defaultKeyEnv(entry));
        const names = new Set([...ctx.secrets.list(), ...needed.filter((n): n is string => n !== undefined)]);
        return [...names].sort().map((name): KeyInfo => {
          const source = keySource(name);
          return { name, set: source !== undefined, ...(source ? { source } : {}) };
        });
      }),
  };
}
