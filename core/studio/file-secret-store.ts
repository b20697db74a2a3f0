/**
 * The web studio's key store: `<data dir>/secrets.json`, readable by the owner only (0600).
 * Electron uses the OS keychain instead; the browser has none, so a private file is the
 * closest equivalent. Values never leave through `list()`, and every stored value is
 * registered with the redactor so no error can echo it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SecretStore } from "../providers/keys";
import { redactor } from "../providers/redact";

export const SECRETS_FILE = "secrets.json";
const MODE = 0o600;

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
    if (!existsSync(this.file)) return new Map();
    // Tighten a file someone loosened by hand before reading secrets out of it.
    chmodSync(this.file, MODE);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, "utf8"));
    } catch {
      // Never quote the parse error: it may contain part of a key.
      throw new Error(`${this.file}: not valid JSON; fix or delete the file (it holds API keys entered in the studio)`);
    }
    const keys = (raw as { keys?: unknown } | null)?.keys;
    if (typeof keys !== "object" || keys === null) throw new Error(`${this.file}: expected {"keys": {"NAME": "value"}}`);
    return new Map(Object.entries(keys).filter((e): e is [string, string] => typeof e[1] === "string"));
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // Write a private temp file, then rename: the file is never briefly world-readable or half written.
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ keys: Object.fromEntries(this.values) }, null, 2)}\n`, { mode: MODE });
    chmodSync(temp, MODE);
    renameSync(temp, this.file);
    chmodSync(this.file, MODE);
  }
}
