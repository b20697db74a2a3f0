import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SafeStorageSecretStore, type Encryptor } from "../../electron/safe-storage-store";

/** Reversible and visibly not plain text, like safeStorage's output. */
function fakeEncryptor(available = true): Encryptor {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${[...text].reverse().join("")}`),
    decryptString: (data) => [...data.toString("utf8").replace(/^enc:/, "")].reverse().join(""),
  };
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "itasca-keychain-"))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("SafeStorageSecretStore", () => {
  it("keeps values encrypted in a private file and reads them back", () => {
    const store = SafeStorageSecretStore.inDataDir(dir, fakeEncryptor());
    store.set("OPENAI_API_KEY", "sk-test-123456");
    const text = readFileSync(store.file, "utf8");
    expect(text).not.toContain("sk-test-123456");
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    const reopened = SafeStorageSecretStore.inDataDir(dir, fakeEncryptor());
    expect(reopened.get("OPENAI_API_KEY")).toBe("sk-test-123456");
    expect(reopened.list()).toEqual(["OPENAI_API_KEY"]);
  });

  it("deletes a value", () => {
    const store = SafeStorageSecretStore.inDataDir(dir, fakeEncryptor());
    store.set("GROQ_API_KEY", "gsk-1");
    store.delete("GROQ_API_KEY");
    expect(store.get("GROQ_API_KEY")).toBeUndefined();
    expect(SafeStorageSecretStore.inDataDir(dir, fakeEncryptor()).list()).toEqual([]);
  });

  it("refuses to store a key when the OS keychain is unavailable", () => {
    const store = SafeStorageSecretStore.inDataDir(dir, fakeEncryptor(false));
    expect(() => store.set("OPENAI_API_KEY", "sk-plain")).toThrow(/cannot store key "OPENAI_API_KEY": the OS keychain is not available/);
    expect(store.list()).toEqual([]);
  });
});
