/**
 * Marking a param searchable (the Search tab varies it): a "search" toggle in the field's header
 * and, while on, the range under the control (minimum, maximum, log scale) for a number, or the
 * values to try for a choice (an enum, the model, a boolean). The marks are view state beside
 * the graph (store/searches/search-marks.ts): editing them is not an undo step.
 */
import { useState } from "react";
import { useItasca, useItascaStore } from "../store/react";
import { markProblem, type SearchMark } from "../store/searches/search-marks";
import type { FieldSpec } from "./field-model";

/** The params a search can vary: numbers and choices. */
export type SearchableSpec = Extract<FieldSpec, { kind: "number" | "enum" | "model" | "boolean" }>;

export function isSearchable(field: FieldSpec): field is SearchableSpec {
  return field.kind === "number" || field.kind === "enum" || field.kind === "model" || field.kind === "boolean";
}

/**
 * The mark a param starts with: for a number, its schema's range around the current value (at
 * most twice it, so `samples` 10 of 1..256 starts at 1..20); for a choice, every option (the
 * model: only the current one, the user adds the others).
 */
export function initialMark(field: SearchableSpec, current: unknown): SearchMark {
  switch (field.kind) {
    case "number": {
      const value = typeof current === "number" ? current : typeof field.defaultValue === "number" ? field.defaultValue : (field.min ?? 0) + 1;
      const min = field.min ?? (field.integer ? 1 : 0);
      const wide = field.max === undefined || field.max - min > 4 * Math.max(1, Math.abs(value));
      const max = wide ? Math.max(min + (field.integer ? 1 : 0.1), field.integer ? Math.round(2 * value) : 2 * value) : (field.max as number);
      return { kind: "range", min, max: field.max === undefined ? max : Math.min(max, field.max), log: false, integer: field.integer };
    }
    case "enum":
      return { kind: "choice", values: [...field.options] };
    case "boolean":
      return { kind: "choice", values: [false, true] };
    case "model":
      return { kind: "choice", values: typeof current === "string" ? [current] : typeof field.defaultValue === "string" ? [field.defaultValue] : [] };
  }
}

export function SearchToggle({ nodeId, field, value }: { nodeId: string; field: SearchableSpec; value: unknown }) {
  const store = useItascaStore();
  const mark = useItasca((state) => state.searchMarks[nodeId]?.[field.name]);
  const on = mark !== undefined;
  return (
    <button
      type="button"
      className={`search-toggle${on ? " search-toggle--on" : ""}`}
      data-testid={`search-toggle-${field.name}`}
      aria-pressed={on}
      title={on ? `Stop searching over ${field.name}` : `Let a search vary ${field.name} (the Search tab)`}
      onClick={() => store.getState().setSearchMark(nodeId, field.name, on ? undefined : initialMark(field, value))}
    >
      ⌕ search
    </button>
  );
}

/** A bound of a range, as typed: applied once it is a number (an integer for an integer param). */
function BoundInput({ label, testId, value, integer, apply }: { label: string; testId: string; value: number; integer: boolean; apply(value: number): void }) {
  const [text, setText] = useState(String(value));
  const parse = (raw: string): number | undefined => {
    const parsed = Number(raw.trim());
    return raw.trim() !== "" && Number.isFinite(parsed) && (!integer || Number.isInteger(parsed)) ? parsed : undefined;
  };
  return (
    <label className="search-bound">
      <span>{label}</span>
      <input
        data-testid={testId}
        inputMode={integer ? "numeric" : "decimal"}
        value={text}
        aria-invalid={parse(text) === undefined}
        onChange={(event) => {
          setText(event.target.value);
          const parsed = parse(event.target.value);
          if (parsed !== undefined) apply(parsed);
        }}
      />
    </label>
  );
}

export function SearchMarkEditor({ nodeId, field, options }: { nodeId: string; field: SearchableSpec; options: readonly string[] }) {
  const store = useItascaStore();
  const mark = useItasca((state) => state.searchMarks[nodeId]?.[field.name]);
  if (mark === undefined) return null;
  const set = (next: SearchMark) => store.getState().setSearchMark(nodeId, field.name, next);
  const problem = markProblem(mark);
  return (
    <div className="search-mark-editor" data-testid={`search-mark-editor-${field.name}`} data-kind={mark.kind}>
      {mark.kind === "range" ? (
        <div className="search-range">
          <BoundInput label="from" testId={`search-min-${field.name}`} value={mark.min} integer={mark.integer} apply={(min) => set({ ...mark, min })} />
          <BoundInput label="to" testId={`search-max-${field.name}`} value={mark.max} integer={mark.integer} apply={(max) => set({ ...mark, max })} />
          <label className="search-log" title="Sample on a log scale: as many trials between 1 and 4 as between 4 and 16">
            <input type="checkbox" data-testid={`search-log-${field.name}`} checked={mark.log} onChange={(event) => set({ ...mark, log: event.target.checked })} />
            log
          </label>
        </div>
      ) : (
        <div className="search-choices" role="group" aria-label={`Values of ${field.name} to try`}>
          {(field.kind === "boolean" ? [false, true] : options).map((option) => {
            const checked = mark.values.includes(option);
            return (
              <label key={String(option)} className="search-choice">
                <input
                  type="checkbox"
                  data-testid={`search-choice-${field.name}-${String(option)}`}
                  checked={checked}
                  onChange={() => set({ kind: "choice", values: checked ? mark.values.filter((v) => v !== option) : [...mark.values, option] })}
                />
                {String(option)}
              </label>
            );
          })}
        </div>
      )}
      {problem !== null && (
        <div className="field-error" data-testid={`search-mark-problem-${field.name}`}>
          {problem}
        </div>
      )}
    </div>
  );
}
