/**
 * One held lens axis (zoom or focus) linked to the core, independent of React: at most one `setVelocity`
 * per animation frame and only when the speed changed, a heartbeat every HEARTBEAT_INTERVAL_MS while
 * held, and on release the axis set to 0 at once. Never `motion.stop`: the core stops the camera (and
 * retries until it confirms) when every axis is at zero, so letting go of the zoom cannot end a pan that
 * the joystick, the keyboard or a gamepad is doing.
 */
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import type { PtzClient } from '../../ipc/ptz-client';

export type LensAxis = 'zoom' | 'focus';

export interface AxisDrive {
  /** Starts holding `deviceId`; the heartbeat starts now. A press while held is ignored. */
  press(deviceId: string): void;
  /** The latest speed (−1..1); sent on the next animation frame if it differs from the last one sent. */
  update(speed: number): void;
  /** Lets go: axis 0 now (not on a frame). No-op when idle. */
  release(): void;
  isHeld(): boolean;
}

export interface AxisDriveOptions {
  /** Called with every speed actually sent (including the 0 on release). */
  readonly onSent?: (speed: number) => void;
}

export function createAxisDrive(
  client: Pick<PtzClient, 'motion'>,
  axis: LensAxis,
  options: AxisDriveOptions = {},
): AxisDrive {
  let deviceId: string | null = null;
  let latest = 0;
  let lastSent = 0;
  let frame: number | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;

  const send = (id: string, speed: number): void => {
    client.motion.setVelocity(axis === 'zoom' ? { deviceId: id, zoom: speed } : { deviceId: id, focus: speed });
    options.onSent?.(speed);
  };

  const flush = (): void => {
    frame = null;
    if (deviceId === null || latest === lastSent) return;
    send(deviceId, latest);
    lastSent = latest;
  };

  return {
    press(id) {
      if (deviceId !== null) return;
      deviceId = id;
      latest = 0;
      lastSent = 0;
      // The core's dead-man is the safety net; this is only the "still held" signal.
      heartbeat = setInterval(() => {
        if (deviceId !== null) client.motion.heartbeat({ deviceId });
      }, HEARTBEAT_INTERVAL_MS);
    },

    update(speed) {
      if (deviceId === null) return;
      latest = speed;
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
      latest = 0;
      lastSent = 0;
      send(id, 0);
    },

    isHeld: () => deviceId !== null,
  };
}
