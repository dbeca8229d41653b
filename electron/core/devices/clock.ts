/** Time and timers, injectable so timing-sensitive device logic is tested with fake timers. */
export interface Clock {
  /** Monotonic-enough milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  // Date.now (not performance.now) so vitest's fake timers control it too.
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending retry or poll must never keep a CLI or test process alive on its own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
