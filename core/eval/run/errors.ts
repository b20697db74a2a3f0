/** Errors in what the user asked an evaluation to do: the message names the input and the fix. */
export class EvalInputError extends Error {
  override readonly name = "EvalInputError";
}
