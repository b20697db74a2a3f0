/**
 * The in-memory host: no engine, no files, no network. It serves the built-in registry entries
 * and the sample architecture as its one template, which is enough to design (and for the
 * canvas tests), made-up evaluations (memory-evals.ts) for the Evaluate tab and made-up
 * searches (memory-searches.ts) for the Search tab; every other
 * channel answers `unsupported`, since it needs a real host (Electron or the web-studio
 * server). Built from the contract's channel lists, so a new channel needs no edit here.
 */
import { BUILTIN_MODELS } from "../../core/api/builtin-models";
import { CHANNELS, PUSH_CHANNELS, type HostApi, type HostSubscriptions } from "../../core/api/contract";
import { err, ok, type Result } from "../../core/api/result";
import type { ModelEntry } from "../../core/api/schemas";
import sampleRankFuse from "../../presets/architectures/sample-rank-fuse.itasca.json";
import { START_TEMPLATE, type Host, type HostDocument } from "./host";
import { createMemoryEvals, type MemoryEvalsOptions } from "./memory-evals";
import { createMemorySearches, type MemorySearchesOptions } from "./memory-searches";

export interface MemoryHostOptions {
  /** The model registry to serve. @default BUILTIN_MODELS (core/api/builtin-models.ts) */
  models?: readonly ModelEntry[];
  /** The document opened at start. @default presets/architectures/sample-rank-fuse.itasca.json */
  document?: HostDocument;
  /** The made-up evaluations: their presets and pace. @default memory-evals.ts defaults */
  evals?: MemoryEvalsOptions;
  /** The made-up searches: their pace. @default memory-searches.ts defaults */
  searches?: MemorySearchesOptions;
}

const unsupported = async (): Promise<Result<never>> => err("unsupported", "this designer has no host to run or store files (start it with `itasca studio` or the desktop app)");

export function createMemoryHost(options: MemoryHostOptions = {}): Host {
  const models = options.models ?? BUILTIN_MODELS;
  const document = options.document ?? { fileName: START_TEMPLATE, text: `${JSON.stringify(sampleRankFuse, null, 2)}\n` };
  const evals = createMemoryEvals(options.evals);
  const searches = createMemorySearches(options.searches);
  const answers: Partial<HostApi> = {
    ...evals.answers,
    ...searches.answers,
    "models.list": async () => ok(models.map((entry) => ({ entry, source: "built-in" as const, keyStatus: "none needed" as const }))),
    "files.templates": async () => ok([{ id: document.fileName, name: document.fileName, description: "", text: document.text }]),
  };
  const requests = Object.fromEntries(CHANNELS.map((channel) => [channel, answers[channel] ?? unsupported])) as HostApi;
  // Only evaluation and search events are pushed: no runs, no native menu.
  const silent = Object.fromEntries(PUSH_CHANNELS.map((channel) => [channel, () => () => undefined])) as unknown as HostSubscriptions;
  const pushes: HostSubscriptions = { ...silent, "eval.event": evals.subscribe, "search.event": searches.subscribe };
  return {
    ...requests,
    ...pushes,
    kind: "memory",
    // Nothing to reach, so nothing is unreachable: no banner on the dev server.
    onReachable: (listener) => {
      listener(true);
      return () => undefined;
    },
  };
}
