/**
 * What the bridges (Electron IPC, web host) need from the core. The core is plain Node and never imports
 * 'electron'; the bridges adapt their transport to this interface.
 */
import type { CallerContext } from '../../shared/ipc/contract-types';
import type { PtzEventName, PtzEventPayload } from '../../shared/ipc/contract';
import type { StopReason } from '../../shared/model/motion';
import type { Dispatcher } from './ipc/dispatch';
import type { Logger } from './logger';

export interface PtzCore {
  /** Parses and routes calls from the contract. */
  readonly dispatcher: Dispatcher;
  readonly log: Logger;
  /**
   * Subscribes to an event. Where the event is a snapshot+delta stream the listener gets `init` first,
   * synchronously, then every delta. Returns an unsubscribe function.
   */
  subscribe<E extends PtzEventName>(event: E, listener: (payload: PtzEventPayload<E>) => void): () => void;
  /**
   * A renderer connection stopped being able to hold a control (closed, crashed, reloaded, hidden, blurred):
   * every device it was driving is stopped now, without waiting for the dead-man watchdog.
   */
  releaseClient(ctx: CallerContext, reason: StopReason): void;
  /** Stops every device, closes every link and the simulator. Idempotent. */
  shutdown(): Promise<void>;
}
