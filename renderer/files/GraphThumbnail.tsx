/**
 * A graph's preview as inline SVG: node boxes coloured by category (the canvas's
 * `--category-*` variables, so it follows the theme) and edges as curves, scaled to fit.
 */
import type { GraphData } from "../../core/graph/schema";
import { thumbnailOf } from "./thumbnail";

export function GraphThumbnail({ graph, label, testId }: { graph: GraphData; label: string; testId?: string }) {
  const { width, height, boxes, edges } = thumbnailOf(graph);
  return (
    <svg className="graph-thumbnail" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} data-testid={testId} preserveAspectRatio="xMidYMid meet">
      {edges.map((edge) => {
        // A horizontal S-curve, like the canvas's bezier edges.
        const bend = Math.max(8, (edge.x2 - edge.x1) / 2);
        return <path key={edge.key} className="thumb-edge" d={`M${edge.x1},${edge.y1} C${edge.x1 + bend},${edge.y1} ${edge.x2 - bend},${edge.y2} ${edge.x2},${edge.y2}`} />;
      })}
      {boxes.map((box) => (
        <rect key={box.id} className={`thumb-node thumb-node--${box.category}`} data-node-id={box.id} x={box.x} y={box.y} width={box.width} height={box.height} rx={Math.min(3, box.height / 4)} />
      ))}
    </svg>
  );
}
