/**
 * The engine's shared limiters: one global and one per model, shared by every run in the
 * process so two runs on one server never exceed its concurrency together.
 */
import type { ModelEntry } from "../api/schemas";
import { concurrencyOf } from "../providers/models";
import { Limiter } from "./limiter";
import { RATE_WINDOW_MS, RateWindow } from "./rate-window";

export class LimiterPool {
  readonly global: Limiter;
  private readonly perModel = new Map<string, Limiter>();
  private readonly rates = new Map<string, RateWindow>();

  /**
   * @param globalConcurrency calls in flight at once across all models
   * @param rateWindowMs the window the models' `rpm` and `tpm` count over (@default 60000, one minute)
   */
  constructor(
    globalConcurrency: number,
    private readonly rateWindowMs: number = RATE_WINDOW_MS,
  ) {
    this.global = new Limiter(globalConcurrency);
  }

  forModel(entry: ModelEntry): Limiter {
    let limiter = this.perModel.get(entry.id);
    if (!limiter) {
      limiter = new Limiter(concurrencyOf(entry));
      this.perModel.set(entry.id, limiter);
    }
    return limiter;
  }

  /** The model's requests- and tokens-per-minute window (unlimited when the entry sets neither). */
  rateFor(entry: ModelEntry): RateWindow {
    let window = this.rates.get(entry.id);
    if (!window) {
      window = new RateWindow(entry.rpm, entry.tpm, Date.now, this.rateWindowMs);
      this.rates.set(entry.id, window);
    }
    return window;
  }

  /** Takes a model slot, then a global one; the returned function frees both. */
  async acquire(entry: ModelEntry, signal: AbortSignal): Promise<() => void> {
    const releaseModel = await this.forModel(entry).acquire(signal);
    try {
      const releaseGlobal = await this.global.acquire(signal);
      return () => {
        releaseGlobal();
        releaseModel();
      };
    } catch (error) {
      releaseModel();
      throw error;
    }
  }
}
