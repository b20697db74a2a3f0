/**
 * What the search varies: the params marked searchable on the canvas (each opens its node in
 * the inspector, where its range or choices are edited, or is unmarked here), or a space file.
 */
import { useItasca, useItascaStore } from "../store/react";
import { describeMark, markProblem, markSize } from "../store/searches/search-marks";
import { selectMarkedParams } from "../store/selectors";

function MarkedList() {
  const store = useItascaStore();
  const marked = useItasca(selectMarkedParams);
  if (marked.length === 0) {
    return (
      <p className="eval-note search-hint" data-testid="search-marks-empty">
        No param is searchable yet. Select a node and press <strong>search</strong> beside a number or a choice in the inspector.
      </p>
    );
  }
  const size = marked.reduce((product, { mark }) => product * markSize(mark), 1);
  return (
    <>
      <ul className="search-marks" data-testid="search-marks" data-count={marked.length}>
        {marked.map(({ nodeId, param, mark }) => {
          const problem = markProblem(mark);
          return (
            <li key={`${nodeId}.${param}`} className={`search-mark${problem === null ? "" : " search-mark--invalid"}`} data-testid={`search-mark-${nodeId}.${param}`}>
              <button type="button" className="search-mark-open" onClick={() => store.getState().focusNode(nodeId)} title={problem ?? `Edit in the inspector: ${nodeId}.${param}`}>
                <code>
                  {nodeId}.{param}
                </code>
                <span className="search-mark-values">{problem ?? describeMark(mark)}</span>
              </button>
              <button type="button" className="search-mark-remove" onClick={() => store.getState().setSearchMark(nodeId, param, undefined)} aria-label={`Stop searching ${nodeId}.${param}`}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <p className="eval-note" data-testid="search-space-size">
        {Number.isFinite(size) ? `${size.toLocaleString()} configuration${size === 1 ? "" : "s"}` : "continuous: unbounded configurations"}
      </p>
    </>
  );
}

export function SpaceSection() {
  const store = useItascaStore();
  const form = useItasca((state) => state.searchForm);
  const setForm = store.getState().setSearchForm;
  return (
    <fieldset className="search-group" aria-label="Search space">
      <label className="eval-field">
        <span>Space</span>
        <select data-testid="search-space-source" value={form.space} onChange={(event) => setForm({ space: event.target.value as "canvas" | "file" })}>
          <option value="canvas">marked on the canvas</option>
          <option value="file">a space file…</option>
        </select>
      </label>
      {form.space === "canvas" ? (
        <MarkedList />
      ) : (
        <div className="eval-file-row">
          <input data-testid="search-space-file" aria-label="Search space file" placeholder="*.space.json" title={form.spaceFile} value={form.spaceFile} onChange={(event) => setForm({ spaceFile: event.target.value })} />
          <button type="button" data-testid="search-space-browse" onClick={() => store.getState().setFileDialog("search-space")}>
            Browse…
          </button>
        </div>
      )}
    </fieldset>
  );
}
