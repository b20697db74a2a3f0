/**
 * The studio service behind the worker protocol, over a real MessageChannel (structured clone,
 * as between Electron's main process and its engine thread; the bundle test boots the real
 * thread): requests answered, run events forwarded, keys written back to the host's store.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StudioEventMessage, KeyInfo } from "../../core/api/contract";
import type { SecretStore } from "../../core/providers/keys";
import type { StudioService } from "../../core/studio/service";
import type { FromWorker, MessagePortLike, ToWorker } from "../../core/studio/worker/protocol";
import { serveInWorker } from "../../core/studio/worker/serve-in-worker";
import { startWorkerService } from "../../core/studio/worker/worker-service";
import { ROOT } from "../helpers/architectures";

class MapSecretStore implements SecretStore {
  readonly values = new Map<string, string>([["STORED_KEY", "stored-value-1"]]);
  get = (name: string) => this.values.get(name);
  set = (name: string, value: string) => void this.values.set(name, value);
  delete = (name: string) => void this.values.delete(name);
  list = () => [...this.values.keys()];
}

const home = mkdtempSync(join(tmpdir(), "itasca-worker-service-"));
const previousHome = process.env["ITASCA_HOME"];
const channel = new MessageChannel();
const secrets = new MapSecretStore();
let service: StudioService;

beforeAll(async () => {
  process.env["ITASCA_HOME"] = home;
  serveInWorker(channel.port1 as unknown as MessagePortLike<ToWorker, FromWorker>);
  service = await startWorkerService({ port: channel.port2 as unknown as MessagePortLike<FromWorker, ToWorker>, kind: "electron", cwd: ROOT, secrets });
});

afterAll(async () => {
  await service?.close();
  channel.port1.close();
  channel.port2.close();
  if (previousHome === undefined) delete process.env["ITASCA_HOME"];
  else process.env["ITASCA_HOME"] = previousHome;
  rmSync(home, { recursive: true, force: true });
});

describe("the studio service in a worker", () => {
  it("answers requests, validation errors included", async () => {
    expect(await service.handle("host.info", {})).toMatchObject({ ok: true, value: { kind: "electron", cwd: ROOT } });
    expect(await service.handle("run.get", { runId: 5 })).toMatchObject({ ok: false, error: { code: "invalid-arguments", message: expect.stringContaining("runId") } });
  });

  it("starts with the host's stored keys, and writes keys set or deleted back to the host's store", async () => {
    const listed = await service.call("keys.list", {});
    expect(listed.ok && listed.value.find((k: KeyInfo) => k.name === "STORED_KEY")).toMatchObject({ set: true, source: "store" });
    expect(await service.call("keys.set", { name: "NEW_KEY", value: "new-value-2" })).toEqual({ ok: true, value: { name: "NEW_KEY", set: true } });
    await expect.poll(() => secrets.values.get("NEW_KEY")).toBe("new-value-2");
    await service.call("keys.delete", { name: "STORED_KEY" });
    await expect.poll(() => secrets.values.has("STORED_KEY")).toBe(false);
  });

  it("runs an architecture and forwards its events to subscribers", async () => {
    const events: StudioEventMessage[] = [];
    const stop = service.subscribe((message) => events.push(message));
    const architecture = JSON.parse(readFileSync(join(ROOT, "presets", "architectures", "game24-vote.itasca.json"), "utf8")) as Record<string, unknown>;
    const started = await service.call("run.start", { architecture, query: { text: "4 5 6 10" } });
    if (!started.ok) throw new Error(started.error.message);
    await expect.poll(() => events.find((m) => m.event.type === "run.completed"), { timeout: 30_000 }).toBeDefined();
    stop();
    expect(events.every((m) => m.channel === "run.event" && m.event.runId === started.value.runId)).toBe(true);
    expect(events.map((m) => m.event.type)).toContain("call.completed");
  });
});
