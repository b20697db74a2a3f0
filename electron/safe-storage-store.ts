/**
 * The desktop key store: `<data dir>/keychain.json` holding each value encrypted with Electron's
 * `safeStorage` (the OS keychain's key: Keychain on macOS, DPAPI on Windows, libsecret/kwallet
 * on Linux), base64-encoded. The file is also 0600 so a plain-text fallback is never
 * world-readable. Values are registered with the redactor so no error can echo them.
 */
import { join } from "node:path";
import type { SecretStore } from "../core/providers/keys";
import { redactor } from "../core/providers/redact";
import { readPrivateMap, writePrivateMap } from "../core/studio/private-map-file";

export const KEYCHAIN_FILE = "keychain.json";

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
    return readPrivateMap(this.file, "encrypted", "the encrypted API keys entered in the app");
  }

  private write(): void {
    writePrivateMap(this.file, "encrypted", this.encrypted);
  }
}
