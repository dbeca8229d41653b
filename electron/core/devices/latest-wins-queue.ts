/**
 * A pending-work table where each key holds at most one job: putting a job under a key replaces the one
 * waiting there (latest value wins), so a burst of joystick updates never becomes a backlog. Jobs come
 * out by priority (lower number first), then by the order their key was first queued.
 */
export interface QueuedJob {
  /** Coalescing key, e.g. `motion:pan-tilt`, `inquiry:zoom-position`. */
  readonly key: string;
  /** 0 = most urgent (stops). */
  readonly priority: number;
}

export class LatestWinsQueue<J extends QueuedJob> {
  private readonly jobs = new Map<string, { job: J; order: number }>();
  private order = 0;

  /**
   * Queues `job`, replacing any job waiting under the same key (the newcomer keeps that place in line).
   * Returns the replaced job so its caller can be told it was superseded.
   */
  put(job: J): J | undefined {
    const existing = this.jobs.get(job.key);
    this.jobs.set(job.key, { job, order: existing ? existing.order : this.order++ });
    return existing?.job;
  }

  /** Drops the job waiting under `key`, if any. */
  remove(key: string): void {
    this.jobs.delete(key);
  }

  /** Drops every waiting job that matches and returns them. */
  removeWhere(predicate: (job: J) => boolean): J[] {
    const removed: J[] = [];
    for (const [key, { job }] of this.jobs) {
      if (!predicate(job)) continue;
      this.jobs.delete(key);
      removed.push(job);
    }
    return removed;
  }

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  /** True when a waiting job matches. */
  some(predicate: (job: J) => boolean): boolean {
    for (const { job } of this.jobs.values()) if (predicate(job)) return true;
    return false;
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Removes and returns the most urgent job that `eligible` accepts. */
  take(eligible: (job: J) => boolean = () => true): J | undefined {
    let best: { job: J; order: number } | undefined;
    for (const entry of this.jobs.values()) {
      if (!eligible(entry.job)) continue;
      if (
        !best ||
        entry.job.priority < best.job.priority ||
        (entry.job.priority === best.job.priority && entry.order < best.order)
      ) {
        best = entry;
      }
    }
    if (best) this.jobs.delete(best.job.key);
    return best?.job;
  }

  clear(): void {
    this.jobs.clear();
  }
}
