import { describe, expect, it } from "vitest";
import { CLIPBOARD_NAME, copyFragment, fragmentToText, parseFragment } from "../../renderer/store/clipboard";
import { graphOfFile, readText, SAMPLE } from "./helpers";

describe("clipboard fragments", () => {
  it("round-trips the copied nodes and only the edges between them", () => {
    const fragment = copyFragment(graphOfFile(SAMPLE), ["input", "generate", "output"]);
    expect(fragment.edges).toEqual([{ from: ["input", "query"], to: ["generate", "query"] }]);
    const text = fragmentToText(fragment);
    expect(JSON.parse(text)).toMatchObject({ version: 1, name: CLIPBOARD_NAME });
    expect(parseFragment(text)).toEqual({ ok: true, fragment });
  });

  it("reads a whole architecture file too", () => {
    const parsed = parseFragment(readText(SAMPLE));
    expect(parsed.ok && parsed.fragment.nodes).toHaveLength(5);
  });

  it("says why other text is not a fragment", () => {
    expect(parseFragment("not json")).toEqual({ ok: false, reason: "the clipboard does not hold Itasca nodes (it is not JSON)" });
    expect(parseFragment('{"version": 1, "nodes": []}')).toMatchObject({ ok: false });
    expect(parseFragment('{"version": 99, "name": "x", "nodes": [], "edges": []}')).toMatchObject({ ok: false, reason: expect.stringContaining("newer") });
  });
});
