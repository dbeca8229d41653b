import { describe, expect, it, vi } from 'vitest';
import { ptzContract, type PtzHandlers } from '../../../shared/ipc/contract';
import type { CallerContext } from '../../../shared/ipc/contract-types';
import { IpcError } from '../../../shared/ipc/ipc-error';
import { silentLogger } from '../logger';
import { createDispatcher } from './dispatch';

const ctx: CallerContext = { clientId: 'c1', bridge: 'web' };

function handlers(): PtzHandlers {
  return {
    devices: {
      list: vi.fn(() => []),
      add: vi.fn(),
      update: vi.fn(),
      remove: vi.fn(),
      setEnabled: vi.fn(),
    },
    motion: {
      setVelocity: vi.fn(),
      heartbeat: vi.fn(),
      stop: vi.fn(),
      stopAll: vi.fn(() => ({ devices: 2 })),
      home: vi.fn(),
    },
    lens: { zoomTo: vi.fn(), setIris: vi.fn(), setIrisMode: vi.fn(), setFocusMode: vi.fn(), focusOnePush: vi.fn() },
    presets: { recall: vi.fn(), save: vi.fn(), clear: vi.fn() },
    app: { info: vi.fn(() => ({ version: '1', platform: 'linux', demo: true, deadManMs: 500 })) },
  } as unknown as PtzHandlers;
}

describe('dispatcher', () => {
  it('routes a valid invoke with the caller context first', async () => {
    const h = handlers();
    const d = createDispatcher(ptzContract, h, silentLogger);
    await expect(d.invoke(ctx, 'motion', 'stopAll', undefined)).resolves.toEqual({ devices: 2 });
    d.send(ctx, 'motion', 'setVelocity', { deviceId: 'cam-1', pan: 0.5 });
    expect(h.motion.setVelocity).toHaveBeenCalledWith(ctx, { deviceId: 'cam-1', pan: 0.5 });
  });

  it.each([
    ['an out-of-range speed', { deviceId: 'cam-1', pan: 1.5 }, /pan: speed must be within -1..1/],
    ['NaN', { deviceId: 'cam-1', tilt: Number.NaN }, /tilt/],
    ['an extra key', { deviceId: 'cam-1', pan: 0, exec: 'rm -rf /' }, /exec/],
    ['a missing id', { pan: 0.1 }, /deviceId/],
    ['a huge id', { deviceId: 'x'.repeat(10_000), pan: 0.1 }, /deviceId/],
    ['not an object', 'pan right', /expected object/i],
  ])('rejects %s with invalid-payload before the handler runs', (_name, args, message) => {
    const h = handlers();
    const d = createDispatcher(ptzContract, h, silentLogger);
    let caught: unknown;
    try {
      d.send(ctx, 'motion', 'setVelocity', args);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(IpcError);
    expect((caught as IpcError).code).toBe('invalid-payload');
    expect((caught as IpcError).message).toMatch(message);
    expect(h.motion.setVelocity).not.toHaveBeenCalled();
  });

  it('refuses unknown and prototype-chain method names', async () => {
    const d = createDispatcher(ptzContract, handlers(), silentLogger);
    for (const [s, m] of [
      ['motion', 'explode'],
      ['nope', 'list'],
      ['devices', '__proto__'],
      ['__proto__', 'toString'],
      ['devices', 'constructor'],
    ] as const) {
      await expect(d.invoke(ctx, s, m, undefined)).rejects.toMatchObject({ code: 'unknown-method' });
    }
  });

  it('refuses invoking a send method and sending an invoke method', async () => {
    const d = createDispatcher(ptzContract, handlers(), silentLogger);
    await expect(d.invoke(ctx, 'motion', 'setVelocity', { deviceId: 'a' })).rejects.toMatchObject({
      code: 'unknown-method',
    });
    expect(() => d.send(ctx, 'devices', 'list', undefined)).toThrow(/must be invoked/);
  });

  it('keeps IpcErrors from handlers and hides everything else behind internal', async () => {
    const h = handlers();
    (h.motion.stop as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new IpcError('not-found', 'No device with id x'));
    (h.motion.home as ReturnType<typeof vi.fn>).mockRejectedValueOnce(new TypeError('secret stack detail'));
    const d = createDispatcher(ptzContract, h, silentLogger);
    await expect(d.invoke(ctx, 'motion', 'stop', { deviceId: 'x' })).rejects.toMatchObject({ code: 'not-found' });
    const e = await d.invoke(ctx, 'motion', 'home', { deviceId: 'x' }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'internal' });
    expect((e as Error).message).not.toMatch(/secret/);
  });

  it('refuses a handler result outside the contract', async () => {
    const h = handlers();
    (h.motion.stopAll as ReturnType<typeof vi.fn>).mockReturnValueOnce({ devices: 'two' });
    const d = createDispatcher(ptzContract, h, silentLogger);
    await expect(d.invoke(ctx, 'motion', 'stopAll', undefined)).rejects.toMatchObject({ code: 'internal' });
  });
});
