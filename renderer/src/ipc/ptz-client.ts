/**
 * The renderer's one door to the core: the ONLY module that touches `window.ptz` (Electron preload) or a
 * WebSocket (the web host). Everything else receives a `PtzClient` and never knows which bridge it is.
 */
import { z } from 'zod';
import { PTZ_MANIFEST } from '../../../shared/ipc/channels';
import { ptzContract, type PtzApi } from '../../../shared/ipc/contract';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { ServerMessage, type ClientMessage } from '../../../shared/ipc/web-protocol';
import { wrapPreloadApi } from './preload-client';
import { readWebToken, webSocketUrl } from './web-token';

/** State of the bridge to the core. Electron's preload bridge is always `open`. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** Bridge bookkeeping on top of the contract's API. */
export interface PtzConnectionApi {
  getConnectionState(): ConnectionState;
  /** Called on every state change (not with the current state); returns an unsubscribe function. */
  onConnectionChanged(listener: (state: ConnectionState) => void): () => void;
  /** Closes the bridge for good: pending invokes reject, no reconnect. A no-op for Electron. */
  dispose(): void;
  /**
   * True while the events of one server frame are being delivered (web host batches); listeners may then
   * buffer and apply everything on `onEventBatchEnd`. Absent where events come one by one (Electron).
   */
  inEventBatch?(): boolean;
  /** Called after the last event of a batch frame was delivered; returns an unsubscribe function. */
  onEventBatchEnd?(listener: () => void): () => void;
}

/** What the app is given: the contract's API (`client.motion.stopAll()`…) plus the connection helpers. */
export type PtzClient = PtzApi & PtzConnectionApi;

declare global {
  interface Window {
    /** Exposed by the Electron preload, built from the same contract; absent in a plain browser. */
    readonly ptz?: PtzApi;
  }
}

/** The Electron preload's API when present, else a WebSocket client to the web host serving this page. */
export function createPtzClient(): PtzClient {
  if (window.ptz) return wrapPreloadApi(window.ptz);
  const token = readWebToken({
    location: window.location,
    sessionStorage: safeSessionStorage(),
    history: window.history,
  });
  return createWebSocketClient({ url: webSocketUrl(window.location, token) });
}

function safeSessionStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // Access can throw when storage is disabled.
  }
}

/** The subset of the browser WebSocket the client uses, so tests can pass a fake. */
export interface WebSocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
}

export interface WebSocketClientOptions {
  /** `ws://127.0.0.1:port/ws?token=…` */
  readonly url: string;
  /** Opens a socket; defaults to the browser's `WebSocket`. */
  readonly openSocket?: (url: string) => WebSocketLike;
  /** An invoke without a reply within this many ms rejects with `timeout`. Default 10 000 ms. */
  readonly invokeTimeoutMs?: number;
  readonly log?: Pick<Console, 'warn'>;
}

/** First reconnect delay (ms); doubles after each failed attempt. */
export const RECONNECT_MIN_MS = 250;
/** Longest reconnect delay (ms). */
export const RECONNECT_MAX_MS = 5000;
const DEFAULT_INVOKE_TIMEOUT_MS = 10_000;

/**
 * Calls that take long by design get their own minimum, so the page never reports a timeout while the core
 * is still working: re-teaching drives the head to every preset in turn; the repair wizard's steps wait for
 * ARP probes (3 s each), a password prompt and a camera that takes up to 30 s to apply an address.
 */
const LONG_CALL_MS: Readonly<Record<string, number>> = {
  'presets.reteach': 600_000,
  'repair.start': 120_000,
  'repair.editPlan': 60_000,
  'repair.proceed': 120_000,
  'repair.cancel': 120_000,
  'network.refresh': 60_000,
};

/**
 * A plain union of `ServerMessage`'s members. The shared schema is a discriminated union with two
 * `result` members (ok / error), which zod 4 refuses at parse time ("Duplicate discriminator value"); a
 * plain union of the same members accepts exactly the same messages.
 */
