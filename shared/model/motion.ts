import { z } from 'zod';
import { DeviceId } from './device';

/**
 * A normalised speed in [-1, 1]. Signs: pan +right, tilt +up, zoom +tele, focus +far.
 * 0 stops the axis. NaN and ±Infinity are rejected at the contract boundary.
 */
export const Speed = z.number().min(-1, 'speed must be within -1..1').max(1, 'speed must be within -1..1');

/** The four continuous axes a PTZ head drives. */
export const AXES = ['pan', 'tilt', 'zoom', 'focus'] as const;
export type Axis = (typeof AXES)[number];

/** Normalised velocity of every axis, each in [-1, 1]. */
export type Velocity = Record<Axis, number>;

export const ZERO_VELOCITY: Readonly<Velocity> = Object.freeze({ pan: 0, tilt: 0, zoom: 0, focus: 0 });

/** A velocity change for one device; axes left out keep their current value. */
export const VelocityCommand = z
  .object({
    deviceId: DeviceId,
    pan: Speed.optional(),
    tilt: Speed.optional(),
    zoom: Speed.optional(),
    focus: Speed.optional(),
  })
  .strict();
export type VelocityCommand = z.infer<typeof VelocityCommand>;

/** Why a device stopped, as reported in its state. */
export const StopReason = z.enum([
  'operator', // explicit stop or release
  'stop-all',
  'watchdog', // no motion heartbeat for the dead-man interval
  'client-gone', // the renderer that drove it disconnected, crashed, reloaded or lost focus
  'reconnect', // sent after the link came back
  'startup',
  'shutdown',
]);
export type StopReason = z.infer<typeof StopReason>;

/** Dead-man interval: a moving camera is stopped this long after the last motion heartbeat (ms). */
export const DEAD_MAN_MS = 500;
/** How often a held control should send a heartbeat (ms); well inside the dead-man interval. */
export const HEARTBEAT_INTERVAL_MS = 100;
