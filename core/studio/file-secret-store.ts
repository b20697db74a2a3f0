/**
 * The web studio's key store: `<data dir>/secrets.json`, readable by the owner only (0600).
 * Electron uses the OS keychain instead; the browser has none, so a private file is the
 * closest equivalent. Values never leave through `list()`, and every stored value is
 * registered with the redactor so no error can echo it.
 */
import { join } from "node:path";
import type { SecretStore } from "../providers/keys";
import { redactor } from "../providers/redact";
import { readPrivateMap, writePrivateMap } from "./private-map-file";

export const SECRETS_FILE = "secrets.json";

export class FileSecretStore implements SecretStore {
  private values: Map<string, string>;

  /** @param file the secrets file, usually `join(dataDir(env), SECRETS_FILE)` */
  constructor(readonly file: string) {
    this.values = this.read();
    for (const value of this.values.values()) redactor.add(value);
  }

  static inDataDir(dir: string): FileSecretStore {
    return new FileSecretStore(join(dir, SECRETS_FILE));
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  set(name: string, value: string): void {
    redactor.add(value);
    this.values.set(name, value);
    this.write();
  }

  delete(name: string): void {
    if (this.values.delete(name)) this.write();
  }

  list(): string[] {
    return [...this.values.keys()].sort();
  }

  private read(): Map<string, string> {
    return readPrivateMap(this.file, "keys", "API keys entered in the studio");
  }

  private write(): void {
    writePrivateMap(this.file, "keys", this.values);
  }
}
