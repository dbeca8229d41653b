/**
 * Rate-limited warnings: a renderer sending bad velocities at 60 Hz (a bug, or a compromised page) must not
 * flood the log, but the first of each kind must be seen.
 */
import type { Logger } from '../core/logger';

/** Logs at most one warning per `key` every `intervalMs` (ms), counting the ones it dropped. */
export function createThrottledWarn(
  log: Logger,
  intervalMs = 5_000,
  now: () => number = Date.now,
): (key: string, message: string) => void {
  const last = new Map<string, { at: number; dropped: number }>();
  return (key, message) => {
    const t = now();
    const seen = last.get(key);
    if (seen && t - seen.at < intervalMs) {
      seen.dropped++;
      return;
    }
    const dropped = seen?.dropped ?? 0;
    last.set(key, { at: t, dropped: 0 });
    log.warn(dropped > 0 ? `${message} (${dropped} similar suppressed)` : message);
  };
}
