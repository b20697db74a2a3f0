/**
 * The worker's key store: an in-memory copy of the host's keychain. Reads are local (providers
 * read keys synchronously); every change is reported to the host, which persists it (Electron's
 * `safeStorage` exists only in the main process).
 */
import type { SecretStore } from "../../providers/keys";

export class MirrorSecretStore implements SecretStore {
  private readonly values: Map<string, string>;

  /** @param report called with each change: a value to store, or undefined to delete */
  constructor(
    initial: Record<string, string>,
    private readonly report: (name: string, value: string | undefined) => void,
  ) {
    this.values = new Map(Object.entries(initial));
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
    this.report(name, value);
  }

  delete(name: string): void {
    this.values.delete(name);
    this.report(name, undefined);
  }

  list(): string[] {
    return [...this.values.keys()].sort();
  }
}
