/**
 * Several hands on one camera: the keyboard and a gamepad (and any future source) feed one motion drive
 * through a mixer instead of each holding a drive of their own. Per axis the strongest source wins, and
 * letting go of one source hands the axes to those still held — no stop goes out while anything is held,
 * and the stop goes out once when the last source lets go.
 *
 * Without it, releasing the arrow keys while the gamepad's stick was deflected sent pan/tilt 0 and a STOP,
 * and the camera stood still under a held stick until the stick moved again.
 */
import { AXES, type Axis } from '../../../../shared/model/motion';
import type { PtzClient } from '../../ipc/ptz-client';
import { createMotionDrive, type AxesVelocity, type MotionDrive, type MotionDriveOptions } from './motion-drive';

export interface DriveMixer {
  /** A new input source, used exactly like a MotionDrive of its own. */
  source(): MotionDrive;
}

/** Builds a mixer over one drive owning all axes. */
export function createDriveMixer(client: Pick<PtzClient, 'motion'>, options: MotionDriveOptions = {}): DriveMixer {
  const drive = createMotionDrive(client, options);
  const held = new Map<object, { deviceId: string; velocity: AxesVelocity<Axis> }>();
  const zero = Object.fromEntries(AXES.map((a) => [a, 0])) as Record<Axis, number>;

  const mix = (): void => {
    const device = drive.heldDevice();
    const active = [...held.values()].filter((s) => s.deviceId === device);
    if (active.length === 0) {
      drive.release();
      // Sources still held on another camera (pressed while this one was driven) take over now.
      const next = [...held.values()].at(-1);
      if (next) {
        drive.press(next.deviceId);
        mix();
      }
      return;
    }
    const combined = { ...zero };
    for (const axis of AXES) {
      for (const s of active) {
        const v = s.velocity[axis];
        if (Math.abs(v) > Math.abs(combined[axis])) combined[axis] = v;
      }
    }
    drive.update(combined);
  };

  return {
    source(): MotionDrive {
      const key = {};
      return {
        press(deviceId) {
          if (held.has(key)) return;
          // A source pressing while the others drive another camera waits for them to let go.
          if (!drive.isHeld()) drive.press(deviceId);
          held.set(key, { deviceId, velocity: zero });
        },
        update(velocity) {
          const s = held.get(key);
          if (!s) return;
          s.velocity = velocity;
          mix();
        },
        release() {
          if (!held.delete(key)) return;
          mix();
        },
        isHeld: () => held.has(key),
        heldDevice: () => held.get(key)?.deviceId ?? null,
      };
    },
  };
}

const mixers = new WeakMap<object, DriveMixer>();

/**
 * The app's one mixer for free-hand pan/tilt/zoom/focus sources (keyboard, gamepads), per client. The
 * first caller's options (stop-failure notice) apply to all.
 */
export function manualDriveMixer(client: Pick<PtzClient, 'motion'>, options: MotionDriveOptions = {}): DriveMixer {
  let mixer = mixers.get(client);
  if (!mixer) {
    mixer = createDriveMixer(client, options);
    mixers.set(client, mixer);
  }
  return mixer;
}
