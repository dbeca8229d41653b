/**
 * Builds `window.ptz` mechanically from PTZ_MANIFEST: one function per contract method, one `onX` per
 * event, nothing else. Kept apart from index.ts so it can be tested with a fake ipcRenderer.
 *
 * Errors: the main process answers every invoke with an envelope (custom error classes do not survive
 * IPC). A failure becomes a thrown `Error` whose message is `toBridgeMessage({code, message})`, i.e.
 * `"<code>: <message>"`, with `name` `IpcError` and a `code` property. Only the message is sure to survive
 * contextBridge, so the renderer recovers the IpcError with `fromBridgeMessage` (shared/ipc/ipc-error.ts).
 */
import type { IpcRenderer } from 'electron';
import { PTZ_MANIFEST, SUBSCRIBE_CHANNEL, UNSUBSCRIBE_CHANNEL, type ChannelManifest } from '../../shared/ipc/channels';
import type { PtzApi } from '../../shared/ipc/contract';
import { toBridgeMessage, type IpcErrorCode } from '../../shared/ipc/ipc-error';

/** What the preload needs from ipcRenderer. */
export type IpcRendererLike = Pick<IpcRenderer, 'invoke' | 'send' | 'on' | 'removeListener'>;

/** An Error carrying an IpcError's code, in a form that survives contextBridge (see the file header). */
export function bridgeError(code: IpcErrorCode, message: string): Error {
  const error = new Error(toBridgeMessage({ code, message })) as Error & { code: IpcErrorCode };
  error.name = 'IpcError';
  error.code = code;
  return error;
}

/** Returns an invoke envelope's value, or throws its error as {@link bridgeError}. */
export function unwrapEnvelope(envelope: unknown): unknown {
  if (typeof envelope === 'object' && envelope !== null && 'ok' in envelope) {
    if (envelope.ok === true && 'value' in envelope) return envelope.value;
    if (envelope.ok === false && 'error' in envelope) {
      const error = envelope.error as { code?: unknown; message?: unknown } | null;
      if (typeof error?.code === 'string' && typeof error.message === 'string') {
        throw bridgeError(error.code as IpcErrorCode, error.message);
      }
    }
  }
  throw bridgeError('internal', 'malformed reply from the main process');
}

type Listener = (payload: unknown) => void;

/** Builds the renderer API over `ipc`. `manifest` is a parameter only so tests can pass the real one in. */
export function buildPtzApi(ipc: IpcRendererLike, manifest: ChannelManifest = PTZ_MANIFEST): PtzApi {
  const api: Record<string, unknown> = {};

  for (const { service, method, kind, channel } of manifest.methods) {
    const svc = (api[service] ??= {}) as Record<string, unknown>;
    // Arguments go through as given; the main process rejects anything but the one the contract expects.
    svc[method] =
      kind === 'invoke'
        ? (...args: unknown[]) => ipc.invoke(channel, ...args).then(unwrapEnvelope)
        : (...args: unknown[]) => ipc.send(channel, ...args);
  }

  // One ipcRenderer listener per event channel, fanning out by subscription id. Ids carry a per-page prefix
  // so a late delivery for a previous page's subscription can never reach this page's listeners.
  const pagePrefix = Math.random().toString(36).slice(2, 10) || 'p';
  let nextId = 0;
  const routes = new Map<string, { onMessage: (...args: unknown[]) => void; listeners: Map<string, Listener> }>();

  for (const { event, listener: name, channel } of manifest.events) {
    api[name] = (listener: Listener): (() => void) => {
      if (typeof listener !== 'function') throw new TypeError(`${name} needs a listener function`);
      let route = routes.get(channel);
      if (!route) {
        const listeners = new Map<string, Listener>();
        // The IpcRendererEvent (first argument) is dropped here: its `sender` would hand the page ipcRenderer.
        const onMessage = (_event: unknown, subscriptionId: unknown, payload: unknown) => {
          const l = typeof subscriptionId === 'string' ? listeners.get(subscriptionId) : undefined;
          if (!l) return;
          try {
            l(payload);
          } catch (e) {
            console.error(`${name} listener failed`, e);
          }
        };
        route = { onMessage: onMessage as (...args: unknown[]) => void, listeners };
        routes.set(channel, route);
        ipc.on(channel, route.onMessage);
      }
      const subscriptionId = `${pagePrefix}-${++nextId}`;
      route.listeners.set(subscriptionId, listener);
      // Listener first, then the request: the snapshot may come back before anything else runs.
      ipc.send(SUBSCRIBE_CHANNEL, { event, subscriptionId });
      let active = true;
      const r = route;
      return () => {
        if (!active) return;
        active = false;
        r.listeners.delete(subscriptionId);
        ipc.send(UNSUBSCRIBE_CHANNEL, { subscriptionId });
        if (r.listeners.size === 0) {
          ipc.removeListener(channel, r.onMessage);
          routes.delete(channel);
        }
      };
    };
  }

  return api as unknown as PtzApi;
}
