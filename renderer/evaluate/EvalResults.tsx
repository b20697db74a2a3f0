/** The shown evaluation's items: id, input, answer, correct mark, latency and cost; click one to open its run. */
import { memo, useState } from "react";
import type { EvalItemRecord } from "../../core/api/eval-types";
import { isWrong, type EvalView } from "../store/evals/eval-view";
import { useItasca, useItascaStore } from "../store/react";
import { formatMs, formatUsd } from "../run/format";
import { excerpt, sharedIdPrefix } from "./eval-format";
import type { EvalCommands } from "./use-eval-commands";

function Mark({ item }: { item: EvalItemRecord }) {
  if (item.status === "error") return <span className="eval-mark eval-mark--error" title={item.error}>!</span>;
  return item.correct === true ? <span className="eval-mark eval-mark--right" aria-label="correct">✓</span> : <span className="eval-mark eval-mark--wrong" aria-label="wrong">✗</span>;
}

/** Rows drawn at first, and added per "show more": a long evaluation never renders thousands of rows per event. */
const PAGE_ROWS = 200;

// Memoised: a new item re-renders only its own row.
const Row = memo(function Row({ item, prefix, open, commands }: { item: EvalItemRecord; prefix: string; open: boolean; commands: EvalCommands }) {
  return (
    <tr className={open ? "eval-row--open" : undefined} data-testid={`eval-item-${item.index}`} data-item-id={item.itemId} data-correct={item.status === "error" ? "error" : String(item.correct === true)} onClick={() => commands.openItem(item)}>
      <td>
        <button type="button" className="eval-item-open" data-testid={`eval-item-open-${item.index}`} onClick={(event) => {
            event.stopPropagation();
            commands.openItem(item);
          }} aria-label={`Open the run of item ${item.itemId}`} title={item.itemId}>
          {item.itemId.slice(prefix.length)}
        </button>
      </td>
      <td className="eval-excerpt" title={item.input}>
        {excerpt(item.input, 60)}
      </td>
      <td className="eval-excerpt" title={item.answer ?? item.error}>
        {item.status === "error" ? <span className="eval-errors">{excerpt(item.error, 40)}</span> : excerpt(item.extracted ?? item.answer, 40)}
      </td>
      <td className="eval-mark-cell">
        <Mark item={item} />
      </td>
      <td className="eval-num">{formatMs(item.latencyMs)}</td>
      <td className="eval-num">{formatUsd(item.usage.costUsd)}</td>
    </tr>
  );
});

export function EvalResults({ view, commands }: { view: EvalView; commands: EvalCommands }) {
  const store = useItascaStore();
  const wrongOnly = useItasca((state) => state.wrongOnly);
  const openIndex = useItasca((state) => state.openItemIndex);
  const [limit, setLimit] = useState(PAGE_ROWS);
  const items = wrongOnly ? view.items.filter(isWrong) : view.items;
  const drawn = items.length > limit ? items.slice(0, limit) : items;
  const wrong = view.items.filter(isWrong).length;
  const prefix = sharedIdPrefix(view.items.map((item) => item.itemId));
  return (
    <div className="eval-results">
      <div className="eval-results-head">
        <label className="eval-check">
          <input type="checkbox" data-testid="eval-wrong-only" checked={wrongOnly} onChange={(event) => store.getState().setWrongOnly(event.target.checked)} />
          Wrong answers only ({wrong})
        </label>
        <span className="eval-note">
          {items.length} of {view.items.length} shown
        </span>
      </div>
      <table className="eval-table" data-testid="eval-results" data-rows={items.length}>
        <thead>
          <tr>
            <th title={prefix === "" ? undefined : `item ids, after ${prefix}`}>item</th>
            <th>input</th>
            <th>answer</th>
            <th aria-label="correct">✓</th>
            <th className="eval-num">latency</th>
            <th className="eval-num">cost</th>
          </tr>
        </thead>
        <tbody>
          {drawn.map((item) => (
            <Row key={item.index} item={item} prefix={prefix} open={item.index === openIndex} commands={commands} />
          ))}
        </tbody>
      </table>
      {drawn.length < items.length && (
        <button type="button" className="eval-more" data-testid="eval-more" onClick={() => setLimit(limit + PAGE_ROWS)}>
          Show {Math.min(PAGE_ROWS, items.length - drawn.length)} more of {items.length - drawn.length}
        </button>
      )}
      {items.length === 0 && <div className="muted">{view.items.length === 0 ? "No item has completed yet." : "No wrong answers."}</div>}
    </div>
  );
}
