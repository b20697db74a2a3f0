/**
 * Keeps API keys out of every message that leaves the process: errors, logs, traces, `--json`.
 * Every key the process resolves is registered here; anything printed goes through `redact`.
 */

const MIN_SECRET_LENGTH = 8;
const MASK = "[redacted]";

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers a secret (keys shorter than 8 characters are masked too, but never are real keys). */
  add(secret: string | undefined): void {
    if (secret && secret.trim().length > 0) this.secrets.add(secret.trim());
  }

  /** The text with every registered secret, and anything shaped like a bearer key, masked. */
  redact(text: string): string {
    let out = text;
    // Longest first, so a key that contains another is masked whole.
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(MASK);
    return out
      .replace(/(authorization["']?\s*[:=]\s*["']?bearer\s+)[^\s"',}]+/gi, `$1${MASK}`)
      .replace(/(x-api-key["']?\s*[:=]\s*["']?)[^\s"',}]+/gi, `$1${MASK}`)
      .replace(/\b(sk-(?:ant-)?[A-Za-z0-9_-]{8,})/g, MASK);
  }

  /** A copy of the error whose message (and stack) no longer contain secrets. */
  redactError<E extends Error>(error: E): E {
    const message = this.redact(error.message);
    if (message === error.message && !(error.stack && this.redact(error.stack) !== error.stack)) return error;
    error.message = message;
    if (error.stack) error.stack = this.redact(error.stack);
    return error;
  }

  get size(): number {
    return this.secrets.size;
  }
}

/** The process-wide redactor: providers register keys as they resolve them. */
export const redactor = new Redactor();

export { MIN_SECRET_LENGTH };
