import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatCallRequest, ChatCallResult } from "../../../core/nodes/define";
import { createJudgeScorer, judgeMessages, readJudgeReply, scorerFor, ScorerSetupError } from "../../../core/eval/scorers/index";
import { context } from "./context";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures", "datasets", "scorers");
const replies = JSON.parse(readFileSync(join(FIXTURES, "judge-replies.json"), "utf8")) as { reply: string; correct: boolean; score: number; reason?: string }[];
const item = { id: "gsm8k-0", input: "How much does Janet make?", reference: "18" };

/** A chat double answering every call with `reply`, recording the requests. */
function chatting(reply: string) {
  const requests: ChatCallRequest[] = [];
  const chat = async (request: ChatCallRequest): Promise<ChatCallResult> => {
    requests.push(request);
    return { text: reply, callId: `c${requests.length}`, cached: false, finishReason: "stop", inputTokens: 100, outputTokens: 20 };
  };
  return { chat, requests };
}

describe("readJudgeReply", () => {
  it.each(replies.map((r) => [r.reply.slice(0, 40), r] as const))("%j", (_label, { reply, correct, score, reason }) => {
    const reading = readJudgeReply(reply);
    expect(reading).not.toBeNull();
    const pass = reading?.pass ?? (reading?.grade ?? 0) >= 0.5;
    expect(pass).toBe(correct);
    expect(reading?.grade ?? (pass ? 1 : 0)).toBeCloseTo(score);
    if (reason !== undefined) expect(reading?.reason).toBe(reason);
  });

  it("is null when the reply says nothing decisive", () => {
    expect(readJudgeReply("I am not sure what to make of this.")).toBeNull();
  });
});

describe("judge scorer", () => {
  it("asks the chosen model once, through ctx.chat, with the question, reference, rubric and answer", async () => {
    const { chat, requests } = chatting("GRADE: 9\nVERDICT: CORRECT\nREASON: matches.");
    const judge = scorerFor("judge", { model: "openai/gpt-4o-mini", rubric: "The final number must be 18." });
    expect(judge.needs).toBe("model");
    expect(await judge.score("She makes $18.", item, context({ chat }))).toEqual({ correct: true, score: 0.9, reason: "matches." });
    expect(requests).toHaveLength(1);
    const request = requests[0] as ChatCallRequest;
    expect(request).toMatchObject({ model: "openai/gpt-4o-mini", sample: 0, purpose: "judge gsm8k-0", sampling: { temperature: 0, maxTokens: 512 } });
    const prompt = request.messages.at(-1)?.content ?? "";
    for (const part of ["How much does Janet make?", "Reference answer:\n18", "Rubric:\nThe final number must be 18.", "Candidate answer:\nShe makes $18.", "VERDICT: CORRECT or INCORRECT"]) expect(prompt).toContain(part);
  });

  it("uses the grade against the threshold when the reply gives no verdict", async () => {
    const { chat } = chatting("Score: 6/10");
    expect((await createJudgeScorer({ model: "m", threshold: 0.7 }).score("x", item, context({ chat }))).correct).toBe(false);
    expect((await createJudgeScorer({ model: "m", threshold: 0.5 }).score("x", item, context({ chat }))).correct).toBe(true);
  });

  it("grades by the rubric alone when the item has no reference", () => {
    const messages = judgeMessages({ id: "p", input: "Write a haiku." }, "leaves fall", "Three lines, 5-7-5 syllables.");
    expect(messages.at(-1)?.content).not.toContain("Reference answer");
    expect(messages.at(-1)?.content).toContain("Does the candidate answer meet the rubric?");
  });

  it("errs clearly without a model, without ctx.chat, without reference or rubric, or on an unreadable reply", async () => {
    expect(() => scorerFor("judge")).toThrow(/needs a judge model; pass --judge-model/);
    await expect(createJudgeScorer({ model: "m" }).score("x", item, context())).rejects.toThrow(ScorerSetupError);
    await expect(createJudgeScorer({ model: "m" }).score("x", item, context())).rejects.toThrow(/needs model calls/);
    const { chat } = chatting("VERDICT: CORRECT");
    await expect(createJudgeScorer({ model: "m" }).score("x", { id: "p", input: "q" }, context({ chat }))).rejects.toThrow(/needs a reference or a rubric/);
    await expect(createJudgeScorer({ model: "m" }).score("x", item, context({ chat: chatting("hmm").chat }))).rejects.toThrow(/gave no verdict or grade for item "gsm8k-0"/);
  });

  it("stops when the evaluation is cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const { chat, requests } = chatting("VERDICT: CORRECT");
    await expect(createJudgeScorer({ model: "m" }).score("x", item, { chat, signal: controller.signal })).rejects.toThrow();
    expect(requests).toHaveLength(0);
  });
});
