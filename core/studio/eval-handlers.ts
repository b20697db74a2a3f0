/**
 * `datasets.list` and `eval.*`: evaluations run on the studio's engine (its current generation,
 * held until the evaluation ends) with the studio's sandbox; their events are pushed on
 * `eval.event` like run events, and the eval store answers the history, reports and comparisons.
 */
import type { HostHandlers } from "../api/contract";
import type { EvalEvent } from "../api/eval-types";
import { listPresetDatasets } from "../eval/datasets/index";
import { compareEvaluations, EvalStore, startEvaluation, type EvaluationRequest } from "../eval/run/index";
import type { StudioContext } from "./context";
import { datasetArgument } from "./dataset-argument";
import { guarded, HostError } from "./errors";

type EvalChannels = "datasets.list" | "eval.start" | "eval.cancel" | "eval.list" | "eval.get" | "eval.compare";

export function evalHandlers(ctx: StudioContext): Pick<HostHandlers, EvalChannels> {
  // Made on first use: the studio starts (and serves runs) even if the eval tables cannot be read.
  let evalStore: EvalStore | undefined;
  const store = (): EvalStore => (evalStore ??= new EvalStore(ctx.db));

  const push = (event: EvalEvent): void => {
    ctx.evals.record(event);
    ctx.emit({ channel: "eval.event", event });
  };

  return {
    "datasets.list": () => guarded(() => listPresetDatasets()),

    "eval.start": (args) =>
      guarded(async () => {
        if (args.resume !== undefined && ctx.evals.get(args.resume) !== undefined) {
          throw new HostError("invalid-arguments", `evaluation "${args.resume}" is still running: cancel it before resuming it`);
        }
        const request: EvaluationRequest = {
          architecture: args.architecture,
          dataset: datasetArgument(ctx.paths, args.dataset),
          ...(args.file === undefined ? {} : { file: ctx.paths.resolve(args.file) }),
          ...(args.format === undefined ? {} : { format: args.format }),
          ...(args.split === undefined ? {} : { split: args.split }),
          ...(args.limit === undefined ? {} : { limit: args.limit }),
          ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
          ...(args.scorer === undefined ? {} : { scorer: args.scorer }),
          ...(args.maxUsd === undefined ? {} : { maxUsd: args.maxUsd }),
          ...(args.resume === undefined ? {} : { resume: args.resume }),
        };
        // The evaluation's runs all use this engine, even if a models change makes a new one meanwhile.
        const lease = ctx.engines.lease();
        let handle;
        try {
          handle = await startEvaluation({ engine: lease.engine, db: ctx.db, sandbox: ctx.sandbox }, request, { onEvent: push });
        } catch (error) {
          lease.release();
          throw error;
        }
        ctx.evals.track(handle);
        handle.done.then(lease.release, lease.release);
        return { evalId: handle.evalId };
      }),

    "eval.cancel": (args) =>
      guarded(() => {
        const handle = ctx.evals.get(args.evalId);
        if (handle === undefined) return { evalId: args.evalId, cancelled: false };
        handle.cancel("cancelled in the studio");
        return { evalId: args.evalId, cancelled: true };
      }),

    "eval.list": (args) => guarded(() => store().list(args?.file === undefined ? {} : { file: ctx.paths.resolve(args.file) })),

    "eval.get": (args) =>
      guarded(() => {
        const found = store().get(args.evalId);
        if (found === undefined) throw new HostError("not-found", `no evaluation "${args.evalId}"; eval.list shows the stored evaluations`);
        return found;
      }),

    "eval.compare": (args) =>
      guarded(() => {
        for (const evalId of [args.a, args.b]) {
          if (store().row(evalId) === undefined) throw new HostError("not-found", `no evaluation "${evalId}"; eval.list shows the stored evaluations`);
        }
        return compareEvaluations(store(), args.a, args.b);
      }),
  };
}
