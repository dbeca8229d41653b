/** Delay before reloading a crashed renderer: doubles with each crash in a row, resets once stable. */
export interface ReloadBackoff {
  /** Records a crash now and returns how long to wait before reloading (ms). */
  next(): number;
}

export interface ReloadBackoffOptions {
  /** First delay (ms). */
  readonly baseMs?: number;
  /** Longest delay (ms). */
  readonly maxMs?: number;
  /** A crash this long (ms) after the previous one starts the sequence again. */
  readonly resetAfterMs?: number;
  readonly now?: () => number;
}

export function createReloadBackoff(options: ReloadBackoffOptions = {}): ReloadBackoff {
  const { baseMs = 500, maxMs = 30_000, resetAfterMs = 60_000, now = Date.now } = options;
  let crashes = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  return {
    next() {
      const t = now();
      if (t - lastAt > resetAfterMs) crashes = 0;
      lastAt = t;
      const delay = Math.min(maxMs, baseMs * 2 ** crashes);
      crashes++;
      return delay;
    },
  };
}
