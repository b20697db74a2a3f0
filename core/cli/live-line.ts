/** One status line redrawn in place on a terminal (every 100 ms), for long commands' progress on stderr. */
import type { CliIo } from "./io";

const REDRAW_MS = 100;

/**
 * `render` gives the line to show (undefined while there is nothing yet). Call `start` when the
 * work begins and `stop` at the end: it draws the last state and ends the line. Does nothing
 * when stderr is not a terminal (commands print plain lines there instead).
 */
export function liveLine(io: CliIo, render: () => string | undefined): { start(): void; stop(): void } {
  let timer: ReturnType<typeof setInterval> | undefined;
  let drawn = false;
  const draw = () => {
    const line = render();
    if (line === undefined) return;
    io.stderr(`${drawn ? "\r\x1b[2K" : ""}${line}`);
    drawn = true;
  };
  return {
    start: () => {
      if (io.stderrIsTty && timer === undefined) timer = setInterval(draw, REDRAW_MS);
    },
    stop: () => {
      if (timer !== undefined) clearInterval(timer);
      if (!io.stderrIsTty) return;
      draw();
      if (drawn) io.stderr("\n");
    },
  };
}
