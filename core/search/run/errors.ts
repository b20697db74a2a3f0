/** Errors in what the user asked a search or sweep to do: the message names the input and the fix. */
export class SearchInputError extends Error {
  override readonly name = "SearchInputError";
}
