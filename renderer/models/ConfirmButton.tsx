/**
 * A button for something that cannot be undone from here (removing a model, deleting a key):
 * the first click asks, the second does it. Inline rather than a native confirm box, so it
 * looks the same in Electron and the browser and a test can drive it.
 */
import { useState } from "react";

export interface ConfirmButtonProps {
  /** The button's text, e.g. "Remove". */
  label: string;
  /** The question shown on the first click, e.g. `Remove "vllm/llama3"?`. */
  question: string;
  /** data-testid of the button; the confirm and keep buttons get `-confirm` and `-keep` after it. */
  testId: string;
  onConfirm(): void;
  /** @default false */
  disabled?: boolean;
}

export function ConfirmButton({ label, question, testId, onConfirm, disabled = false }: ConfirmButtonProps) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="models-button models-button--danger" data-testid={testId} disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="models-button models-button--danger"
        data-testid={`${testId}-confirm`}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {label}
      </button>
      <button type="button" className="models-button" data-testid={`${testId}-keep`} onClick={() => setAsking(false)} autoFocus>
        Keep
      </button>
    </span>
  );
}
