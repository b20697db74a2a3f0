/** The mark on a node card whose params a search varies: how many, and (its tooltip) which, with their ranges or choices. */
import { useItasca } from "../store/react";
import { describeMark } from "../store/searches/search-marks";

export function SearchBadge({ nodeId }: { nodeId: string }) {
  const marks = useItasca((state) => state.searchMarks[nodeId]);
  if (marks === undefined) return null;
  const entries = Object.entries(marks);
  return (
    <span className="badge badge--search" data-testid={`node-search-${nodeId}`} data-count={entries.length} title={`Searched: ${entries.map(([param, mark]) => `${param} ${describeMark(mark)}`).join(", ")}`}>
      ⌕ {entries.length}
    </span>
  );
}
