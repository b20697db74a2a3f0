/**
 * Runs one build command, handing each output line to a callback and keeping the last lines
 * so a failure can say what went wrong without replaying thousands of compiler lines.
 */
import { spawn } from "node:child_process";
import { OutputTail } from "./output-tail";

export interface RunCommandOptions {
  cwd?: string;
  /** Receives every complete line of stdout and stderr. */
  onLine?: (line: string) => void;
}

export function runCommand(command: string, args: readonly string[], options: RunCommandOptions = {}): Promise<void> {
  // One tail per stream: chunks of the two streams interleave mid-line.
  const out = new OutputTail(30);
  const err = new OutputTail(30);
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk).forEach((line) => options.onLine?.(line)));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk).forEach((line) => options.onLine?.(line)));
    child.on("error", (error) => reject(new Error(`cannot run ${command}: ${error.message}`)));
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      reject(new Error(`${command} ${args.join(" ")} ${how}; last output:\n${[out.text(), err.text()].filter(Boolean).join("\n")}`));
    });
  });
}
