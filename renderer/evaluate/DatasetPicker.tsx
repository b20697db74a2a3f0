/** Which data the evaluation runs on: a preset slice (`datasets.list`) or a dataset file, with its format. */
import { DATASET_FORMATS, type DatasetFormat } from "../../core/api/eval-types";
import { useItasca, useItascaStore } from "../store/react";

/** The select's value for "a file" (preset names are plain words). */
const FILE_CHOICE = "::file";

export function DatasetPicker() {
  const store = useItascaStore();
  const form = useItasca((state) => state.evalForm);
  const datasets = useItasca((state) => state.datasets);
  const preset = datasets.find((d) => d.name === form.preset);
  const setForm = store.getState().setEvalForm;
  return (
    <>
      <label className="eval-field">
        <span>Dataset</span>
        <select
          data-testid="eval-dataset"
          value={form.source === "file" ? FILE_CHOICE : form.preset}
          onChange={(event) => (event.target.value === FILE_CHOICE ? setForm({ source: "file" }) : setForm({ source: "preset", preset: event.target.value }))}
        >
          {datasets.map((d) => (
            <option key={d.name} value={d.name}>
              {d.name} ({d.items} items)
            </option>
          ))}
          <option value={FILE_CHOICE}>A file…</option>
        </select>
      </label>
      {form.source === "preset" && preset !== undefined && (
        <p className="eval-note" data-testid="eval-dataset-note" title={`${preset.description} Licence: ${preset.licence}`}>
          {preset.format} · scored by {preset.defaultScorer}
        </p>
      )}
      {form.source === "file" && (
        <>
          <div className="eval-file-row">
            <input data-testid="eval-dataset-path" aria-label="Dataset file" placeholder="data.jsonl, .json or .csv" value={form.filePath} onChange={(event) => setForm({ filePath: event.target.value })} />
            <button type="button" data-testid="eval-dataset-browse" onClick={() => store.getState().setFileDialog("dataset")}>
              Browse…
            </button>
          </div>
          <label className="eval-field">
            <span>Format</span>
            <select data-testid="eval-format" value={form.format ?? ""} onChange={(event) => setForm({ format: event.target.value === "" ? undefined : (event.target.value as DatasetFormat) })}>
              <option value="">from the file</option>
              {DATASET_FORMATS.map((format) => (
                <option key={format} value={format}>
                  {format}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
    </>
  );
}
