/**
 * The desktop key store: `<data dir>/keychain.json` holding each value encrypted with Electron's
 * `safeStorage` (the OS keychain's key: Keychain on macOS, DPAPI on Windows, libsecret/kwallet
 * on Linux), base64-encoded. The file is also 0600 so a plain-text fallback is never
 * world-readable. Values are registered with the redactor so no error can echo them.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { SecretStore } from "../core/providers/keys";
import { redactor } from "../core/providers/redact";

export const KEYCHAIN_FILE = "keychain.json";
const MODE = 0o600;

/** What the store needs of Electron's `safeStorage` (passed in so tests need no Electron). */
export interface Encryptor {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export class SafeStorageSecretStore implements SecretStore {
  private readonly encrypted: Map<string, string>;

  /** @param file usually `join(dataDir, KEYCHAIN_FILE)` */
  constructor(
    readonly file: string,
    private readonly encryptor: Encryptor,
  ) {
    this.encrypted = this.read();
  }

  static inDataDir(dir: string, encryptor: Encryptor): SafeStorageSecretStore {
    return new SafeStorageSecretStore(join(dir, KEYCHAIN_FILE), encryptor);
  }

  get(name: string): string | undefined {
    const stored = this.encrypted.get(name);
    if (stored === undefined) return undefined;
    const value = this.encryptor.decryptString(Buffer.from(stored, "base64"));
    redactor.add(value);
    return value;
  }

  set(name: string, value: string): void {
    // Refuse rather than silently keep a key in the clear (Linux without a keyring).
    if (!this.encryptor.isEncryptionAvailable()) throw new Error(`cannot store key "${name}": the OS keychain is not available (on Linux, install and unlock gnome-keyring or kwallet); set the ${name} environment variable instead`);
    redactor.add(value);
    this.encrypted.set(name, this.encryptor.encryptString(value).toString("base64"));
    this.write();
  }

  delete(name: string): void {
    if (this.encrypted.delete(name)) this.write();
  }

  list(): string[] {
    return [...this.encrypted.keys()].sort();
  }

  private read(): Map<string, string> {
    if (!existsSync(this.file)) return new Map();
    chmodSync(this.file, MODE);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(this.file, "utf8"));
    } catch {
      throw new Error(`${this.file}: not valid JSON; fix or delete the file (it holds the encrypted API keys entered in the app)`);
    }
    const keys = (raw as { encrypted?: unknown } | null)?.encrypted;
    if (typeof keys !== "object" || keys === null) throw new Error(`${this.file}: expected {"encrypted": {"NAME": "base64"}}`);
    return new Map(Object.entries(keys).filter((e): e is [string, string] => typeof e[1] === "string"));
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    // A private temp file renamed into place: never briefly readable by others, never half written.
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ encrypted: Object.fromEntries(this.encrypted) }, null, 2)}\n`, { mode: MODE });
    chmodSync(temp, MODE);
    renameSync(temp, this.file);
  }
}
