/**
 * Code the UI benchmark runs inside the page through `page.evaluate`. Each function is sent
 * as source text, so it must be self-contained: no imports, no outer variables; what it needs
 * comes in its one argument.
 */

/** Selectors of the canvas the probes read; the app's own test ids and xyflow's classes. */
export const CANVAS = "[data-testid=canvas]";

/** The page's clock (ms since navigation start) at the first frame where nodes are drawn: present and measured. */
export function waitForDrawn(args: { canvas: string; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const deadline = performance.now() + args.timeoutMs;
    const frame = (): void => {
      const nodes = document.querySelectorAll<HTMLElement>(`${args.canvas} .react-flow__node`);
      // xyflow keeps a node hidden until it has measured it: a present but hidden node is not drawn yet.
      if (nodes.length > 0 && Array.from(nodes).every((node) => node.style.visibility !== "hidden")) return resolve(performance.now());
      if (performance.now() > deadline) return reject(new Error(`no node drawn within ${args.timeoutMs} ms (${nodes.length} in the DOM)`));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** Milestones after a drop, each in ms from the moment the drop event was dispatched. */
export interface RenderTiming {
  /** First frame with every node element of the final picture in the DOM (not yet measured, so still hidden). */
  nodesInDomMs: number;
  /** First frame showing the final picture: fitted, every node measured and visible, every edge drawn. The first render. */
  drawnMs: number;
  /** First frame after the viewport moved to fit the new document; null if it never moved. */
  fittedMs: number | null;
  /** Node and edge elements in the final picture (xyflow may mount only those inside the viewport). */
  nodes: number;
  edges: number;
}

export interface DropArgs {
  canvas: string;
  text: string;
  fileName: string;
  timeoutMs: number;
}

/** One frame as seen after a drop. */
interface FrameState {
  at: number;
  nodes: number;
  visible: boolean;
  edges: number;
  fitted: boolean;
}

/**
 * Drops a file on the canvas the way a file manager does (a `drop` event whose DataTransfer
 * holds a File), then samples every frame until the picture has not changed for a while. The
 * first render is the first frame that already showed that final picture. Counting against the
 * settled picture, not the document's size, measures the same thing whether xyflow mounts every
 * node or only those inside the viewport.
 */
export function dropAndTimeRender(args: DropArgs): Promise<RenderTiming> {
  const canvas = document.querySelector<HTMLElement>(args.canvas);
  const viewport = canvas?.querySelector<HTMLElement>(".react-flow__viewport");
  if (canvas === null || viewport === null || viewport === undefined) return Promise.reject(new Error(`no canvas (${args.canvas}) with an xyflow viewport`));
  const transformBefore = viewport.style.transform;
  // Built before the clock starts: the user's file exists before it is dropped.
  const transfer = new DataTransfer();
  transfer.items.add(new File([args.text], args.fileName, { type: "application/json" }));
  const box = canvas.getBoundingClientRect();
  const drop = new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: transfer, clientX: box.x + box.width / 2, clientY: box.y + box.height / 2 });
  // The picture counts as settled once it has stayed the same this long (xyflow measures, then fits, then draws edges).
  const SETTLED_MS = 750;
  const frames: FrameState[] = [];
  const same = (a: FrameState, b: FrameState) => a.nodes === b.nodes && a.visible === b.visible && a.edges === b.edges && a.fitted === b.fitted;

  const started = performance.now();
  canvas.dispatchEvent(drop);
  return new Promise((resolve, reject) => {
    const frame = (): void => {
      const at = performance.now() - started;
      const nodes = document.querySelectorAll<HTMLElement>(`${args.canvas} .react-flow__node`);
      // xyflow keeps a node hidden until it has measured it: a present but hidden node is not drawn yet.
      const visible = nodes.length > 0 && Array.from(nodes).every((node) => node.style.visibility !== "hidden");
      const state: FrameState = { at, nodes: nodes.length, visible, edges: document.querySelectorAll(`${args.canvas} .react-flow__edge`).length, fitted: viewport.style.transform !== transformBefore };
      frames.push(state);
      const changed = frames.findLastIndex((earlier) => !same(earlier, state));
      const stableSince = frames[changed + 1]?.at ?? at;
      if (state.visible && state.fitted && at - stableSince >= SETTLED_MS) {
        const final = frames[changed + 1] ?? state;
        return resolve({
          nodesInDomMs: frames.find((f) => f.nodes === final.nodes)?.at ?? final.at,
          drawnMs: final.at,
          fittedMs: frames.find((f) => f.fitted)?.at ?? null,
          nodes: final.nodes,
          edges: final.edges,
        });
      }
      if (at > args.timeoutMs) return reject(new Error(`dropped document not drawn within ${args.timeoutMs} ms: ${state.nodes} nodes, ${state.edges} edges, ${state.visible ? "all" : "not all"} measured, ${state.fitted ? "" : "not "}fitted`));
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** The recorder's state, kept on the page's global object between evaluate calls. */
interface FrameRecorder {
  times: number[];
  /** Pointer moves the page received before each recorded frame (same index as `times`). */
  moves: number[];
  pending: number;
  on: boolean;
}

type RecorderGlobal = typeof globalThis & { itascaBenchFrames?: FrameRecorder };

/** What the recorder saw: frame timestamps, and how many of the frame intervals had pointer input. */
export interface RecordedFrames {
  times: number[];
  /** Frame intervals during which at least one pointer move arrived. */
  framesWithInput: number;
  moves: number;
}

/** Starts recording the timestamp of every animation frame, and the pointer moves between frames, until {@link stopFrameRecorder}. */
export function startFrameRecorder(): void {
  const recorder: FrameRecorder = { times: [], moves: [], pending: 0, on: true };
  (globalThis as RecorderGlobal).itascaBenchFrames = recorder;
  // Capture phase on the window: counted before xyflow's handlers can stop the event.
  const onMove = (): void => void recorder.pending++;
  window.addEventListener("pointermove", onMove, { capture: true, passive: true });
  const frame = (now: number): void => {
    if (!recorder.on) return window.removeEventListener("pointermove", onMove, { capture: true });
    recorder.times.push(now);
    recorder.moves.push(recorder.pending);
    recorder.pending = 0;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Stops the recorder after `settleFrames` more frames (so work a gesture's end triggers is counted) and returns what it saw. */
export function stopFrameRecorder(settleFrames: number): Promise<RecordedFrames> {
  const recorder = (globalThis as RecorderGlobal).itascaBenchFrames;
  if (recorder === undefined) return Promise.reject(new Error("the frame recorder was not started"));
  const target = recorder.times.length + settleFrames;
  return new Promise((resolve) => {
    const frame = (): void => {
      if (recorder.times.length < target) return void requestAnimationFrame(frame);
      recorder.on = false;
      // moves[i] arrived between frame i-1 and frame i: the first entry precedes the recording.
      const during = recorder.moves.slice(1);
      resolve({ times: recorder.times, framesWithInput: during.filter((n) => n > 0).length, moves: during.reduce((sum, n) => sum + n, 0) });
    };
    requestAnimationFrame(frame);
  });
}

/** A point in page coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** A point on the canvas's empty pane (no node, edge, minimap or control under it), nearest its centre. */
export function findEmptyPane(canvasSelector: string): Point | null {
  const canvas = document.querySelector(canvasSelector);
  if (canvas === null) return null;
  const box = canvas.getBoundingClientRect();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const candidates: Point[] = [];
  for (let fx = 0.15; fx <= 0.85; fx += 0.02) {
    for (let fy = 0.15; fy <= 0.85; fy += 0.02) candidates.push({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  }
  candidates.sort((a, b) => Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y));
  return candidates.find((p) => document.elementFromPoint(p.x, p.y)?.classList.contains("react-flow__pane") === true) ?? null;
}

/** The node nearest the canvas centre: its id and a point on its header (a handle would start a connection instead). */
export function findNodeToDrag(canvasSelector: string): (Point & { id: string }) | null {
  const canvas = document.querySelector(canvasSelector);
  if (canvas === null) return null;
  const box = canvas.getBoundingClientRect();
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  let best: (Point & { id: string; distance: number }) | null = null;
  for (const node of Array.from(canvas.querySelectorAll<HTMLElement>(".react-flow__node"))) {
    const header = node.querySelector(".tnode-title") ?? node;
    const r = header.getBoundingClientRect();
    const point = { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    const distance = Math.hypot(point.x - centre.x, point.y - centre.y);
    const id = node.dataset["id"];
    // Only a point where the node itself is on top can start a drag of it.
    if (id === undefined || node.contains(document.elementFromPoint(point.x, point.y)) === false) continue;
    if (best === null || distance < best.distance) best = { ...point, id, distance };
  }
  return best === null ? null : { x: best.x, y: best.y, id: best.id };
}

/** The CSS transform of the canvas viewport (what panning changes) or of one node (what dragging changes). */
export function transformOf(args: { canvas: string; nodeId: string | null }): string {
  const selector = args.nodeId === null ? `${args.canvas} .react-flow__viewport` : `${args.canvas} .react-flow__node[data-id="${args.nodeId}"]`;
  return document.querySelector<HTMLElement>(selector)?.style.transform ?? "";
}
