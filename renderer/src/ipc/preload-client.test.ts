import { describe, expect, it, vi } from 'vitest';
import type { PtzApi } from '../../../shared/ipc/contract';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { fromPreloadError, wrapPreloadApi } from './preload-client';

describe('wrapPreloadApi', () => {
  it('passes calls and events through and is always open', async () => {
    const stopAll = vi.fn(() => Promise.resolve({ devices: 1 }));
    const setVelocity = vi.fn();
    const off = vi.fn();
    const onDevicesChanged = vi.fn(() => off);
    const api = Object.freeze({
      motion: Object.freeze({ stopAll, setVelocity }),
      onDevicesChanged,
    }) as unknown as PtzApi;
    const wrapped = wrapPreloadApi(api);
    await expect(wrapped.motion.stopAll()).resolves.toEqual({ devices: 1 });
    wrapped.motion.setVelocity({ deviceId: 'cam-1', pan: 0.25 });
    expect(setVelocity).toHaveBeenCalledWith({ deviceId: 'cam-1', pan: 0.25 });
    const listener = vi.fn();
    expect(wrapped.onDevicesChanged(listener)).toBe(off);
    expect(onDevicesChanged).toHaveBeenCalledWith(listener);
    expect(wrapped.getConnectionState()).toBe('open');
  });

  it('turns the preload\'s "<code>: <message>" errors back into IpcErrors', async () => {
    const bridgeError = Object.assign(new Error('not-found: No device cam-9'), { name: 'IpcError' });
    const stop = vi.fn(() => Promise.reject(bridgeError));
    const stopAll = vi.fn(() => Promise.reject(new Error('something odd')));
    const wrapped = wrapPreloadApi({ motion: { stop, stopAll } } as unknown as PtzApi);
    const e = await wrapped.motion.stop({ deviceId: 'cam-9' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(IpcError);
    expect(e).toMatchObject({ code: 'not-found', message: 'No device cam-9' });
    await expect(wrapped.motion.stopAll()).rejects.toMatchObject({ code: 'internal', message: 'something odd' });
  });

  it('maps an unknown code to internal, keeping the text', () => {
    expect(fromPreloadError(new Error('made-up: x'))).toMatchObject({ code: 'internal', message: 'made-up: x' });
    expect(fromPreloadError('timeout: slow')).toMatchObject({ code: 'timeout', message: 'slow' });
  });
});
