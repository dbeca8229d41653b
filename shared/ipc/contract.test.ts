import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DeviceState } from '../model/device-status';
import { PTZ_MANIFEST } from './channels';
import { ptzContract, type PtzApi, type PtzHandlers } from './contract';
import type { CallerContext } from './contract-types';

// The type-level checks run under `tsc -p tsconfig.electron.json` (which includes this file); vitest's runtime
// only sees the manifest checks below.
describe('types derived from the contract', () => {
  it('gives the renderer promises for invoke methods and void for send methods', () => {
    expectTypeOf<PtzApi['devices']['list']>().parameters.toEqualTypeOf<[]>();
    expectTypeOf<PtzApi['devices']['list']>().returns.toEqualTypeOf<Promise<DeviceState[]>>();
    expectTypeOf<PtzApi['motion']['setVelocity']>().returns.toEqualTypeOf<void>();
    expectTypeOf<PtzApi['motion']['stop']>().parameter(0).toEqualTypeOf<{ deviceId: string }>();
  });

  it('gives the renderer an onX helper per event that returns an unsubscribe function', () => {
    expectTypeOf<PtzApi>().toHaveProperty('onDevicesChanged');
    expectTypeOf<PtzApi['onDevicesChanged']>().returns.toEqualTypeOf<() => void>();
  });

  it('puts the caller context first in every handler', () => {
    expectTypeOf<PtzHandlers['devices']['list']>().parameter(0).toEqualTypeOf<CallerContext>();
    expectTypeOf<PtzHandlers['motion']['setVelocity']>().parameter(0).toEqualTypeOf<CallerContext>();
    expectTypeOf<PtzHandlers['lens']['zoomTo']>().parameter(1).toHaveProperty('position');
  });
});

describe('PTZ_MANIFEST', () => {
  it('lists every contract method once, with its kind and channel', () => {
    const expected = Object.entries(ptzContract.services).flatMap(([service, methods]) =>
      Object.entries(methods).map(([method, spec]) => ({
        service,
        method,
        kind: spec.kind,
        channel: `ptz:${service}.${method}`,
      })),
    );
    expect(PTZ_MANIFEST.methods).toEqual(expected);
    expect(new Set(PTZ_MANIFEST.methods.map((m) => m.channel)).size).toBe(PTZ_MANIFEST.methods.length);
    expect(PTZ_MANIFEST.methods).toContainEqual({
      service: 'motion',
      method: 'setVelocity',
      kind: 'send',
      channel: 'ptz:motion.setVelocity',
    });
  });

  it('names each event’s listener and channel', () => {
    expect(PTZ_MANIFEST.events).toEqual([
      { event: 'devicesChanged', listener: 'onDevicesChanged', channel: 'ptz:event:devicesChanged' },
      { event: 'networkChanged', listener: 'onNetworkChanged', channel: 'ptz:event:networkChanged' },
      { event: 'discoveryChanged', listener: 'onDiscoveryChanged', channel: 'ptz:event:discoveryChanged' },
      { event: 'repairChanged', listener: 'onRepairChanged', channel: 'ptz:event:repairChanged' },
    ]);
  });
});
