/**
 * The host contract: every request the renderer can make and every event the host pushes,
 * implemented by Electron IPC and the web-studio bridge alike (ARCHITECTURE.md sections 6, 7).
 * Renderer-safe: zod and types only.
 */
import { z } from "zod";
import { QuerySchema } from "../graph/ports";
import type { Architecture } from "../graph/schema";
import { DATASET_FORMATS, EVAL_SPLITS, type EvalEvent } from "./eval-types";
import type * as Eval from "./eval-types";
import { isMenuCommand, type MenuCommand } from "./menu-commands";
import type * as Out from "./outputs";
import { err, ok, type Result } from "./result";
import { BudgetSchema, type RunEvent } from "./run-types";
import { ArchitectureInputSchema, DialogPurposeSchema, EvalIdSchema, KeyNameSchema, ModelEntrySchema, NoArgsSchema, PathInputSchema, RunIdSchema } from "./schemas";
import { SEARCH_ALGORITHMS, type SearchEvent } from "./search-types";
import type * as Search from "./search-types";

declare const OUTPUT: unique symbol;
/** A compile-time marker for a channel's output type (outputs are host-made, never parsed). */
export interface Returns<T> {
  readonly [OUTPUT]?: T;
}
const returns = <T>(): Returns<T> => ({});

const channel = <I extends z.ZodType, O>(input: I, output: Returns<O>) => ({ input, output });

/** A search id as the host hands it out. */
const SearchIdSchema = z.string().min(1).max(200);

/** One stored search as `search.list` lists it, newest first. */
export interface SearchSummary {
  searchId: string;
  status: Search.SearchStatus;
  algorithm: Search.SearchAlgorithmName;
  seed: number;
  /** The space file it searched; absent for a space built on the canvas. */
  spaceFile?: string;
  /** The architecture file whose canvas the space was built from (`search.start`'s `file`). */
  file?: string;
  /** A preset name or the dataset file. */
  dataset: string;
  split: string;
  /** Finished trials (scored, failed or excluded), of `total` planned. */
  done: number;
  total: number;
  excluded: number;
  best: { score: number; costPerQueryUsd: number; callsPerQuery: number; trialIndex: number } | null;
  /** The per-query budget: configurations the estimator put over it were excluded. */
  perQuery: { maxCalls?: number; maxUsd?: number };
  spentUsd: number;
  startedAt: number;
}

