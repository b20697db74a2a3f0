#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so a clone works with no build step.
import { register } from "tsx/esm/api";

register();
// `itasca nodes | head` closes the pipe early: that is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { main } = await import("../core/cli/main.ts");
try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`itasca: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 70;
}
