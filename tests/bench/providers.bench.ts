/**
 * `npm run bench:providers`: 64 samples of the shipped stories260K model drawn three ways:
 * llama-server with one n=64 request, llama-server with 64 concurrent single requests, and the
 * embedded llama-cpp provider's parallel sequences. Prints tokens/s for each and the ratios.
 * A part that cannot run (llama-server cannot be built here) is reported and skipped; the
 * bench never fails on speed, only on a broken run.
 */
import { LlamaCppProvider } from "../../core/providers/llama-cpp";
import { ensureLlamaServer } from "../../core/providers/llama-server/build";
import { defaultServerThreads, startLlamaServer, type LlamaServerHandle } from "../../core/providers/llama-server/launch";
import { OpenAICompatibleProvider } from "../../core/providers/openai-compatible";
import type { Provider, ProviderChatRequest } from "../../core/providers/types";
import { SERVER_MODEL, SHIPPED_MODEL } from "../helpers/llama-server";

const SAMPLES = 64;
const MAX_TOKENS = 64;
const REPEATS = 3;
const THREADS = defaultServerThreads();
/** The embedded provider's parallel sequences (its context holds them all at once). */
const EMBEDDED_SEQUENCES = Number(process.env.BENCH_EMBEDDED_SEQUENCES) || 16;

interface Figure {
  label: string;
  tokensPerSecond?: number;
  note: string;
}

const request = (extra: Partial<ProviderChatRequest> = {}): ProviderChatRequest => ({
  model: SERVER_MODEL,
  messages: [{ role: "user", content: "Once upon a time" }],
  temperature: 0.8,
  maxTokens: MAX_TOKENS,
  seed: 1,
  ...extra,
});

/** Counts output tokens with the server's tokenizer, the same way for every mode (llama-server's n=64 usage counts one choice). */
type TokenCounter = (texts: readonly string[]) => Promise<number>;

function serverTokenCounter(server: LlamaServerHandle): TokenCounter {
  const origin = server.baseUrl.replace(/\/v1$/, "");
  return async (texts) => {
    const counts = await Promise.all(
      texts.map(async (content) => {
        const response = await fetch(`${origin}/tokenize`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ content, add_special: false }) });
        return ((await response.json()) as { tokens: unknown[] }).tokens.length;
      }),
    );
    return counts.reduce((a, b) => a + b, 0);
  };
}

/** Best of REPEATS timed draws of SAMPLES samples (after one warm-up), in output tokens per second. */
async function measure(draw: () => Promise<{ texts: string[]; reportedTokens: number }>, count: TokenCounter | undefined): Promise<{ tokensPerSecond: number; tokens: number; seconds: number }> {
  await draw();
  let best = { tokensPerSecond: 0, tokens: 0, seconds: 0 };
  for (let i = 0; i < REPEATS; i++) {
    const began = performance.now();
    const { texts, reportedTokens } = await draw();
    const seconds = (performance.now() - began) / 1000;
    if (texts.length !== SAMPLES || texts.every((t) => t.length === 0)) throw new Error(`a draw returned ${texts.length} samples, expected ${SAMPLES} non-empty`);
    const tokens = count ? await count(texts) : reportedTokens;
    if (tokens / seconds > best.tokensPerSecond) best = { tokensPerSecond: tokens / seconds, tokens, seconds };
  }
  return best;
}

const describeRun = (r: { tokens: number; seconds: number }) => `${r.tokens} tokens in ${r.seconds.toFixed(2)} s, best of ${REPEATS}`;

/** Builds (or reuses) and starts llama-server; undefined, with both its parts marked skipped, when it cannot be built. */
async function startServer(figures: Figure[]): Promise<LlamaServerHandle | undefined> {
  let binary: string;
  try {
    binary = await ensureLlamaServer({ log: (line) => console.log(line) });
  } catch (error) {
    const why = `SKIPPED: llama-server cannot be built here: ${error instanceof Error ? error.message : String(error)}`;
    figures.push({ label: "llama-server, one n=64 request", note: why }, { label: "llama-server, 64 single requests", note: why });
    return undefined;
  }
  // n is capped at the slot count, so one n=64 request needs 64 slots; the single requests get the same server.
  return startLlamaServer({ binary, model: SHIPPED_MODEL, alias: SERVER_MODEL, parallel: SAMPLES, contextPerSlot: 256, threads: THREADS });
}

