/**
 * Before a search or sweep spends: the worst case is printed, and when a person is at the
 * terminal and it exceeds the threshold, they are asked. Off a terminal (scripts, CI) the
 * command proceeds after printing the estimate; `--yes` skips the question.
 */
import { createInterface } from "node:readline/promises";
import type { CliIo } from "./io";

/** @default $1 */
export const DEFAULT_CONFIRM_OVER_USD = 1;

export type Ask = (question: string) => Promise<string>;

async function askOnTerminal(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

/** Prints the estimate line; resolves whether to go on. */
export async function confirmSpend(io: CliIo, options: { line: string; worstCaseUsd: number; overUsd: number; yes: boolean; ask?: Ask }): Promise<boolean> {
  io.stderr(`itasca: ${options.line}\n`);
  if (options.yes || !io.stdinIsTty || !(options.worstCaseUsd > options.overUsd)) return true;
  const answer = await (options.ask ?? askOnTerminal)(`This may spend up to $${options.worstCaseUsd.toFixed(2)} (over the $${options.overUsd} threshold of --confirm-over-usd). Start? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}
