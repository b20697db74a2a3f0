/**
 * A skipped suite says why: `describe.skipIf(skipNotice(condition, suite, reason))` prints one
 * line to stderr when the condition holds (once per suite and reason, however often a file asks)
 * and returns the condition, so a machine without Chromium, a run with
 * ITASCA_SKIP_LLAMA_SERVER=1 or a checkout without ../shared never passes silently.
 */
const announced = new Set<string>();

/**
 * @param skip whether the suite is skipped
 * @param suite the suite's (or test's) name, as vitest shows it
 * @param reason why, and what would run it
 * @returns `skip`
 */
export function skipNotice(skip: boolean, suite: string, reason: string): boolean {
  const line = `skipped "${suite}": ${reason}`;
  if (skip && !announced.has(line)) {
    announced.add(line);
    console.warn(line);
  }
  return skip;
}