async function serverFigures(figures: Figure[], server: LlamaServerHandle, count: TokenCounter): Promise<void> {
  const inOne = new OpenAICompatibleProvider({ baseUrl: server.baseUrl, nInOneRequest: true });
  let reportedForN = 0;
  const one = await measure(async () => {
    const response = await inOne.chat(request({ n: SAMPLES }));
    reportedForN = response.usage.outputTokens;
    return { texts: response.choices.map((c) => c.text), reportedTokens: response.usage.outputTokens };
  }, count);
  figures.push({ label: `llama-server, one n=${SAMPLES} request (-np ${SAMPLES})`, tokensPerSecond: one.tokensPerSecond, note: `${describeRun(one)}; usage as the provider reports it: ${reportedForN} output tokens` });
  const singles = new OpenAICompatibleProvider({ baseUrl: server.baseUrl, nInOneRequest: false });
  const many = await measure(async () => {
    const response = await singles.chat(request({ n: SAMPLES }));
    return { texts: response.choices.map((c) => c.text), reportedTokens: response.usage.outputTokens };
  }, count);
  figures.push({ label: `llama-server, ${SAMPLES} concurrent single requests (-np ${SAMPLES})`, tokensPerSecond: many.tokensPerSecond, note: describeRun(many) });
}

async function embeddedFigure(figures: Figure[], count: TokenCounter | undefined): Promise<void> {
  const provider: Provider = new LlamaCppProvider({ threads: THREADS, sequences: EMBEDDED_SEQUENCES, contextSize: 256 });
  try {
    const result = await measure(async () => {
      const response = await provider.chat(request({ model: SHIPPED_MODEL, n: SAMPLES }));
      return { texts: response.choices.map((c) => c.text), reportedTokens: response.usage.outputTokens };
    }, count);
    figures.push({ label: `embedded llama-cpp, n=${SAMPLES} on ${EMBEDDED_SEQUENCES} parallel sequences`, tokensPerSecond: result.tokensPerSecond, note: describeRun(result) });
  } finally {
    await provider.close?.();
  }
}

function ratio(a: Figure | undefined, b: Figure | undefined): string {
  if (!a?.tokensPerSecond || !b?.tokensPerSecond) return "n/a (a part was skipped)";
  return `${(a.tokensPerSecond / b.tokensPerSecond).toFixed(2)}x`;
}

console.log(`Itasca providers benchmark: ${SAMPLES} samples x max ${MAX_TOKENS} tokens of stories260K, temperature 0.8, ${THREADS} thread(s)`);
const figures: Figure[] = [];
const server = await startServer(figures);
// The server stays up to the end: its tokenizer counts the embedded provider's samples too.
const count = server ? serverTokenCounter(server) : undefined;
try {
  if (server && count) await serverFigures(figures, server, count);
  await embeddedFigure(figures, count);
} finally {
  await server?.stop();
}
console.log(`tokens counted with ${count ? "llama-server's /tokenize on every sample's text (the same count for all three)" : "each provider's own usage"}`);
for (const f of figures) console.log(`${f.label.padEnd(58)} ${f.tokensPerSecond ? `${f.tokensPerSecond.toFixed(0).padStart(7)} tokens/s` : "      -         "}  ${f.note}`);
const [nRequest, singleRequests, embedded] = [figures[0], figures[1], figures[2]];
console.log(`ratio one n=${SAMPLES} request / ${SAMPLES} single requests: ${ratio(nRequest, singleRequests)}`);
console.log(`ratio one n=${SAMPLES} request / embedded: ${ratio(nRequest, embedded)}`);
console.log(`ratio ${SAMPLES} single requests / embedded: ${ratio(singleRequests, embedded)}`);
