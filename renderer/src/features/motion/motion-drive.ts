/**
 * The one link from a held manual control to the core, independent of React and of where the velocity
 * comes from (joystick, keyboard, gamepad, lens rocker or buttons). A drive owns a set of axes and sends
 * only those: at most one `setVelocity` per animation frame (or per 12 ms with `leadingEdge`) and only
 * when the (quantised) velocity changed, a heartbeat every HEARTBEAT_INTERVAL_MS while held, and on
 * release its axes at 0 at once (not on a frame), then — unless `stopOnRelease` is false — `motion.stop`.
 */
import { AXES, HEARTBEAT_INTERVAL_MS, type Axis, type Velocity } from '../../../../shared/model/motion';
import type { PtzClient } from '../../ipc/ptz-client';

/** A velocity for the axes `A` only. */
export type AxesVelocity<A extends Axis> = Readonly<Pick<Velocity, A>>;

export interface MotionDrive<A extends Axis = Axis> {
  /** Starts holding `deviceId`; the heartbeat starts now. A press while held is ignored. */
  press(deviceId: string): void;
  /** The latest velocity; sent on the next animation frame if it differs from the last one sent. */
  update(velocity: AxesVelocity<A>): void;
  /** Lets go: the drive's axes at 0 (and `motion.stop` unless turned off) at once. No-op when not held. */
  release(): void;
  isHeld(): boolean;
  /** The device being driven, or null. */
  heldDevice(): string | null;
}

export interface MotionDriveOptions<A extends Axis = Axis> {
  /** The axes this drive owns, the only ones it sends. Default: all four. */
  readonly axes?: readonly A[];
  /**
   * Whether release also sends `motion.stop` (default true). A lens control sets false: the core stops the
   * camera (and retries until it confirms) once every axis is at zero, so letting go of the zoom cannot
   * end a pan that the joystick, the keyboard or a gamepad is doing.
   */
  readonly stopOnRelease?: boolean;
  /**
   * Send an update at once when nothing went out in the last frame interval, instead of waiting for the
   * next animation frame (default false). For pointer-driven controls: Chromium already delivers pointer
   * moves once per frame, so this takes a frame's wait off the drag-to-camera latency without sending
   * more often; further updates within the interval still wait for the frame.
   */
  readonly leadingEdge?: boolean;
  /** Called with every velocity actually sent (including the zero on release). */
  readonly onSent?: (velocity: AxesVelocity<A>) => void;
  /** Called when `motion.stop` is refused or fails, so the operator can be told. */
  readonly onStopFailed?: (error: unknown) => void;
}

/** A leading-edge send needs this long since the last send, ms: below a 60 Hz frame, above pointer jitter. */
const LEADING_EDGE_INTERVAL_MS = 12;

export function createMotionDrive<A extends Axis = Axis>(
  client: Pick<PtzClient, 'motion'>,
  options: MotionDriveOptions<A> = {},
): MotionDrive<A> {
  const axes: readonly A[] = options.axes ?? (AXES as readonly Axis[] as readonly A[]);
  const stopOnRelease = options.stopOnRelease ?? true;
  /** The owned axes of `v` and nothing else: exactly what goes on the wire. */
  const own = (v: AxesVelocity<A>): AxesVelocity<A> =>
    Object.fromEntries(axes.map((axis) => [axis, v[axis]])) as AxesVelocity<A>;
  const zero = own(Object.fromEntries(AXES.map((axis) => [axis, 0])) as Velocity);
  const same = (a: AxesVelocity<A>, b: AxesVelocity<A>): boolean => axes.every((axis) => a[axis] === b[axis]);

  let deviceId: string | null = null;
  let latest = zero;
  let lastSent = zero;
  let frame: number | null = null;
  let heartbeat: ReturnType<typeof setInterval> | null = null;

  const send = (id: string, velocity: AxesVelocity<A>): void => {
    client.motion.setVelocity({ deviceId: id, ...velocity });
    options.onSent?.(velocity);
  };

  /** When the last velocity went out (performance.now ms). */
  let lastSendAt = Number.NEGATIVE_INFINITY;

  const flush = (): void => {
    frame = null;
    if (deviceId === null || same(latest, lastSent)) return;
    send(deviceId, latest);
    lastSent = latest;
    lastSendAt = performance.now();
  };

  return {
    press(id) {
      if (deviceId !== null) return;
      deviceId = id;
      latest = zero;
      lastSent = zero;
      // The core's dead-man stops the camera 500 ms after the last heartbeat; a frozen renderer therefore
      // cannot leave it running. Renderer timers are only the "still held" signal, never the safety net.
      heartbeat = setInterval(() => {
        if (deviceId !== null) client.motion.heartbeat({ deviceId });
      }, HEARTBEAT_INTERVAL_MS);
    },

    update(velocity) {
      if (deviceId === null) return;
      latest = own(velocity);
      if (options.leadingEdge && frame === null && performance.now() - lastSendAt >= LEADING_EDGE_INTERVAL_MS) {
        flush();
        return;
      }
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
      latest = zero;
      lastSent = zero;
      // The zero velocity is cheap and immediate; the stop (when wanted) jumps the core's queue.
      send(id, zero);
      if (stopOnRelease) client.motion.stop({ deviceId: id }).catch((e: unknown) => options.onStopFailed?.(e));
    },

    isHeld: () => deviceId !== null,
    heldDevice: () => deviceId,
  };
}
