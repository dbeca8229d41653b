/** Test data builders for the renderer: valid `DeviceState`s with only what a test cares about changed. */
import type { z } from 'zod';
import type { DeviceConfigInput } from '../../shared/model/device';
import type { DevicePosition, DeviceState } from '../../shared/model/device-status';

export function makePosition(overrides: Partial<DevicePosition> = {}): DevicePosition {
  return {
    pan: 0.5,
    tilt: 0.5,
    zoom: 0,
    iris: null,
    panDeg: 0,
    tiltDeg: 0,
    zoomRatio: 1,
    irisF: null,
    irisMode: null,
    ...overrides,
  };
}

/** What a generic Sony VISCA camera offers (as the core's VISCA driver reports it). */
export const SONY_LIKE_CAPABILITIES: DeviceState['capabilities'] = {
  irisStops: [null, 14, 11, 9.6, 8, 6.8, 5.6, 4.8, 4, 3.4, 2.8, 2.4, 2, 1.6],
  presets: { min: 1, max: 127 },
  zoomPosition: true,
  focus: true,
  home: true,
};

/** A VISCA-over-IP camera `id` at 192.0.2.<n>, online, idle. */
export function makeDevice(
  id: string,
  overrides: Partial<Omit<DeviceState, 'config'>> & { name?: string; host?: string; port?: number } = {},
): DeviceState {
  const { name, host, port, ...state } = overrides;
  return {
    id,
    config: {
      id,
      name: name ?? `Camera ${id}`,
      enabled: true,
      protocol: 'visca-ip',
      host: host ?? '192.0.2.10',
      port: port ?? 52381,
    },
    status: 'online',
    statusDetail: null,
    latencyMs: 4,
    moving: false,
    lastStop: null,
    position: makePosition(),
    problem: null,
    capabilities: SONY_LIKE_CAPABILITIES,
    presets: [],
    ...state,
  };
}

/** A camera `id` with any protocol's configuration (as the core stores it), online, idle. */
export function makeDeviceWith(
  id: string,
  config: z.output<typeof DeviceConfigInput>,
  overrides: Partial<Omit<DeviceState, 'config' | 'id'>> = {},
): DeviceState {
  return { ...makeDevice(id), config: { ...config, id }, ...overrides };
}
