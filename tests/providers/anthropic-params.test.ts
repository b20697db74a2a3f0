/**
 * Mapping a provider request onto Messages API parameters (pure: no server).
 */
import { describe, expect, it } from "vitest";
import { splitMessages, toAnthropicParams } from "../../core/providers/anthropic-params";
import { ProviderError } from "../../core/providers/errors";

const base = { model: "claude-test", temperature: 0.3, maxTokens: 32 };

describe("anthropic request mapping", () => {
  it("keeps a plain conversation as is and sends no system field without system messages", () => {
    const params = toAnthropicParams({ ...base, messages: [{ role: "user", content: "hi" }] });
    expect(params).toEqual({ model: "claude-test", max_tokens: 32, messages: [{ role: "user", content: "hi" }], temperature: 0.3 });
  });

  it("joins several system messages with a blank line, wherever they appear", () => {
    const { system } = splitMessages([
      { role: "system", content: "A" },
      { role: "user", content: "q" },
      { role: "system", content: "B" },
    ]);
    expect(system).toBe("A\n\nB");
  });

  it("drops empty turns before merging, so roles still alternate", () => {
    const { messages } = splitMessages([
      { role: "user", content: "one" },
      { role: "assistant", content: "  " },
      { role: "user", content: "two" },
    ]);
    expect(messages).toEqual([{ role: "user", content: "one\n\ntwo" }]);
  });

  it("trims trailing whitespace from a final assistant prefill only", () => {
    const { messages } = splitMessages([
      { role: "user", content: "start  " },
      { role: "assistant", content: "The answer is " },
    ]);
    expect(messages).toEqual([
      { role: "user", content: "start  " },
      { role: "assistant", content: "The answer is" },
    ]);
  });

  it("clamps temperature and top_p to 0..1 and never sends a seed", () => {
    expect(toAnthropicParams({ ...base, temperature: 2, topP: 1.5, seed: 9, messages: [{ role: "user", content: "x" }] })).toMatchObject({ temperature: 1, top_p: 1 });
    expect(toAnthropicParams({ ...base, temperature: -1, messages: [{ role: "user", content: "x" }] }).temperature).toBe(0);
    expect(toAnthropicParams({ ...base, seed: 9, messages: [{ role: "user", content: "x" }] })).not.toHaveProperty("seed");
  });

  it("drops whitespace-only stop sequences (the API rejects them) and omits an empty list", () => {
    expect(toAnthropicParams({ ...base, stop: ["\n\n", "END"], messages: [{ role: "user", content: "x" }] }).stop_sequences).toEqual(["END"]);
    expect(toAnthropicParams({ ...base, stop: [" "], messages: [{ role: "user", content: "x" }] })).not.toHaveProperty("stop_sequences");
  });

  it("refuses a prompt without any user or assistant turn", () => {
    expect(() => toAnthropicParams({ ...base, messages: [{ role: "system", content: "rules" }] })).toThrow(ProviderError);
  });
});
