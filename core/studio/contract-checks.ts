/**
 * Compile-time proof that the renderer-safe mirrors in core/api match the Node-side types
 * they stand for. core/api may not import the engine or providers (lint), so it restates their
 * shapes; if either side changes alone, `npm run typecheck` fails here. No runtime code.
 */
import type { z } from "zod";
import type { DiscoverOutput } from "../api/outputs";
import type { RunEventData, RunResultData } from "../api/run-types";
import type { BudgetInputSchema, ModelEntryData, QueryInputSchema } from "../api/schemas";
import type { Budget } from "../engine/budget";
import type { RunEvent } from "../engine/events";
import type { RunResult } from "../engine/result";
import type { Query } from "../graph/ports";
import type { DiscoveredServer } from "../providers/discover";
import type { ModelEntry } from "../providers/models";

/** true when each type is assignable to the other and both name the same keys (optional ones too). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;
type Assert<T extends true> = T;

export type ContractChecks = [
  Assert<Same<RunEvent, RunEventData>>,
  Assert<Same<RunResult, RunResultData>>,
  Assert<Same<ModelEntry, ModelEntryData>>,
  Assert<Same<DiscoveredServer, DiscoverOutput["servers"][number]>>,
  Assert<Same<Query, z.output<typeof QueryInputSchema>>>,
  Assert<Same<Budget, z.output<typeof BudgetInputSchema>>>,
  Assert<Same<RunResult["usage"], RunResultData["usage"]>>,
  Assert<Same<RunResult["trace"][number], RunResultData["trace"][number]>>,
  Assert<Same<RunResult["nodes"][number], RunResultData["nodes"][number]>>,
];
