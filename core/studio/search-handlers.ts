/**
 * `search.*`: architecture searches run on the studio's engine (its current generation, held
 * until the search ends) with the studio's sandbox, through core/search/run. Their events are
 * pushed on `search.event` (and replayed to a late subscriber, as evaluations are); the search
 * store answers the history, a search's report and trials, and a trial's architecture.
 *
 * A space built on the canvas arrives inline: it is written, content-addressed, under the data
 * dir's `spaces/` (the runner records a space by its file and a resume checks the file's hash),
 * and its errors speak of "the space built on the canvas" rather than that file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join, sep } from "node:path";
import type { HostHandlers, SearchSummary } from "../api/contract";
import type { SearchEvent } from "../api/search-types";
import { buildSearchReport, SearchStore, startSearch, type SearchRequest, type SearchRow } from "../search/run/index";
import { materialize, parseSearchSpace } from "../search/space/index";
import type { StudioContext } from "./context";
import { datasetArgument } from "./dataset-argument";
import { guarded, HostError } from "./errors";

type SearchChannels = "search.start" | "search.stop" | "search.list" | "search.get" | "search.trial-architecture";

/** What a space built on the canvas is called in messages, instead of the file it is kept in. */
const CANVAS_SPACE = "the search space built on the canvas";
/** Searches `search.list` reads (newest first) before filtering by file. */
const LIST_LIMIT = 200;

