/**
 * Requests-per-minute and tokens-per-minute gate of one model: a sliding one-minute window.
 * Tokens are reserved with the call's worst case and corrected to the real figure afterwards.
 */
import { abortableSleep } from "./sleep";

/** The length of the window `rpm` and `tpm` count over: one minute. */
export const RATE_WINDOW_MS = 60_000;

interface Entry {
  at: number;
  tokens: number;
}

export class RateWindow {
  private readonly entries: Entry[] = [];

  /**
   * @param rpm most requests in any minute (undefined: no limit)
   * @param tpm most tokens in any minute (undefined: no limit)
   * @param now the clock, in milliseconds
   * @param windowMs the window `rpm` and `tpm` count over; tests shorten it (@default 60000, one minute)
   */
  constructor(
    readonly rpm: number | undefined,
    readonly tpm: number | undefined,
    private readonly now: () => number = Date.now,
    readonly windowMs: number = RATE_WINDOW_MS,
  ) {
    if (!(windowMs > 0)) throw new RangeError(`rate window must be > 0 ms, got ${windowMs}`);
  }

  get limited(): boolean {
    return this.rpm !== undefined || this.tpm !== undefined;
  }

  /** Waits until one more request of `tokens` fits, then records it; returns a function to correct the token count. */
  async take(tokens: number, signal: AbortSignal): Promise<(actualTokens: number) => void> {
    for (;;) {
      signal.throwIfAborted();
      // Re-check at least every second: corrections to earlier entries can free room sooner.
      const wait = Math.min(this.waitFor(tokens), 1000);
      if (wait <= 0) break;
      await abortableSleep(wait, signal);
    }
    const entry = { at: this.now(), tokens };
    this.entries.push(entry);
    return (actual) => {
      entry.tokens = actual;
    };
  }

  /** Milliseconds until a request of `tokens` fits (0: now). */
  private waitFor(tokens: number): number {
    const now = this.now();
    while (this.entries.length > 0 && (this.entries[0] as Entry).at <= now - this.windowMs) this.entries.shift();
    let wait = 0;
    if (this.rpm !== undefined && this.entries.length >= this.rpm) {
      wait = Math.max(wait, (this.entries[this.entries.length - this.rpm] as Entry).at + this.windowMs - now);
    }
    if (this.tpm !== undefined) {
      // A single request larger than the whole budget waits for an empty window, then goes alone.
      let used = this.entries.reduce((sum, e) => sum + e.tokens, 0);
      for (let i = 0; used + Math.min(tokens, this.tpm) > this.tpm && i < this.entries.length; i++) {
        const entry = this.entries[i] as Entry;
        used -= entry.tokens;
        wait = Math.max(wait, entry.at + this.windowMs - now);
      }
    }
    return wait;
  }
}