const ServerMessageUnion = z.union(ServerMessage.options);

/**
 * JSON cannot carry `undefined`, so the result of a void method arrives without `value`; the schema wants
 * the key present. Put it back before validating.
 */
function normaliseVoidResult(json: unknown): unknown {
  if (typeof json === 'object' && json !== null && !Array.isArray(json)) {
    const o = json as Record<string, unknown>;
    if (o.kind === 'result' && o.ok === true && !Object.hasOwn(o, 'value')) return { ...o, value: undefined };
  }
  return json;
}

/** The payload schema of each contract event, looked up by own property only. */
function eventSchema(event: string): z.ZodType | undefined {
  const events: Readonly<Record<string, z.ZodType>> = ptzContract.events;
  return Object.hasOwn(events, event) ? events[event] : undefined;
}

interface PendingInvoke {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: IpcError) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

type Listener = (payload: unknown) => void;

/**
 * A `PtzClient` over the web host's WebSocket, derived from `PTZ_MANIFEST`: every contract method and
 * event exists without being listed here. Reconnects with backoff (250 ms doubling to 5 s) and
 * re-subscribes, so the server sends fresh snapshots. Sends while disconnected are dropped on purpose:
 * a stale velocity must never be replayed.
 */
export function createWebSocketClient(options: WebSocketClientOptions): PtzClient {
  const openSocket = options.openSocket ?? ((url: string): WebSocketLike => new WebSocket(url));
  const invokeTimeoutMs = options.invokeTimeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
  const log = options.log ?? console;

  let socket: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let disposed = false;
  let retryDelayMs = RECONNECT_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  const pending = new Map<number, PendingInvoke>();
  const listeners = new Map<string, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const batchEndListeners = new Set<() => void>();
  let inBatch = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    for (const listener of [...connectionListeners]) {
      try {
        listener(next);
      } catch (e) {
        log.warn('ptz-client: a connection listener threw', e);
      }
    }
  }

  /** Writes one frame if the socket is open; false when it was not written. */
  function write(message: ClientMessage): boolean {
    if (state !== 'open' || !socket) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch (e) {
      log.warn('ptz-client: send failed', e);
      return false;
    }
  }

  function failPending(error: IpcError): void {
    const all = [...pending.values()];
    pending.clear();
    for (const p of all) {
      clearTimeout(p.timer);
      p.reject(error);
    }
  }

  function scheduleReconnect(): void {
    if (disposed || retryTimer !== undefined) return;
    const delay = retryDelayMs;
    retryDelayMs = Math.min(retryDelayMs * 2, RECONNECT_MAX_MS);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, delay);
  }

  function connect(): void {
    if (disposed) return;
    setState('connecting');
    let ws: WebSocketLike;
    try {
      ws = openSocket(options.url);
    } catch (e) {
      log.warn('ptz-client: cannot open the WebSocket', e);
      setState('closed');
      scheduleReconnect();
      return;
    }
    socket = ws;
    // Handlers check `socket === ws` so a late event from an old socket cannot disturb a newer one.
    ws.onopen = () => {
      if (socket !== ws) return;
      retryDelayMs = RECONNECT_MIN_MS;
      setState('open');
      // Each subscribe makes the server answer with a fresh snapshot (`init`) of that event.
      for (const event of listeners.keys()) write({ kind: 'subscribe', event });
    };
    ws.onmessage = (e) => {
      if (socket === ws) handleFrame(e.data);
    };
    ws.onerror = () => {
      // A close event always follows; reconnecting is handled there.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failPending(new IpcError('timeout', 'The connection to the camera service was lost before the reply'));
      setState('closed');
      scheduleReconnect();
    };
  }

  function handleFrame(data: unknown): void {
    if (typeof data !== 'string') {
      log.warn('ptz-client: ignored a non-text frame');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      log.warn('ptz-client: ignored a frame that is not JSON');
      return;
    }
    const parsed = ServerMessageUnion.safeParse(normaliseVoidResult(json));
    if (!parsed.success) {
      log.warn('ptz-client: ignored a malformed server message');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'result': {
        const p = pending.get(message.id);
        if (!p) return; // Late reply after a timeout: nobody is waiting any more.
        pending.delete(message.id);
        clearTimeout(p.timer);
        if (message.ok) p.resolve(message.value);
        else p.reject(IpcError.from(message.error));
        return;
      }
      case 'event':
        deliver(message.event, message.payload);
        return;
      case 'events':
        inBatch = true;
        try {
          for (const e of message.events) deliver(e.event, e.payload);
        } finally {
          inBatch = false;
        }
        for (const listener of [...batchEndListeners]) listener();
        return;
      case 'rejected':
        log.warn(`ptz-client: the server rejected a message: ${message.error.code}: ${message.error.message}`);
        return;
    }
  }

  function deliver(event: string, payload: unknown): void {
    const schema = eventSchema(event);
    const set = listeners.get(event);
    if (!schema || !set) return;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      log.warn(`ptz-client: ignored a malformed ${event} payload`);
      return;
    }
    for (const listener of [...set]) {
      try {
        listener(parsed.data);
      } catch (e) {
        log.warn(`ptz-client: a ${event} listener threw`, e);
      }
    }
  }

  function invoke(service: string, method: string, args: unknown): Promise<unknown> {
    if (state !== 'open' || !socket) {
      return Promise.reject(new IpcError('device-offline', 'Not connected to the camera service'));
    }
    const id = nextId++;
    const timeoutMs = Math.max(invokeTimeoutMs, LONG_CALL_MS[`${service}.${method}`] ?? 0);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new IpcError('timeout', `${service}.${method}: no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer });
      if (!write({ kind: 'invoke', id, service, method, args })) {
        pending.delete(id);
        clearTimeout(timer);
        reject(new IpcError('device-offline', 'Not connected to the camera service'));
      }
    });
  }

  function addListener(event: string, listener: Listener): () => void {
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      write({ kind: 'subscribe', event });
    }
    set.add(listener);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = listeners.get(event);
      if (!current?.delete(listener) || current.size > 0) return;
      listeners.delete(event);
      write({ kind: 'unsubscribe', event });
    };
  }

  // The API object, derived from the manifest: nothing below names a service, method or event.
  const api: Record<string, unknown> = {};
  for (const entry of PTZ_MANIFEST.methods) {
    const service = (api[entry.service] ??= {}) as Record<string, unknown>;
    service[entry.method] =
      entry.kind === 'invoke'
        ? (args?: unknown) => invoke(entry.service, entry.method, args)
        : (args?: unknown) => {
            write({ kind: 'send', service: entry.service, method: entry.method, args });
          };
  }
  for (const entry of PTZ_MANIFEST.events) {
    api[entry.listener] = (listener: Listener) => addListener(entry.event, listener);
  }
  const connection: PtzConnectionApi = {
    getConnectionState: () => state,
    inEventBatch: () => inBatch,
    onEventBatchEnd(listener) {
      batchEndListeners.add(listener);
      return () => void batchEndListeners.delete(listener);
    },
    onConnectionChanged(listener) {
      connectionListeners.add(listener);
      return () => void connectionListeners.delete(listener);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      clearTimeout(retryTimer);
      const ws = socket;
      socket = null;
      failPending(new IpcError('timeout', 'The client was closed before the reply'));
      setState('closed');
      try {
        ws?.close();
      } catch {
        // Closing a socket that never opened can throw in some browsers; it is gone either way.
      }
    },
  };
  Object.assign(api, connection);

  connect();
  // The manifest is built from the same contract as `PtzApi`, so the shapes match; the test
  // `ptz-client.test.ts` checks every contract method and event is present.
  return api as unknown as PtzClient;
}
