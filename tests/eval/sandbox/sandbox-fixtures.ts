/** Shared pieces of the sandbox tests: the adversarial programs and what "contained" means. */
import { expect } from "vitest";
import type { SandboxLanguage, SandboxResult } from "../../../core/eval/sandbox";
import { readFixture } from "../../helpers/fixtures";

/** An adversarial program of tests/fixtures/sandbox/<language>/. */
export function program(language: SandboxLanguage, name: string): string {
  return readFixture(`sandbox/${language}/${name}`);
}

/**
 * The attempt lines of a probing program ("<attempt>: denied ..." or "<attempt>: LEAK ...");
 * asserts it ran to its end and that every attempt was denied.
 */
export function expectAllDenied(result: SandboxResult, attempts: string[]): void {
  expect(result.status, result.stderr).toBe("ok");
  const lines = result.stdout.split("\n");
  expect(lines, result.stdout).toContain("done");
  for (const attempt of attempts) {
    const line = lines.find((l) => l.startsWith(`${attempt}: `));
    expect(line, `attempt "${attempt}" missing from:\n${result.stdout}`).toBeDefined();
    expect(line!.slice(attempt.length + 2), line).toMatch(/^denied/);
  }
  expect(result.stdout).not.toContain("LEAK");
}
