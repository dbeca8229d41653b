/** Runs async jobs with at most `concurrency` in flight, and stops taking new ones once aborted. */

/**
 * Calls `job(item)` for every item, at most `concurrency` at a time; resolves when all started jobs have
 * settled. After `signal` aborts, no new job starts. A job that throws does not stop the others (its
 * error is passed to `onError`, default: ignored — a probe that fails is a host that did not answer).
 */
export async function runPool<T>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  job: (item: T) => Promise<void>,
  options: { signal?: AbortSignal; onError?: (e: unknown, item: T) => void } = {},
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const iterator =
    Symbol.asyncIterator in (items as object)
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
  // One shared iterator: each worker pulls the next item when it is free.
  const worker = async () => {
    for (;;) {
      if (options.signal?.aborted) return;
      const next = await iterator.next();
      if (next.done || options.signal?.aborted) return;
      try {
        await job(next.value);
      } catch (e) {
        options.onError?.(e, next.value);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** A FIFO that workers pull from until `end()` and empty. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<(r: IteratorResult<T>) => void> = [];
  private ended = false;
  push(item: T): void {
    const w = this.waiting.shift();
    if (w) w({ value: item, done: false });
    else this.items.push(item);
  }
  end(): void {
    this.ended = true;
    for (const w of this.waiting.splice(0)) w({ value: undefined, done: true });
  }
  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiting.push(resolve));
      },
    };
  }
}
