import { describe, expect, it } from "vitest";
import type { CliIo } from "../../core/cli/io";
import { liveLine } from "../../core/cli/live-line";

function io(tty: boolean): CliIo & { err: string } {
  const out = { err: "" } as CliIo & { err: string };
  return Object.assign(out, { stdout: () => undefined, stderr: (t: string) => void (out.err += t), stderrIsTty: tty, stdinIsTty: false, env: {}, cwd: "." });
}

describe("liveLine", () => {
  it("redraws one line in place on a terminal and ends it on stop", async () => {
    const term = io(true);
    let n = 0;
    const line = liveLine(term, () => `step ${++n}`);
    line.start();
    await new Promise((r) => setTimeout(r, 250));
    line.stop();
    expect(term.err.startsWith("step 1")).toBe(true);
    expect(term.err).toContain("\r\x1b[2Kstep 2");
    expect(term.err.endsWith("\n")).toBe(true);
    expect(term.err.split("\n")).toHaveLength(2);
  });

  it("draws nothing before there is a line, and nothing at all off a terminal", () => {
    const term = io(true);
    const empty = liveLine(term, () => undefined);
    empty.start();
    empty.stop();
    expect(term.err).toBe("");
    const pipe = io(false);
    const line = liveLine(pipe, () => "x");
    line.start();
    line.stop();
    expect(pipe.err).toBe("");
  });
});