export function searchHandlers(ctx: StudioContext): Pick<HostHandlers, SearchChannels> {
  // Made on first use: the studio starts (and serves runs) even if the search tables cannot be read.
  let searchStore: SearchStore | undefined;
  const store = (): SearchStore => (searchStore ??= new SearchStore(ctx.db));
  const spacesDir = join(ctx.dataDir, "spaces");
  const isCanvasSpace = (file: string): boolean => file.startsWith(`${spacesDir}${sep}`);

  const push = (event: SearchEvent): void => {
    ctx.searches.record(event);
    ctx.emit({ channel: "search.event", event });
  };

  /** Writes an inline space where the runner can read it; the same space is the same file. */
  const writeCanvasSpace = (space: Record<string, unknown>): string => {
    const text = `${JSON.stringify(space, null, 2)}\n`;
    const file = join(spacesDir, `canvas-${createHash("sha256").update(text).digest("hex").slice(0, 16)}.space.json`);
    mkdirSync(spacesDir, { recursive: true });
    writeFileSync(file, text);
    return file;
  };

  const rowOf = (searchId: string): SearchRow => {
    const row = store().row(searchId);
    if (row === undefined) throw new HostError("not-found", `no search "${searchId}"; search.list shows the stored searches`);
    return row;
  };

  const summaryOf = (row: SearchRow): SearchSummary => {
    const trials = store().trials(row.id);
    const report = buildSearchReport(row, trials, row.dataset);
    const file = ctx.state.fileOfSearch(row.id);
    const done = trials.length;
    return {
      searchId: row.id,
      status: row.status,
      algorithm: row.algorithm,
      seed: row.seed,
      ...(isCanvasSpace(row.spaceFile) ? {} : { spaceFile: row.spaceFile }),
      ...(file === undefined ? {} : { file }),
      dataset: row.dataset,
      split: row.split,
      done,
      // A grid smaller than --trials ends when it is enumerated.
      total: row.algorithm === "grid" && row.status === "completed" ? done : Math.max(done, row.settings.maxTrials),
      excluded: report.excluded,
      best: report.best === null ? null : { score: report.best.score, costPerQueryUsd: report.best.costPerQueryUsd, callsPerQuery: report.best.callsPerQuery, trialIndex: report.best.trialIndex },
      perQuery: {
        ...(row.settings.perQuery.maxCalls === undefined ? {} : { maxCalls: row.settings.perQuery.maxCalls }),
        ...(row.settings.perQuery.maxUsd === undefined ? {} : { maxUsd: row.settings.perQuery.maxUsd }),
      },
      spentUsd: report.spentUsd,
      startedAt: row.startedAt,
    };
  };

  return {
    "search.start": (args) =>
      guarded(async () => {
        if (args.resume !== undefined && ctx.searches.get(args.resume) !== undefined) {
          throw new HostError("invalid-arguments", `search "${args.resume}" is still running: stop it before resuming it`);
        }
        if (args.resume === undefined && (args.space === undefined) === (args.spaceFile === undefined)) {
          throw new HostError("invalid-arguments", "search.start: give the search space, either inline (space) or as a file (spaceFile), or resume a search (resume)");
        }
        // A resume keeps the stored space, dataset and settings; a new search names its dataset.
        let target: Pick<SearchRequest, "dataset" | "resume">;
        if (args.resume !== undefined) target = { resume: args.resume };
        else if (args.dataset !== undefined) target = { dataset: datasetArgument(ctx.paths, args.dataset) };
        else throw new HostError("invalid-arguments", "search.start: give the dataset the trials are scored on (a preset name or a dataset file)");
        const spaceFile = args.space !== undefined ? writeCanvasSpace(args.space) : args.spaceFile !== undefined ? ctx.paths.forRead(args.spaceFile) : undefined;
        const perQuery = { ...(args.maxCallsPerQuery === undefined ? {} : { maxCalls: args.maxCallsPerQuery }), ...(args.maxUsdPerQuery === undefined ? {} : { maxUsd: args.maxUsdPerQuery }) };
        const request: SearchRequest = {
          cwd: ctx.cwd,
          ...(spaceFile === undefined ? {} : { space: spaceFile }),
          ...target,
          ...(args.format === undefined ? {} : { format: args.format }),
          ...(args.split === undefined ? {} : { split: args.split }),
          ...(args.limit === undefined ? {} : { limit: args.limit }),
          ...(args.algorithm === undefined ? {} : { algorithm: args.algorithm }),
          ...(args.trials === undefined ? {} : { trials: args.trials }),
          ...(args.seed === undefined ? {} : { seed: args.seed }),
          ...(Object.keys(perQuery).length === 0 ? {} : { perQuery }),
          ...(args.maxTotalUsd === undefined ? {} : { total: { maxUsd: args.maxTotalUsd } }),
        };
        // Every trial's runs use this engine, even if a models change makes a new one meanwhile.
        const lease = ctx.engines.lease();
        let handle;
        try {
          handle = await startSearch({ engine: lease.engine, db: ctx.db, sandbox: ctx.sandbox }, request, { onEvent: push });
        } catch (error) {
          lease.release();
          if (args.space !== undefined && spaceFile !== undefined && error instanceof Error) error.message = error.message.split(spaceFile).join(CANVAS_SPACE);
          throw error;
        }
        ctx.searches.track(handle);
        handle.done.then(lease.release, lease.release);
        if (args.file !== undefined) ctx.state.setSearchFile(handle.searchId, ctx.paths.resolve(args.file));
        return { searchId: handle.searchId };
      }),

    "search.stop": (args) =>
      guarded(() => {
        const handle = ctx.searches.get(args.searchId);
        if (handle === undefined) return { searchId: args.searchId, stopped: false };
        handle.cancel("stopped in the studio");
        return { searchId: args.searchId, stopped: true };
      }),

    "search.list": (args) =>
      guarded(() => {
        const file = args?.file === undefined ? undefined : ctx.paths.resolve(args.file);
        const rows = store()
          .list(LIST_LIMIT)
          .flatMap((summary) => {
            const row = store().row(summary.searchId);
            return row === undefined ? [] : [row];
          });
        const chosen = file === undefined ? rows : rows.filter((row) => ctx.state.fileOfSearch(row.id) === file || row.spaceFile === file);
        return chosen.map(summaryOf);
      }),

    "search.get": (args) =>
      guarded(() => {
        const row = rowOf(args.searchId);
        const trials = store().trials(row.id);
        return { report: buildSearchReport(row, trials, row.dataset), trials };
      }),

    "search.trial-architecture": (args) =>
      guarded(() => {
        const row = rowOf(args.searchId);
        const trial = store()
          .trials(row.id)
          .find((t) => t.index === args.index);
        if (trial === undefined) throw new HostError("not-found", `search "${row.id}" has no finished trial ${args.index}`);
        // The space as it was when the search started (its stored text), whatever became of the file since.
        const label = isCanvasSpace(row.spaceFile) ? CANVAS_SPACE : row.spaceFile;
        const space = parseSearchSpace(JSON.parse(row.space), label, dirname(row.spaceFile), { probes: 0 });
        return materialize(space, trial.config);
      }),
  };
}
