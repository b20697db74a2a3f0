import { describe, expect, it } from "vitest";
import type { CliIo } from "../../core/cli/io";
import { attachProgress } from "../../core/cli/progress";
import { loadArchitecture } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";

const SAMPLE_RANK_FUSE = loadArchitecture("presets/architectures/sample-rank-fuse.itasca.json");

function captureIo(tty: boolean): CliIo & { err: string[] } {
  const err: string[] = [];
  return { err, stdout: () => {}, stderr: (t) => err.push(t), stderrIsTty: tty, stdinIsTty: false, env: {}, cwd: "." };
}

describe("run progress on stderr", () => {
  it("prints one line per node event when stderr is not a terminal", async () => {
    const io = captureIo(false);
    const { engine } = fakeEngine({ reply: () => "no ranking here" });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" });
    const stop = attachProgress(run, io, SAMPLE_RANK_FUSE.nodes);
    await run.result;
    stop();
    const text = io.err.join("");
    expect(text).toContain('itasca: node "generate" (generate) started');
    expect(text).toContain('itasca: node "generate" done: 5 calls, 0 cached');
    expect(text).toMatch(/itasca: warning: node "rank": .*input order/);
    expect(text).not.toContain("\x1b[");
  });

  it("redraws a status table in place on a terminal, with warnings listed under it", async () => {
    const io = captureIo(true);
    const { engine } = fakeEngine({ reply: () => "no ranking here" });
    const run = engine.start(engine.check(SAMPLE_RANK_FUSE), { text: "q" });
    const stop = attachProgress(run, io, SAMPLE_RANK_FUSE.nodes);
    await run.result;
    stop();
    const final = io.err.filter((t) => t.includes("node") && t.includes("status")).at(-1) ?? "";
    expect(final).toContain("\x1b[6A"); // moves up over the previous table (header + 5 rows)
    for (const id of ["input", "generate", "rank", "fuse", "output"]) expect(final).toMatch(new RegExp(`${id}\\s+\\w[\\w-]*\\s+done`));
    expect(io.err.at(-1)).toMatch(/^itasca: warning: node "rank"/);
  });
});
