/**
 * `architecture.validate` and `run.*`: runs go through the engine host, their events are
 * forwarded to every subscriber, and the run store keeps them for `run.list` / `run.get`.
 */
import type { HostHandlers } from "../api/contract";
import { isEvalItemRunId } from "../api/eval-types";
import type { RunSummary } from "../api/outputs";
import { hasErrors } from "../graph/diagnostics";
import type { StudioContext } from "./context";
import { guarded, HostError } from "./errors";
import { readStoredRun } from "./run-queries";

type RunChannels = "architecture.validate" | "run.start" | "run.cancel" | "run.list" | "run.get";

/** How many stored runs are scanned when `run.list` filters by file. */
const FILE_SCAN_LIMIT = 1000;

export function runHandlers(ctx: StudioContext): Pick<HostHandlers, RunChannels> {
  return {
    "architecture.validate": (args) =>
      guarded(() => {
        const { diagnostics, architecture } = ctx.engines.engine.validate(args.architecture, args.file);
        return { diagnostics, runnable: architecture !== undefined && !hasErrors(diagnostics) };
      }),

    "run.start": (args) =>
      guarded(() => {
        // Validated once, in full (schema, ports, models): ValidationFailedError becomes `validation-failed`.
        const checked = ctx.engines.engine.check(args.architecture, args.file);
        const handle = ctx.engines.start(checked, args.query, args.budget ? { budget: args.budget } : {});
        const file = args.file === undefined ? undefined : ctx.paths.resolve(args.file);
        if (file !== undefined) ctx.state.setRunFile(handle.runId, file);
        ctx.active.set(handle.runId, handle);
        // Listeners attach before the first event: the engine emits only after a microtask.
        handle.on("*", (event) => ctx.emit({ channel: "run.event", event }));
        void handle.result.finally(() => ctx.active.delete(handle.runId));
        return { runId: handle.runId };
      }),

    "run.cancel": (args) =>
      guarded(() => {
        const handle = ctx.active.get(args.runId);
        if (!handle) return { runId: args.runId, cancelled: false };
        handle.cancel(args.reason ?? "cancelled in the studio");
        return { runId: args.runId, cancelled: true };
      }),

    "run.list": (args) =>
      guarded(() => {
        const limit = args?.limit ?? 20;
        const file = args?.file === undefined ? undefined : ctx.paths.resolve(args.file);
        // An evaluation's item runs belong to its results table, not to the run history.
        const stored = ctx.store.listRuns(file === undefined ? limit : FILE_SCAN_LIMIT, isEvalItemRunId);
        const summaries: RunSummary[] = [];
        for (const run of stored) {
          const runFile = ctx.state.fileOfRun(run.id);
          if (file !== undefined && runFile !== file) continue;
          summaries.push({
            runId: run.id,
            name: run.name,
            status: run.status,
            startedAt: run.startedAt,
            ...(run.endedAt === undefined ? {} : { endedAt: run.endedAt }),
            ...(runFile === undefined ? {} : { file: runFile }),
          });
          if (summaries.length >= limit) break;
        }
        return summaries;
      }),

    "run.get": (args) =>
      guarded(() => {
        const record = readStoredRun(ctx.db, ctx.store, args.runId, ctx.state.fileOfRun(args.runId));
        if (!record) throw new HostError("not-found", `no run "${args.runId}"; run.list shows the stored runs`);
        return record;
      }),
  };
}
