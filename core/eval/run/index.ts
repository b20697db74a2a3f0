/** Batch evaluation: start or resume one, read stored ones, compare two. */
export { startEvaluation, type EvalServices, type EvaluationHandle, type EvaluationOptions, type EvaluationRequest } from "./evaluation";
export { EvalStore } from "./eval-store";
export { compareEvaluations, type CompareOptions } from "./compare";
export { EvalInputError } from "./errors";
export { exportItems, EXPORT_FORMATS, type ExportFormat } from "./export";
