// The background jobs' timer (the journal's closing check, the low-stock digest, the retention job, the expiry of
// unpaid online orders): a check every few minutes, never two at a time in one process (a slow check is not
// stacked), a failure handed to the job's own logging and tried again at the next tick. Timers never keep the
// process alive: a graceful shutdown is not held up by them.

export interface PeriodicOptions {
  /** Milliseconds between checks. */
  everyMs: number;
  /** Milliseconds before the first check: 0 checks at once; without it, the first check is after `everyMs`. */
  firstMs?: number;
  /** Called with a check's error (the job logs it without personal data); the next tick tries again. */
  onError(error: Error): void;
}

/** Starts the checks; returns the stop (a check under way finishes on its own). */
export function startPeriodic(check: () => Promise<unknown>, options: PeriodicOptions): () => void {
  const { everyMs, firstMs, onError } = options;
  let running: Promise<void> | undefined;
  const tick = () => {
    running ??= check()
      .then(() => undefined)
      .catch((error: Error) => onError(error))
      .finally(() => (running = undefined));
  };
  let first: NodeJS.Timeout | undefined;
  if (firstMs === 0) tick();
  else if (firstMs !== undefined) {
    first = setTimeout(tick, firstMs);
    first.unref();
  }
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
