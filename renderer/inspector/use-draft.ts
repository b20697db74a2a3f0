/**
 * A text field's own copy of a param value while it is being edited: the text can be invalid
 * (it then shows an error and is not written) and is replaced from the store only when the
 * stored value changed to something the text does not already say (undo, another field).
 */
import { useState } from "react";

export interface Draft {
  text: string;
  error: string | null;
  /** Call from onChange: keeps the text, writes the parsed value, records the refusal. */
  change(text: string): void;
  /** Back to the default: removes the param and shows the default's text. */
  reset(): void;
}

/**
 * @param parse Text to a value, or `{ error }` when the text is not even of the right kind.
 * @param commit Writes the value; returns the refusal reason, or null when it was written.
 */
export function useDraft(
  value: unknown,
  format: (value: unknown) => string,
  parse: (text: string) => { value: unknown } | { error: string },
  commit: (value: unknown) => string | null,
): Draft {
  const [text, setText] = useState(() => format(value));
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (!Object.is(seen, value)) {
    // Adjusting state while rendering (React's pattern for values derived from props).
    setSeen(value);
    const parsed = parse(text);
    if (!("value" in parsed) || !Object.is(parsed.value, value)) {
      setText(format(value));
      setError(null);
    }
  }
  return {
    text,
    error,
    change: (next) => {
      setText(next);
      const parsed = parse(next);
      setError("error" in parsed ? parsed.error : commit(parsed.value));
    },
    reset: () => {
      setText(format(undefined));
      setError(commit(undefined));
    },
  };
}
