/** Waiting helpers for the bench. All times are `performance.now()` milliseconds, the simulator's clock too. */

export const now = (): number => performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

/**
 * Polls `probe` every `everyMs` until it returns something other than undefined, or `timeoutMs` passes
 * (then undefined). Polling only paces the bench: every latency is computed from timestamps the
 * simulator and the bench took, never from when a poll noticed something.
 */
export async function poll<T>(probe: () => T | undefined, timeoutMs: number, everyMs = 2): Promise<T | undefined> {
  const deadline = now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (now() >= deadline) return undefined;
    await sleep(everyMs);
  }
}

/**
 * Calls `tick(k, t)` at `hz` for `durationMs`, on the ideal schedule start + k/hz, so the average rate
 * holds even when a timer fires late (a late tick runs at once, after yielding to pending I/O, like an
 * input event that waited in the queue). `t` is `performance.now()` just before the call. Resolves with
 * the number of ticks run.
 */
export async function runAt(hz: number, durationMs: number, tick: (k: number, t: number) => void): Promise<number> {
  const period = 1000 / hz;
  const start = now();
  const count = Math.floor(durationMs / period);
  for (let k = 0; k < count; k++) {
    const due = start + k * period;
    const wait = due - now();
    if (wait > 0.5) await sleep(wait);
    else await new Promise<void>((resolve) => setImmediate(resolve));
    tick(k, now());
  }
  return count;
}
