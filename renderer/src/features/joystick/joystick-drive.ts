/**
 * The joystick's link to the core, independent of React and of where the vector comes from (pointer or
 * keys): at most one `setVelocity` per animation frame and only when the quantised vector changed, a
 * heartbeat every HEARTBEAT_INTERVAL_MS while held, and zero velocity + `stop` on release.
 */
import { HEARTBEAT_INTERVAL_MS } from '../../../../shared/model/motion';
import type { PtzClient } from '../../ipc/ptz-client';
import { ZERO_VECTOR, sameVector, type StickVector } from './joystick-math';

export interface JoystickDrive {
  /** Starts holding `deviceId`; the heartbeat starts now. A press while held is ignored. */
  press(deviceId: string): void;
  /** The latest vector; sent on the next animation frame if it differs from the last one sent. */
  update(vector: StickVector): void;
  /** Lets go: sends pan 0 / tilt 0 and `motion.stop` at once (not on a frame). No-op when not held. */
  release(): void;
  isHeld(): boolean;
}

export interface JoystickDriveOptions {
  /** Called with every vector actually sent (including the zero on release). */
  readonly onSent?: (vector: StickVector) => void;
  /** Called when `motion.stop` is refused or fails, so the operator can be told. */
  readonly onStopFailed?: (error: unknown) => void;
}

export function createJoystickDrive(
  client: Pick<PtzClient, 'motion'>,
  options: JoystickDriveOptions = {},
): JoystickDrive {
  let deviceId: string | null = null;
  let latest: StickVector = ZERO_VECTOR;
  let lastSent: StickVector = ZERO_VECTOR;
  let frame: number | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;

  const flush = (): void => {
    frame = null;
    if (deviceId === null || sameVector(latest, lastSent)) return;
    client.motion.setVelocity({ deviceId, pan: latest.pan, tilt: latest.tilt });
    lastSent = latest;
    options.onSent?.(latest);
  };

  return {
    press(id) {
      if (deviceId !== null) return;
      deviceId = id;
      latest = ZERO_VECTOR;
      lastSent = ZERO_VECTOR;
      // The core's dead-man stops the camera 500 ms after the last heartbeat; a frozen renderer therefore
      // cannot leave it running. Renderer timers are only the "still held" signal, never the safety net.
      heartbeat = setInterval(() => {
        if (deviceId !== null) client.motion.heartbeat({ deviceId });
      }, HEARTBEAT_INTERVAL_MS);
    },

    update(vector) {
      if (deviceId === null) return;
      latest = vector;
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
      latest = ZERO_VECTOR;
      lastSent = ZERO_VECTOR;
      // Both, always: the zero velocity is cheap and immediate; the stop jumps the core's queue.
      client.motion.setVelocity({ deviceId: id, pan: 0, tilt: 0 });
      options.onSent?.(ZERO_VECTOR);
      client.motion.stop({ deviceId: id }).catch((e: unknown) => options.onStopFailed?.(e));
    },

    isHeld: () => deviceId !== null,
  };
}
