import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DirectoryListing, FileText, RecentFile, TemplateInfo } from "../../core/api/contract";
import { startTestStudio, type TestStudio } from "../helpers/studio";

let studio: TestStudio;
let work: string;
beforeAll(async () => {
  studio = await startTestStudio();
  // The data dir is the studio's cwd in tests; keep user files in a folder beside it.
  work = `${studio.home}-work`;
  mkdirSync(join(work, "sub"), { recursive: true });
});
afterAll(async () => studio?.close());

describe("web studio: files", () => {
  it("lists the preset templates with name, description and text", async () => {
    const templates = await studio.api<TemplateInfo[]>("files.templates");
    if (!templates.ok) throw new Error(templates.error.message);
    const single = templates.value.find((t) => t.id === "single-call.itasca.json");
    expect(single).toMatchObject({ name: "single-call", description: expect.stringContaining("baseline") as unknown });
    expect(JSON.parse(single?.text ?? "")).toMatchObject({ name: "single-call" });
  });

  it("writes, reads back and remembers recent files", async () => {
    const path = join(work, "mine.itasca.json");
    expect(await studio.api("files.write", { path, text: '{"name":"mine"}\n' })).toEqual({ ok: true, value: { path } });
    expect(readFileSync(path, "utf8")).toBe('{"name":"mine"}\n');
    expect(await studio.api<FileText>("files.read", { path })).toEqual({ ok: true, value: { path, text: '{"name":"mine"}\n' } });
    const recent = await studio.api<RecentFile[]>("files.recent");
    expect(recent.ok && recent.value[0]?.path).toBe(path);
  });

  it("has no native dialogs: dialog.* answer unsupported, so the page browses with files.list", async () => {
    expect(await studio.api("dialog.open")).toMatchObject({ ok: false, error: { code: "unsupported", message: expect.stringContaining("files.list") } });
    expect(await studio.api("dialog.save", { defaultName: "x.itasca.json" })).toMatchObject({ ok: false, error: { code: "unsupported" } });
  });

  it("lists folders and .json files", async () => {
    writeFileSync(join(work, "notes.txt"), "x");
    const listing = await studio.api<DirectoryListing>("files.list", { dir: work });
    if (!listing.ok) throw new Error(listing.error.message);
    expect(listing.value.entries.map((e) => `${e.kind}:${e.name}`)).toEqual(["dir:sub", "file:mine.itasca.json"]);
  });

  it("refuses the data dir (keys, database), symlinks into it, and non-JSON files", async () => {
    writeFileSync(join(studio.home, "secrets.json"), '{"keys":{}}');
    const secrets = await studio.api("files.read", { path: join(studio.home, "secrets.json") });
    expect(secrets).toMatchObject({ ok: false, error: { code: "forbidden-path", message: expect.stringContaining("data directory") as unknown } });
    // Relative paths resolve against the cwd, which is the data dir in this test.
    expect(await studio.api("files.write", { path: "studio-state.json", text: "{}" })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
    symlinkSync(join(studio.home, "secrets.json"), join(work, "link.json"));
    expect(await studio.api("files.read", { path: join(work, "link.json") })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
    expect(await studio.api("files.read", { path: "/etc/passwd" })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
    expect(await studio.api("files.list", { dir: studio.home })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
  });

  it("reports a missing file or folder as not-found", async () => {
    expect(await studio.api("files.read", { path: join(work, "absent.itasca.json") })).toMatchObject({ ok: false, error: { code: "not-found" } });
    expect(await studio.api("files.write", { path: join(work, "no-such-dir", "a.itasca.json"), text: "{}" })).toMatchObject({ ok: false, error: { code: "forbidden-path" } });
  });
});
