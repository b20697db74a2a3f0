/** Running searches and sweeps: trials as evaluations under budgets, persisted and resumable. */
export { planSearch, runPreparedSearch, startSearch, type SearchHandle, type SearchOptions, type SearchResult } from "./search";
export { DEFAULT_TRIALS, type PreparedSearch, type SearchRequest, type SearchServices, type SpendEstimate } from "./prepare";
export { SearchStore, type SearchRow, type SearchSettings, type SearchSummary } from "./search-store";
export { overBudget, runBudgetOf, type PerQueryLimits, type TotalLimits } from "./budget";
export { bestTrial, bestUnderBudget, buildSearchReport, comparableTrials, paretoTrials } from "./report";
export { BEST_FILE, PARETO_PLOT, TRIALS_FILE, paretoSvg, trialsCsv, writeSearchOutputs } from "./outputs";
export { planSweep, runSweep, parseParamAddress, parseSweepValues, type SweepEvent, type SweepHandle, type SweepPlan, type SweepPoint, type SweepRequest, type SweepResult, type SweepValue } from "./sweep";
export { sweepSvg } from "./sweep-plot";
export { renderPlot, type PlotSeries, type PlotSpec } from "./svg-plot";
export { SearchInputError } from "./errors";
export type { AlgorithmOptions, RunnableAlgorithm, SearchBackend, TrialOutcome, TrialSuggestion } from "./backend-types";
