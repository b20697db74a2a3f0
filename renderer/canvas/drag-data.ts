/** The drag-and-drop payload from the palette to the canvas: a node type under its own MIME type. */
export const NODE_TYPE_MIME = "application/x-itasca-node-type";

/** The grid nodes snap to, in flow units. */
export const GRID: [number, number] = [16, 16];

export function snapToGrid(value: number, step: number): number {
  return Math.round(value / step) * step;
}
