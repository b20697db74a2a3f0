/**
 * Ctrl-C and SIGTERM for the long-running commands (studio, serve): a promise that resolves
 * when the process is asked to stop, so a server can close cleanly instead of dying mid-write.
 */

/** `stopped` resolves with the signal's name when the process is asked to stop. */
export interface StopSignal {
  stopped: Promise<string>;
  dispose(): void;
}

/**
 * Our listeners stay until shutdown is over: a dependency's signal-exit hook re-raises the
 * signal (killing the process mid-close) as soon as it sees itself as the only listener.
 * A second signal during shutdown exits at once.
 */
export function processStop(): StopSignal {
  let resolveStop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (resolveStop = resolve));
  let received = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) process.exit(130);
    received = true;
    resolveStop(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    stopped,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

/** Runs `body` with the signal's promise and removes the signal's listeners afterwards, however it ends. */
export async function untilStopped(stop: StopSignal, body: (stopped: Promise<string>) => Promise<number>): Promise<number> {
  try {
    return await body(stop.stopped);
  } finally {
    stop.dispose();
  }
}
