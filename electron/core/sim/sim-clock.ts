/** Time for the simulator: an injectable clock, so servers and engines run under fake timers in tests. */
import type { Clock } from '../devices/clock';

export type { Clock } from '../devices/clock';

/**
 * A clock reading `now` (default performance.now, the camera model's default) with the global timers.
 * Timers are looked up at call time, so fake timers installed after construction still apply, and are
 * unref'd: a pending cycle never keeps a test or CLI process alive on its own.
 */
export function simClock(now: () => number = () => performance.now()): Clock {
  return {
    now,
    setTimeout: (fn, ms) => {
      const t = setTimeout(fn, ms);
      t.unref?.();
      return t;
    },
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
}
