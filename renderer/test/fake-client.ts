/**
 * A `PtzClient` for component tests, derived from `PTZ_MANIFEST`: every contract method is a `vi.fn`
 * (invoke methods resolve with a configurable result), and `emit` pushes events to the listeners the
 * app registered. A method added to the contract appears here without touching this file.
 */
import { vi, type Mock } from 'vitest';
import type { z } from 'zod';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import type { PtzApi, PtzContract, PtzEventName, PtzEventPayload } from '../../shared/ipc/contract';
import type { InvokeMethod } from '../../shared/ipc/contract-types';
import type { ConnectionState, PtzClient } from '../src/ipc/ptz-client';

type Services = PtzContract['services'];
type ServiceName = keyof Services;

type ResultOf<S extends ServiceName, M extends keyof Services[S]> =
  Services[S][M] extends InvokeMethod<z.ZodType, infer R> ? z.output<R> : never;

/** What each invoke method resolves with, e.g. `{ motion: { stopAll: { devices: 2 } } }`. */
export type FakeResults = { [S in ServiceName]?: { [M in keyof Services[S]]?: ResultOf<S, M> } };

type AnyFn = (...args: never[]) => unknown;
/** The contract API with every method a vitest mock, so tests can assert and re-program calls. */
export type MockedApi = {
  [S in ServiceName]: { [M in keyof PtzApi[S]]: PtzApi[S][M] extends AnyFn ? Mock<PtzApi[S][M]> : never };
};

export type FakeClient = MockedApi &
  Omit<PtzClient, ServiceName> & {
    /** Delivers an event to every listener registered through `on<Event>`. */
    emit<E extends PtzEventName>(event: E, payload: PtzEventPayload<E>): void;
    /** How many listeners the app holds for an event. */
    listenerCount(event: PtzEventName): number;
    /** Changes the connection state and notifies `onConnectionChanged` listeners. */
    setConnectionState(state: ConnectionState): void;
  };

/** Results for invoke methods whose void/undefined default would break callers. */
const DEFAULT_RESULTS: FakeResults = {
  devices: { list: [] },
  motion: { stopAll: { devices: 0 } },
  app: { info: { version: '0.0.0-test', platform: 'test', demo: true, deadManMs: 500 } },
};

export function createFakeClient(options: { results?: FakeResults; connection?: ConnectionState } = {}): FakeClient {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  let connection: ConnectionState = options.connection ?? 'open';

  const resultFor = (service: string, method: string): unknown => {
    const pick = (r: FakeResults | undefined): Record<string, unknown> | undefined =>
      (r as Record<string, Record<string, unknown> | undefined> | undefined)?.[service];
    const configured = pick(options.results);
    if (configured && Object.hasOwn(configured, method)) return configured[method];
    return pick(DEFAULT_RESULTS)?.[method];
  };

  const client: Record<string, unknown> = {};
  for (const entry of PTZ_MANIFEST.methods) {
    const service = (client[entry.service] ??= {}) as Record<string, unknown>;
    service[entry.method] =
      entry.kind === 'invoke' ? vi.fn(() => Promise.resolve(resultFor(entry.service, entry.method))) : vi.fn();
  }
  for (const entry of PTZ_MANIFEST.events) {
    client[entry.listener] = vi.fn((listener: (payload: unknown) => void) => {
      let set = listeners.get(entry.event);
      if (!set) listeners.set(entry.event, (set = new Set()));
      set.add(listener);
      return () => void set.delete(listener);
    });
  }

  const extras: Omit<FakeClient, ServiceName | `on${Capitalize<PtzEventName>}`> = {
    getConnectionState: () => connection,
    onConnectionChanged(listener) {
      connectionListeners.add(listener);
      return () => void connectionListeners.delete(listener);
    },
    dispose: vi.fn(),
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    setConnectionState(state) {
      connection = state;
      for (const listener of [...connectionListeners]) listener(state);
    },
  };
  return Object.assign(client, extras) as unknown as FakeClient;
}
