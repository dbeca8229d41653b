/**
 * A PtzCore for bridge tests: the real dispatcher (so the contract's parsing is what is tested) over spy
 * handlers, and a tiny event hub with the core's snapshot-first semantics. Shared by the Electron bridge
 * and web-host tests, which may not import each other.
 */
import { vi, type Mock } from 'vitest';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import { ptzContract, type PtzEventName, type PtzEventPayload, type PtzHandlers } from '../../shared/ipc/contract';
import type { CallerContext } from '../../shared/ipc/contract-types';
import { NO_CAPABILITIES, type DeviceState } from '../../shared/model/device-status';
import type { StopReason } from '../../shared/model/motion';
import type { PtzCore } from '../core/core-api';
import { createDispatcher } from '../core/ipc/dispatch';
import { silentLogger, type Logger } from '../core/logger';

type SpyHandlers = { [S in keyof PtzHandlers]: { [M in keyof PtzHandlers[S]]: Mock } };

export interface FakeCore extends PtzCore {
  /** The spies behind the dispatcher: assert what reached the core, and with which caller context. */
  readonly handlers: SpyHandlers;
  readonly releaseClient: Mock<(ctx: CallerContext, reason: StopReason) => void>;
  readonly shutdown: Mock<() => Promise<void>>;
  /** Publishes a delta to every current subscriber of `event`. */
  emit<E extends PtzEventName>(event: E, payload: PtzEventPayload<E>): void;
  /** How many listeners `event` has now (to prove unsubscription). */
  listenerCount(event: PtzEventName): number;
}

/** A valid DeviceState (it passes the contract's result schema). */
export function sampleDevice(id = 'cam-1'): DeviceState {
  return {
    id,
    config: { id, name: `Camera ${id}`, protocol: 'visca-ip', host: '192.0.2.10', port: 52381, enabled: true },
    status: 'online',
    statusDetail: null,
    latencyMs: 3,
    moving: false,
    lastStop: null,
    position: null,
    problem: null,
    capabilities: NO_CAPABILITIES,
    presets: [],
  };
}

export function createFakeCore(options: { devices?: DeviceState[]; log?: Logger } = {}): FakeCore {
  const devices = options.devices ?? [sampleDevice()];
  // Every method of the contract gets a spy (derived, so a new method needs no edit here); results that
  // must pass the contract's result schema get a sensible default.
  const defaults: Record<string, () => unknown> = {
    'devices.list': () => devices,
    'devices.add': () => devices[0],
    'devices.update': () => devices[0],
    'devices.setEnabled': () => devices[0],
    'motion.stopAll': () => ({ devices: devices.length }),
    'app.info': () => ({ version: 'test', platform: 'linux', demo: false, deadManMs: 500 }),
  };
  const spies: Record<string, Record<string, Mock>> = {};
  for (const { service, method } of PTZ_MANIFEST.methods) {
    (spies[service] ??= {})[method] = vi.fn(defaults[`${service}.${method}`] ?? (() => undefined));
  }
  const handlers = spies as SpyHandlers;
  const log = options.log ?? silentLogger;
  const listeners = new Map<PtzEventName, Set<(payload: never) => void>>();

  return {
    handlers,
    log,
    dispatcher: createDispatcher(ptzContract, handlers, log),
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      const l = listener as (payload: never) => void;
      set.add(l);
      // The real core's contract: the snapshot first, synchronously, inside subscribe().
      listener({ type: 'init', items: devices } as PtzEventPayload<typeof event>);
      return () => {
        set.delete(l);
      };
    },
    emit(event, payload) {
      for (const l of [...(listeners.get(event) ?? [])]) l(payload as never);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    releaseClient: vi.fn(),
    shutdown: vi.fn(() => Promise.resolve()),
  };
}
