/**
 * The CodeT preset's prompts and wiring with a model that writes real code: its models answered
 * by a scripted provider (3 of 5 solutions correct, test samples continuing CodeT's "assert "
 * prompt), its tests extracted, compile-checked and executed in the real sandbox, and the
 * agreeing group of correct solutions selected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../../core/eval/sandbox";
import type { ProviderChatRequest } from "../../core/providers/types";
import { loadArchitecture } from "../helpers/architectures";
import { fakeEngine } from "../helpers/fake-engine";
import { expectedCallsOf, PRESETS_DIR } from "./presets";

const CODET = loadArchitecture(`${PRESETS_DIR}codet-coding.itasca.json`);
const QUERY = 'def add(a, b):\n    """Return the sum of a and b."""\n';

const lastUser = (request: ProviderChatRequest) => request.messages.filter((m) => m.role === "user").at(-1)?.content ?? "";

/** Solutions: sample i (seed 1 + i) is correct when i is even. Tests: a continuation of the prompt's trailing "assert ". */
function reply(request: ProviderChatRequest): string {
  const user = lastUser(request);
  if (user.includes("Complete the Python function")) {
    const sample = (request.seed ?? 1) - 1;
    return `\`\`\`python\ndef add(a, b):\n    return a ${sample % 2 === 0 ? "+" : "-"} b\n\`\`\``;
  }
  if (user.trimEnd().endsWith("assert")) return "add(1, 2) == 3\nassert add(0, 0) == 0\nassert add(-2, 5) == 3\nassert add(2, 2) == 4\nassert add(1, 1) = 2\n";
  throw new Error(`unexpected prompt: ${user.slice(0, 80)}`);
}

let sandbox: Sandbox;
beforeAll(() => {
  sandbox = createSandbox({ poolSize: 1 });
});
afterAll(async () => {
  await sandbox.close();
});

describe("codet-coding preset with a model that writes code", () => {
  it("selects the solutions its generated tests agree on, with the expected calls", async () => {
    const { engine, provider } = fakeEngine({ reply }, { sandbox });
    const run = engine.start(engine.check(CODET), { text: QUERY });
    const result = await run.result;
    expect(result.status, result.error?.message).toBe("completed");
    expect(provider.calls).toHaveLength(expectedCallsOf(CODET));
    // The test prompt is CodeT's: the task, a stub body, and a trailing "assert " to continue.
    const testPrompt = provider.calls.map((c) => lastUser(c.request)).find((u) => !u.includes("Complete the Python function"));
    expect(testPrompt).toContain(QUERY.trimEnd());

    const outputs = (id: string) => run.events().flatMap((e) => (e.type === "node.completed" && e.nodeId === id ? [e.outputs] : []))[0];
    // 5 samples x the 4 asserts that compile (the "=" one does not), merged with weight 5 each.
    const tests = outputs("tests")?.tests as { text: string; weight?: number }[];
    expect(tests.map((t) => t.text)).toEqual(["assert add(1, 2) == 3", "assert add(0, 0) == 0", "assert add(-2, 5) == 3", "assert add(2, 2) == 4"]);
    expect(tests.map((t) => t.weight)).toEqual([5, 5, 5, 5]);
    // The 3 correct solutions agree on every test; the 2 buggy ones pass only add(0, 0).
    const selected = outputs("select")?.candidates as { text: string }[];
    expect(selected).toHaveLength(3);
    for (const candidate of selected) expect(candidate.text).toContain("return a + b");
    expect(result.answer?.text).toContain("return a + b");
  }, 120_000);
});
