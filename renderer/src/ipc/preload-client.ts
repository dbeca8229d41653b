/** The Electron preload's `window.ptz`, adapted to `PtzClient` (the caller hands it in; nothing here reads `window`). */
import { PTZ_MANIFEST } from '../../../shared/ipc/channels';
import type { PtzApi } from '../../../shared/ipc/contract';
import { IpcError, fromBridgeMessage } from '../../../shared/ipc/ipc-error';
import type { PtzClient, PtzConnectionApi } from './ptz-client';

/**
 * The preload reports an invoke failure as a plain Error whose message is `"<code>: <message>"` (only the
 * message is sure to survive contextBridge; see electron/preload/build-api.ts). Turn it back into an
 * IpcError so the renderer handles both bridges alike; anything else becomes `internal`.
 */
export function fromPreloadError(error: unknown): IpcError {
  if (error instanceof IpcError) return error;
  return fromBridgeMessage(error instanceof Error ? error.message : String(error));
}

/**
 * Wraps the preload's API (derived from `PTZ_MANIFEST` like everything else): invoke rejections become
 * IpcErrors, events pass through. The preload bridge lives as long as the window, so it is always open.
 */
export function wrapPreloadApi(api: PtzApi): PtzClient {
  const source = api as unknown as Record<string, Record<string, (...args: unknown[]) => unknown> | undefined>;
  const wrapped: Record<string, unknown> = {};
  for (const { service, method, kind } of PTZ_MANIFEST.methods) {
    const fn = source[service]?.[method];
    if (typeof fn !== 'function') continue;
    const target = (wrapped[service] ??= {}) as Record<string, unknown>;
    target[method] =
      kind === 'invoke'
        ? (...args: unknown[]) =>
            Promise.resolve(fn(...args)).catch((e: unknown) => {
              throw fromPreloadError(e);
            })
        : fn;
  }
  for (const { listener } of PTZ_MANIFEST.events)
    wrapped[listener] = (api as unknown as Record<string, unknown>)[listener];
  const connection: PtzConnectionApi = {
    getConnectionState: () => 'open',
    onConnectionChanged: () => () => {},
    dispose: () => {},
  };
  return Object.assign(wrapped, connection) as unknown as PtzClient;
}
