/** One node type in the palette: click (or Enter) adds it, dragging drops it onto the canvas. */
import type { DragEvent } from "react";
import type { AnyNodeDefinition } from "../../core/nodes/define";
import { NODE_TYPE_MIME } from "../canvas/drag-data";
import { firstSentence } from "./palette-model";

export function PaletteItem({ definition, onAdd }: { definition: AnyNodeDefinition; onAdd: (nodeType: string) => void }) {
  const onDragStart = (event: DragEvent) => {
    event.dataTransfer.setData(NODE_TYPE_MIME, definition.type);
    event.dataTransfer.effectAllowed = "copy";
  };
  const ports = [...Object.values(definition.inputs), ...Object.values(definition.outputs)];
  return (
    <button
      type="button"
      className={`palette-item palette-item--${definition.category}`}
      data-testid={`palette-item-${definition.type}`}
      draggable
      onDragStart={onDragStart}
      onClick={() => onAdd(definition.type)}
      title={definition.description}
    >
      <span className="palette-item-head">
        <span className="palette-item-title">{definition.title}</span>
        <span className="palette-item-ports" aria-hidden>
          {ports.map((port, index) => (
            <span key={index} className={`port-dot port-dot--${port.type}`} />
          ))}
        </span>
      </span>
      <span className="palette-item-description">{firstSentence(definition.description)}</span>
    </button>
  );
}