/** Every request channel: its argument schema and its output type. */
export const CONTRACT = {
  "host.info": channel(NoArgsSchema, returns<Out.HostInfo>()),
  "architecture.validate": channel(z.strictObject({ architecture: z.unknown(), file: z.string().optional() }), returns<Out.ValidateOutput>()),

  "run.start": channel(
    z.strictObject({ architecture: ArchitectureInputSchema, query: QuerySchema, budget: BudgetSchema.optional(), file: PathInputSchema.optional() }),
    returns<{ runId: string }>(),
  ),
  "run.cancel": channel(z.strictObject({ runId: RunIdSchema, reason: z.string().max(500).optional() }), returns<{ runId: string; cancelled: boolean }>()),
  "run.list": channel(z.strictObject({ file: PathInputSchema.optional(), limit: z.number().int().min(1).max(500).optional() }).optional(), returns<Out.RunSummary[]>()),
  "run.get": channel(z.strictObject({ runId: RunIdSchema }), returns<Out.RunRecord>()),

  "datasets.list": channel(NoArgsSchema, returns<Eval.DatasetInfo[]>()),
  "eval.start": channel(
    z.strictObject({
      architecture: ArchitectureInputSchema,
      file: PathInputSchema.optional(),
      /** A preset slice name (`gsm8k`, `game24`, ...) or a dataset file path. */
      dataset: z.string().min(1).max(4096),
      format: z.enum(DATASET_FORMATS).optional(),
      split: z.enum(EVAL_SPLITS).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
      scorer: z.string().min(1).max(100).optional(),
      maxUsd: z.number().min(0).optional(),
      /** Continue this evaluation instead of starting a new one. */
      resume: EvalIdSchema.optional(),
    }),
    returns<{ evalId: string }>(),
  ),
  "eval.cancel": channel(z.strictObject({ evalId: EvalIdSchema }), returns<{ evalId: string; cancelled: boolean }>()),
  "eval.list": channel(z.strictObject({ file: PathInputSchema.optional() }).optional(), returns<Eval.EvalSummary[]>()),
  "eval.get": channel(z.strictObject({ evalId: EvalIdSchema }), returns<{ report: Eval.EvalReport; items: Eval.EvalItemRecord[] }>()),
  "eval.compare": channel(z.strictObject({ a: EvalIdSchema, b: EvalIdSchema }), returns<Eval.EvalComparison>()),

  "search.start": channel(
    z.strictObject({
      /** An inline search-space document (the Search view builds one from the params marked searchable on the canvas); the host validates it in full. */
      space: z.looseObject({}).optional(),
      /** A `*.space.json` file instead of `space`. */
      spaceFile: PathInputSchema.optional(),
      /** The architecture file the space was built from (recorded; `search.list` filters on it). */
      file: PathInputSchema.optional(),
      /** A preset slice name (`gsm8k`, `game24`, ...) or a dataset file path; required unless resuming (a resume uses the stored one). */
      dataset: z.string().min(1).max(4096).optional(),
      format: z.enum(DATASET_FORMATS).optional(),
      split: z.enum(EVAL_SPLITS).optional(),
      limit: z.number().int().min(1).max(100_000).optional(),
      algorithm: z.enum(SEARCH_ALGORITHMS).optional(),
      trials: z.number().int().min(1).max(100_000).optional(),
      seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
      maxCallsPerQuery: z.number().int().min(1).optional(),
      maxUsdPerQuery: z.number().min(0).optional(),
      maxTotalUsd: z.number().min(0).optional(),
      /** Continue this search (its space, dataset and settings are stored): completed trials are kept, calls come from the cache. */
      resume: SearchIdSchema.optional(),
    }),
    returns<{ searchId: string }>(),
  ),
  /** Stops a search cleanly: running trials end, completed ones are kept, and `search.start` with `resume` continues it. */
  "search.stop": channel(z.strictObject({ searchId: SearchIdSchema }), returns<{ searchId: string; stopped: boolean }>()),
  "search.list": channel(z.strictObject({ file: PathInputSchema.optional() }).optional(), returns<SearchSummary[]>()),
  "search.get": channel(z.strictObject({ searchId: SearchIdSchema }), returns<{ report: Search.SearchReport; trials: Search.TrialRecord[] }>()),
  /** The materialised architecture of one trial, to open on the canvas. */
  "search.trial-architecture": channel(z.strictObject({ searchId: SearchIdSchema, index: z.number().int().min(0) }), returns<Architecture>()),

  "files.templates": channel(NoArgsSchema, returns<Out.TemplateInfo[]>()),
  "files.read": channel(z.strictObject({ path: PathInputSchema }), returns<Out.FileText>()),
  "files.write": channel(z.strictObject({ path: PathInputSchema, text: z.string().max(10_000_000) }), returns<{ path: string }>()),
  "files.recent": channel(NoArgsSchema, returns<Out.RecentFile[]>()),
  "files.list": channel(z.strictObject({ dir: PathInputSchema.optional() }).optional(), returns<Out.DirectoryListing>()),
  /** Native dialogs (the desktop app; the web studio answers `unsupported` and the page uses files.list). */
  "dialog.open": channel(z.strictObject({ purpose: DialogPurposeSchema.optional() }).optional(), returns<Out.DialogChoice>()),
  "dialog.save": channel(z.strictObject({ defaultName: z.string().max(255).optional(), purpose: DialogPurposeSchema.optional() }).optional(), returns<Out.DialogChoice>()),

  "models.list": channel(NoArgsSchema, returns<Out.ModelInfo[]>()),
  "models.save": channel(z.strictObject({ entry: ModelEntrySchema }), returns<{ id: string }>()),
  "models.remove": channel(z.strictObject({ id: z.string().min(1) }), returns<{ id: string; removed: boolean }>()),
  "models.test": channel(z.strictObject({ id: z.string().min(1) }), returns<Out.ModelTestReport>()),
  "models.discover": channel(z.strictObject({ extraUrls: z.array(z.string().url()).max(20).optional() }).optional(), returns<Out.DiscoverOutput>()),

  "keys.set": channel(z.strictObject({ name: KeyNameSchema, value: z.string().min(1).max(10_000) }), returns<{ name: string; set: true }>()),
  "keys.delete": channel(z.strictObject({ name: KeyNameSchema }), returns<{ name: string; set: false }>()),
  "keys.list": channel(NoArgsSchema, returns<Out.KeyInfo[]>()),
} as const;

export type Contract = typeof CONTRACT;
export type Channel = keyof Contract;
export const CHANNELS = Object.keys(CONTRACT) as Channel[];

/** What a caller passes (optional fields may be left out). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]["input"]>;
/** What the host receives after validation. */
export type ChannelArgs<C extends Channel> = z.output<Contract[C]["input"]>;
export type ChannelOutput<C extends Channel> = Contract[C]["output"] extends Returns<infer T> ? T : never;

