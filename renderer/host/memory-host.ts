/**
 * The in-memory host: no engine, no files, no network. It serves the built-in model ids and the
 * sample architecture, which is enough to design (and for the canvas tests); runs and files
 * answer `unsupported`, since they need a real host (Electron or the web-studio server).
 */
import sampleRankFuse from "../../presets/architectures/sample-rank-fuse.itasca.json";
import { err, type Result } from "../../core/api/result";
import type { Host, HostDocument, HostModel } from "./host";

/**
 * The built-in registry entries (core/providers/models.ts BUILTIN_MODELS), restated because
 * the renderer may not import the Node-side providers.
 */
export const BUILTIN_HOST_MODELS: readonly HostModel[] = [
  { id: "local/stories260k", provider: "llama-cpp", priceInPerMTok: 0, priceOutPerMTok: 0 },
  { id: "replay/gpt-4-game24-cot", provider: "replay", priceInPerMTok: 0, priceOutPerMTok: 0 },
  { id: "replay/gsm8k-6b-finetuning", provider: "replay", priceInPerMTok: 0, priceOutPerMTok: 0 },
  { id: "replay/gsm8k-6b-verification", provider: "replay", priceInPerMTok: 0, priceOutPerMTok: 0 },
  { id: "replay/gsm8k-175b-finetuning", provider: "replay", priceInPerMTok: 0, priceOutPerMTok: 0 },
  { id: "replay/gsm8k-175b-verification", provider: "replay", priceInPerMTok: 0, priceOutPerMTok: 0 },
];

export interface MemoryHostOptions {
  /** The model registry to serve. @default BUILTIN_HOST_MODELS */
  models?: readonly HostModel[];
  /** The document opened at start. @default presets/architectures/sample-rank-fuse.itasca.json */
  document?: HostDocument;
}

const unsupported = async <T>(): Promise<Result<T>> => err("unsupported", "this designer has no host to run or store files (start it with `itasca studio` or the desktop app)");

export function createMemoryHost(options: MemoryHostOptions = {}): Host {
  const models = options.models ?? BUILTIN_HOST_MODELS;
  const document = options.document ?? { fileName: "sample-rank-fuse.itasca.json", text: `${JSON.stringify(sampleRankFuse, null, 2)}\n` };
  return {
    kind: "memory",
    listModels: async () => models,
    openStartDocument: async () => document,
    startRun: unsupported,
    cancelRun: unsupported,
    listRuns: unsupported,
    getRun: unsupported,
    onRunEvent: () => () => undefined,
    // Nothing to reach, so nothing is unreachable: no banner on the dev server.
    onReachable: (listener) => {
      listener(true);
      return () => undefined;
    },
    templates: unsupported,
    readFile: unsupported,
    writeFile: unsupported,
    recentFiles: unsupported,
    listDir: unsupported,
    onMenu: () => () => undefined,
    hostInfo: unsupported,
    openDialog: unsupported,
    saveDialog: unsupported,
    modelInfos: unsupported,
    saveModel: unsupported,
    removeModel: unsupported,
    testModel: unsupported,
    discoverModels: unsupported,
    listKeys: unsupported,
    setKey: unsupported,
    deleteKey: unsupported,
  };
}
