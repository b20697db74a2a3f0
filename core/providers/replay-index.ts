/**
 * Lookup over the records of one replay file: by prompt (whitespace-normalised), else by record
 * id, optionally narrowed to one recorded model. Every miss is a non-retryable error that names
 * the file and what was asked for, since retrying a replay can never help.
 */
import { ProviderError } from "./errors";
import { normalizePrompt, type LocatedRecord, type ReplayRecord } from "./replay-format";

/** How long a prompt may be when quoted in an error message. */
const PREVIEW_CHARS = 80;

function preview(text: string): string {
  const flat = normalizePrompt(text);
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS)}…` : flat;
}

export class ReplayIndex {
  private readonly byPrompt = new Map<string, LocatedRecord[]>();
  private readonly byId = new Map<string, LocatedRecord[]>();
  private readonly models: string[];

  /** @param file How to name the file in messages (the path as the model entry wrote it). */
  constructor(
    readonly file: string,
    readonly records: readonly LocatedRecord[],
  ) {
    for (const located of records) {
      push(this.byPrompt, normalizePrompt(located.record.prompt), located);
      push(this.byId, located.record.id, located);
    }
    this.models = [...new Set(records.map((r) => r.record.model))];
  }

  /**
   * The record answering `message`: a record whose prompt equals it (whitespace-normalised),
   * else one whose id equals it.
   * @param model The recorded model to serve; required only when the file holds several models for the prompt.
   */
  find(message: string, model?: string): ReplayRecord {
    if (model !== undefined && !this.models.includes(model)) {
      throw new ProviderError("bad-request", `replay file ${this.file} has no records of model "${model}"; it holds ${this.models.map((m) => `"${m}"`).join(", ")}`);
    }
    const key = normalizePrompt(message);
    const ofModel = (list: LocatedRecord[] = []) => (model === undefined ? list : list.filter((r) => r.record.model === model));
    const byPrompt = ofModel(this.byPrompt.get(key));
    const matches = byPrompt.length > 0 ? byPrompt : ofModel(this.byId.get(key));
    const [only, ...others] = matches;
    if (only === undefined) throw this.unknownPrompt(message, model);
    if (others.length > 0) {
      const names = matches.map((r) => `"${r.record.model}" (line ${r.line})`).join(", ");
      throw new ProviderError("bad-request", `replay file ${this.file} has ${matches.length} records for prompt "${preview(message)}": ${names}; name one model in the model entry as "${this.file}#<model>"`);
    }
    return only.record;
  }

  /** The first recorded prompt (of `model`, when given): one a test round trip can send. */
  firstPrompt(model?: string): string | undefined {
    return this.records.find((r) => model === undefined || r.record.model === model)?.record.prompt;
  }

  private unknownPrompt(message: string, model: string | undefined): ProviderError {
    const example = this.records.find((r) => model === undefined || r.record.model === model)?.record;
    const hint = example ? `; send a recorded prompt or a record id, e.g. "${preview(example.prompt)}" or "${example.id}" (${this.records.length} records)` : "";
    const of = model === undefined ? "" : ` of model "${model}"`;
    return new ProviderError("bad-request", `replay file ${this.file} has no record${of} for prompt "${preview(message)}"${hint}`);
  }
}

function push(map: Map<string, LocatedRecord[]>, key: string, value: LocatedRecord): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