/** The arguments of a channel's function: optional when the channel takes none. */
export type ChannelParams<C extends Channel> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** One function per channel: the shape of Electron's preload bridge and of the web client. */
export type HostApi = { [C in Channel]: (...args: ChannelParams<C>) => Promise<Result<ChannelOutput<C>>> };

/** A handler per channel, as a host implements them (arguments already validated). */
export type HostHandlers = { [C in Channel]: (args: ChannelArgs<C>) => Promise<Result<ChannelOutput<C>>> };

/** What each push channel carries: the events the host sends without being asked. */
export interface HostEventMap {
  /** Every event of every run started through this host, in order. */
  "run.event": RunEvent;
  /** Every event of every evaluation started through this host, in order. */
  "eval.event": EvalEvent;
  /** Every event of every search started through this host, in order. */
  "search.event": SearchEvent;
  /** A native menu command (the desktop app; the web studio has no native menu and sends none). */
  "menu.command": MenuCommand;
}
export type HostEventChannel = keyof HostEventMap;
/** A pushed event of one channel, as it crosses a transport that carries several push channels at once (the web studio's socket). */
export type HostEventMessageOf<C extends HostEventChannel> = { channel: C; event: HostEventMap[C] };
export type HostEventMessage = { [K in HostEventChannel]: HostEventMessageOf<K> }[HostEventChannel];
/** What the studio service pushes: run, eval and search events (menu commands come from Electron's main process, never from the engine). */
export type StudioEventMessage = Exclude<HostEventMessage, HostEventMessageOf<"menu.command">>;

/**
 * Every push channel with the check a receiver applies before it forwards a payload (the
 * preload forwards nothing else to the page). One place to add a push channel.
 */
export const PUSH_CONTRACT: { readonly [C in HostEventChannel]: (payload: unknown) => payload is HostEventMap[C] } = {
  "run.event": (payload): payload is RunEvent => {
    const { type, runId } = (payload ?? {}) as { type?: unknown; runId?: unknown };
    return typeof type === "string" && typeof runId === "string";
  },
  "eval.event": (payload): payload is EvalEvent => {
    const { type, evalId } = (payload ?? {}) as { type?: unknown; evalId?: unknown };
    return typeof type === "string" && type.startsWith("eval.") && typeof evalId === "string";
  },
  "search.event": (payload): payload is SearchEvent => {
    const { type, searchId } = (payload ?? {}) as { type?: unknown; searchId?: unknown };
    return typeof type === "string" && type.startsWith("search.") && typeof searchId === "string";
  },
  "menu.command": isMenuCommand,
};
export const PUSH_CHANNELS = Object.keys(PUSH_CONTRACT) as HostEventChannel[];

/** One subscription function per push channel; each returns its unsubscribe function. */
export type HostSubscriptions = { [C in HostEventChannel]: (listener: (event: HostEventMap[C]) => void) => () => void };

/** Splits a stream of `{ channel, event }` messages into one subscription per push channel. */
export function subscriptionsOver(onMessage: (listener: (message: HostEventMessage) => void) => () => void): HostSubscriptions {
  const entries = PUSH_CHANNELS.map((channel) => [channel, (listener: (event: unknown) => void) => onMessage((message) => message.channel === channel && listener(message.event))]);
  return Object.fromEntries(entries) as HostSubscriptions;
}

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(CONTRACT, name);
}

/**
 * Checks a request against its channel's schema. The error names the channel and the JSON
 * path of the first problem, e.g. `run.start: query.text: expected string, received number`.
 */
export function validateRequest<C extends Channel>(channel: C, input: unknown): Result<ChannelArgs<C>>;
export function validateRequest(channel: string, input: unknown): Result<unknown>;
export function validateRequest(channel: string, input: unknown): Result<unknown> {
  if (!isChannel(channel)) return err("unknown-channel", `unknown channel "${channel}"; known: ${CHANNELS.join(", ")}`);
  const parsed = CONTRACT[channel].input.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues;
  const first = issues[0];
  const where = first ? formatIssuePath(first.path) : "arguments";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return err("invalid-arguments", `${channel}: ${where}: ${cleanMessage(first?.message ?? "invalid")}${more}`);
}

/** `["query", "text"]` -> `query.text`; `["nodes", 0, "id"]` -> `nodes[0].id`; `[]` -> `arguments`. */
function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out === "" ? "arguments" : out;
}

/** zod says "Invalid input: expected string, received number"; the path already says where. */
function cleanMessage(message: string): string {
  const trimmed = message.replace(/^Invalid input: /, "");
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1);
}

/** An architecture as the host hands it back (re-exported so transports need one import). */
export type { Architecture };
export type { Result } from "./result";
export { ok, err } from "./result";
export type * from "./outputs";
