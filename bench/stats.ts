/** Order statistics for benchmark samples: nearest-rank percentiles, so every reported figure was observed. */

/**
 * The p-th percentile (0 < p ≤ 100) by the nearest-rank method: the smallest sample such that at least
 * p % of the samples are ≤ it. With n samples, p99 is the largest one when n < 100. NaN when empty.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** A short description of a sample set, for the log lines printed while the bench runs. */
export interface Summary {
  n: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  const mean = n === 0 ? Number.NaN : samples.reduce((s, x) => s + x, 0) / n;
  return {
    n,
    min: n === 0 ? Number.NaN : Math.min(...samples),
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: n === 0 ? Number.NaN : Math.max(...samples),
    mean,
  };
}

/** `n=120 min 0.41 p50 0.62 p99 1.80 max 2.10 ms`, for progress lines. */
export function formatSummary(s: Summary, unit = 'ms'): string {
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '–');
  return `n=${s.n} min ${f(s.min)} p50 ${f(s.p50)} p99 ${f(s.p99)} max ${f(s.max)} mean ${f(s.mean)} ${unit}`;
}
