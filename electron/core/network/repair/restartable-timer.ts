/**
 * A one-shot timer that can be restarted and stopped, where a firing that a restart or stop overtook
 * does nothing (the manual mode's safety timer for the temporary address).
 */
export class RestartableTimer {
  private handle: { cancel(): void } | null = null;
  /** Bumped on every start and stop: a callback from an older start sees a different number. */
  private generation = 0;

  constructor(private readonly setTimer: (ms: number, fire: () => void) => { cancel(): void }) {}

  /** (Re)starts: `fire` runs once after `ms` unless started again or stopped first. */
  start(ms: number, fire: () => void): void {
    this.handle?.cancel();
    const generation = ++this.generation;
    this.handle = this.setTimer(ms, () => {
      if (generation !== this.generation) return;
      this.handle = null;
      fire();
    });
  }

  /** Stops it; a callback already queued does nothing. */
  stop(): void {
    this.generation++;
    this.handle?.cancel();
    this.handle = null;
  }

  /** A token for the current start, to re-check after waiting (see `isCurrent`). */
  get token(): number {
    return this.generation;
  }

  isCurrent(token: number): boolean {
    return token === this.generation;
  }
}
