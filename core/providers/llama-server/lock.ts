/**
 * A lock file so that two processes (two test files, a test run and `npm run llama-server`)
 * never build into the same directory at once. The file holds the owner's pid; a lock whose
 * owner is gone is stale and taken over, so a killed build never blocks the next one.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

export interface LockOptions {
  /** Give up waiting for another process's lock after this long. @default 1_800_000 (30 min: a full build on a slow machine) */
  timeoutMs?: number;
  /** How often to check whether the other process is done. @default 1000 */
  pollMs?: number;
  /** Called once when the lock is held by someone else and this process starts waiting. */
  onWait?: (ownerPid: number) => void;
}

function ownerOf(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

/** Takes the lock, waiting for a live owner to finish; resolves to the release function. */
export async function acquireLock(path: string, options: LockOptions = {}): Promise<() => void> {
  const timeoutMs = options.timeoutMs ?? 1_800_000;
  const pollMs = options.pollMs ?? 1000;
  const deadline = Date.now() + timeoutMs;
  let announced = false;
  let unreadable = 0;
  for (;;) {
    if (tryCreate(path)) return () => rmSync(path, { force: true });
    const owner = ownerOf(path);
    // An empty file is normally a lock being written right now; only one that stays empty is stale.
    if (owner === undefined && unreadable++ < 3) {
      await sleep(50);
      continue;
    }
    if (owner === undefined || !alive(owner)) {
      // The owner died without releasing it (a killed build): take it over.
      rmSync(path, { force: true });
      continue;
    }
    if (!announced) options.onWait?.(owner);
    announced = true;
    if (Date.now() >= deadline) throw new Error(`lock ${path} still held by process ${owner} after ${timeoutMs} ms; if no build is running, delete the file`);
    await sleep(pollMs);
  }
}
