/**
 * The tools a llama-server build needs, checked up front so a missing one is named with the
 * command that installs it, instead of surfacing as a cmake error 3 minutes in.
 */
import { spawnSync } from "node:child_process";

interface Tool {
  /** What the user is told is missing. */
  name: string;
  /** Executables that satisfy it; the first that runs wins. */
  candidates: string[];
  apt: string;
  brew: string;
}

const TOOLS: readonly Tool[] = [
  { name: "git", candidates: ["git"], apt: "git", brew: "git" },
  { name: "cmake", candidates: ["cmake"], apt: "cmake", brew: "cmake" },
  { name: "ninja", candidates: ["ninja", "ninja-build"], apt: "ninja-build", brew: "ninja" },
  { name: "a C++ compiler", candidates: ["c++", "g++", "clang++"], apt: "g++", brew: "llvm" },
];

function runs(command: string): boolean {
  const result = spawnSync(command, ["--version"], { stdio: "ignore", timeout: 10_000 });
  return result.status === 0;
}

/** The tools not found on PATH (empty when the build can go ahead). */
export function missingTools(): Tool[] {
  return TOOLS.filter((tool) => !tool.candidates.some(runs));
}

export function missingToolsMessage(missing: readonly Tool[]): string {
  const names = missing.map((t) => t.name).join(", ");
  const apt = missing.map((t) => t.apt).join(" ");
  const brew = missing.filter((t) => t.brew !== "llvm").map((t) => t.brew).join(" ");
  const mac = brew ? `brew install ${brew}` : "";
  const compilerHint = missing.some((t) => t.apt === "g++") ? " (on macOS: xcode-select --install for the compiler)" : "";
  return (
    `cannot build llama-server: ${names} not found on PATH. ` +
    `Install with: sudo apt-get update && sudo apt-get install -y ${apt}` +
    (mac ? `; on macOS: ${mac}` : "") +
    compilerHint +
    `. Or point ITASCA_LLAMA_SERVER_BIN at an existing llama-server binary.`
  );
}
