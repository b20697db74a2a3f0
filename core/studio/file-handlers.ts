/**
 * `files.*`: the template gallery (presets/architectures), open, save, recent files, and a
 * folder listing that stands in for native dialogs in the web studio.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { err, type HostHandlers } from "../api/contract";
import type { DirectoryListing, TemplateInfo } from "../api/outputs";
import { installRoot } from "../paths/install-root";
import type { StudioContext } from "./context";
import { guarded, HostError } from "./errors";
import { MAX_FILE_BYTES } from "./path-policy";

type FileChannels = "files.templates" | "files.read" | "files.write" | "files.recent" | "files.list" | "dialog.open" | "dialog.save";

/** The service has no window to put a dialog on: Electron's main process answers these channels itself. */
const NO_DIALOGS = async () => err("unsupported", "this host has no native dialogs; browse with files.list");

export const TEMPLATES_DIR = "presets/architectures";

export function fileHandlers(ctx: StudioContext): Pick<HostHandlers, FileChannels> {
  return {
    "files.templates": () => guarded(() => readTemplates(join(installRoot(), TEMPLATES_DIR))),

    "files.read": (args) =>
      guarded(() => {
        const path = ctx.paths.forRead(args.path);
        if (!existsSync(path)) throw new HostError("not-found", `${path} does not exist`);
        const stat = statSync(path);
        if (!stat.isFile()) throw new HostError("io-error", `${path} is not a file`);
        if (stat.size > MAX_FILE_BYTES) throw new HostError("io-error", `${path} is ${stat.size} bytes; architecture files over ${MAX_FILE_BYTES} bytes are refused`);
        const text = readFileSync(path, "utf8");
        ctx.state.touch(path);
        return { path, text };
      }),

    "files.write": (args) =>
      guarded(() => {
        const path = ctx.paths.forWrite(args.path);
        writeFileSync(path, args.text);
        ctx.state.touch(path);
        return { path };
      }),

    // Files deleted or moved since are left out rather than offered and then failing.
    "files.recent": () => guarded(() => ctx.state.recent().filter((r) => existsSync(r.path))),

    "files.list": (args) => guarded(() => listDirectory(ctx.paths.forList(args?.dir))),
    "dialog.open": NO_DIALOGS,
    "dialog.save": NO_DIALOGS,
  };
}

function readTemplates(dir: string): TemplateInfo[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".itasca.json"))
    .sort()
    .map((id) => {
      const text = readFileSync(join(dir, id), "utf8");
      const doc = JSON.parse(text) as { name?: unknown; description?: unknown };
      return {
        id,
        name: typeof doc.name === "string" ? doc.name : id.replace(/\.itasca\.json$/, ""),
        description: typeof doc.description === "string" ? doc.description : "",
        text,
      };
    });
}

/** What a listing shows besides folders: architectures (.json) and dataset files for the Evaluate tab (the page filters). */
const LISTED_EXTENSIONS = [".json", ".jsonl", ".csv"];

/** Folders and .json, .jsonl and .csv files, folders first; hidden entries are left out. */
function listDirectory(dir: string): DirectoryListing {
  if (!existsSync(dir)) throw new HostError("not-found", `${dir} does not exist`);
  if (!statSync(dir).isDirectory()) throw new HostError("io-error", `${dir} is not a folder`);
  const entries = readdirSync(dir, { withFileTypes: true })
    .filter((e) => !e.name.startsWith("."))
    .flatMap((e): DirectoryListing["entries"] => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return [{ name: e.name, path, kind: "dir" }];
      if (e.isFile() && LISTED_EXTENSIONS.some((ext) => e.name.toLowerCase().endsWith(ext))) return [{ name: e.name, path, kind: "file" }];
      return [];
    })
    .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === "dir" ? -1 : 1));
  const parent = dirname(dir);
  return { dir, ...(parent === dir ? {} : { parent }), entries };
}
