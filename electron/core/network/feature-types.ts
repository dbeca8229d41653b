/**
 * How the network features (interfaces and device address checks, discovery, the repair wizard) plug into
 * the core: each is a contract service with one state event whose listener gets the current value first.
 */
import type { CallerContext } from '../../../shared/ipc/contract-types';

/** A service of the contract plus its state stream. */
export interface StatefulService<H, S> {
  /** The contract handlers (caller context first). */
  readonly handlers: H;
  /** Calls `listener` with the current state now, then on every change. Returns an unsubscribe function. */
  subscribe(listener: (state: S) => void): () => void;
  /** Current state. */
  current(): S;
  /** Cancels work in flight and releases sockets and timers. */
  close(): Promise<void>;
}

export type { CallerContext };
