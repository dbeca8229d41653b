/**
 * A four-axis drive for the keyboard and the gamepad, built like the joystick's (joystick-drive.ts, which
 * only carries pan/tilt): at most one `setVelocity` per animation frame and only when the velocity
 * changed, a heartbeat every HEARTBEAT_INTERVAL_MS while held, and zero velocity + `stop` on release.
 */
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import type { PtzClient } from '../../ipc/ptz-client';
import { ZERO, sameVelocity, type Velocity } from './input-math';

export interface MotionDrive {
  /** Starts holding `deviceId` (heartbeats from now). A press while held is ignored. */
  press(deviceId: string): void;
  /** The latest velocity; sent on the next animation frame if it differs from the last one sent. */
  update(velocity: Velocity): void;
  /** Lets go: zero velocity and `motion.stop` at once. No-op when not held. */
  release(): void;
  isHeld(): boolean;
  /** The device being driven, or null. */
  heldDevice(): string | null;
}

export interface MotionDriveOptions {
  readonly onSent?: (velocity: Velocity) => void;
  readonly onStopFailed?: (error: unknown) => void;
}

export function createMotionDrive(client: Pick<PtzClient, 'motion'>, options: MotionDriveOptions = {}): MotionDrive {
  let deviceId: string | null = null;
  let latest: Velocity = ZERO;
  let lastSent: Velocity = ZERO;
  let frame: number | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;

  const flush = (): void => {
    frame = null;
    if (deviceId === null || sameVelocity(latest, lastSent)) return;
    client.motion.setVelocity({ deviceId, ...latest });
    lastSent = latest;
    options.onSent?.(latest);
  };

  return {
    press(id) {
      if (deviceId !== null) return;
      deviceId = id;
      latest = ZERO;
      lastSent = ZERO;
      // The core's dead-man is the safety net; this is only the "still held" signal.
      heartbeat = setInterval(() => {
        if (deviceId !== null) client.motion.heartbeat({ deviceId });
      }, HEARTBEAT_INTERVAL_MS);
    },
    update(velocity) {
      if (deviceId === null) return;
      latest = velocity;
      frame ??= requestAnimationFrame(flush);
    },
    release() {
      if (deviceId === null) return;
      const id = deviceId;
      deviceId = null;
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      if (heartbeat !== null) clearInterval(heartbeat);
      heartbeat = null;
      latest = ZERO;
      lastSent = ZERO;
      client.motion.setVelocity({ deviceId: id, ...ZERO });
      options.onSent?.(ZERO);
      client.motion.stop({ deviceId: id }).catch((e: unknown) => options.onStopFailed?.(e));
    },
    isHeld: () => deviceId !== null,
    heldDevice: () => deviceId,
  };
}
