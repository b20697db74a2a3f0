/**
 * Output streams for commands, injectable so tests capture them without spawning a process.
 */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (live status table) or a pipe (one line per event). */
  stderrIsTty: boolean;
  /** Whether a person can answer questions (interactive prompts are skipped otherwise). */
  stdinIsTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: process.stderr.isTTY === true,
    stdinIsTty: process.stdin.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
