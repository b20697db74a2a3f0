/**
 * Leading-and-trailing throttle: the first value goes out at once, then at most one every
 * `intervalMs`, and the last value is never dropped (flush() sends it straight away).
 */
export interface Throttled<T> {
  push(value: T): void;
  /** Sends a pending value now and stops the timer. */
  flush(): void;
}

export function throttle<T>(intervalMs: number, send: (value: T) => void): Throttled<T> {
  let lastSent = -Infinity;
  let pending: { value: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sendPending = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    lastSent = Date.now();
    send(value);
  };

  return {
    push(value) {
      pending = { value };
      const wait = lastSent + intervalMs - Date.now();
      if (wait <= 0) sendPending();
      else timer ??= setTimeout(sendPending, wait);
    },
    flush() {
      if (timer) clearTimeout(timer);
      sendPending();
    },
  };
}
