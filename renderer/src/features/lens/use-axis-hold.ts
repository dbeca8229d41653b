/**
 * React lifecycle of one held lens axis (zoom or focus): creates a motion drive that owns only that axis
 * and never sends `motion.stop` (the core stops the camera once every axis is at zero, so letting go of
 * the zoom cannot end a pan the joystick, the keyboard or a gamepad is doing), and lets go on unmount, on
 * a different camera, on window blur or hide, after STOP ALL and when the bridge drops — whatever
 * started the hold. A held control carries `data-held` (as the joystick does), for styling and tests.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import { createMotionDrive, type AxesVelocity, type MotionDrive } from '../motion/motion-drive';

export type LensAxis = 'zoom' | 'focus';

export interface AxisHold {
  /** Starts a hold on `deviceId` from `element` (`mode` is shown as `data-held`); false if already held. */
  start(element: HTMLElement, deviceId: string, mode: 'pointer' | 'keys'): boolean;
  /** The latest speed (−1..1); sent on the next animation frame if it differs from the last one sent. */
  update(speed: number): void;
  /** Ends the hold, if any. Safe to call at any time. */
  end(): void;
  isHeld(): boolean;
}

export function useAxisHold<A extends LensAxis>(
  axis: A,
  callbacks: { readonly onEnd?: () => void; readonly onSent?: (speed: number) => void } = {},
): AxisHold {
  const client = usePtzClient();
  const store = useAppStoreApi();
  const deviceId = useAppStore((s) => s.selectedId);
  const driveRef = useRef<MotionDrive<A> | null>(null);
  const elementRef = useRef<HTMLElement | null>(null);
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });

  const end = useCallback((): void => {
    const element = elementRef.current;
    elementRef.current = null;
    element?.removeAttribute('data-held');
    callbacksRef.current.onEnd?.();
    driveRef.current?.release();
  }, []);

  useEffect(() => {
    const drive = createMotionDrive(client, {
      axes: [axis],
      stopOnRelease: false,
      onSent: (velocity) => callbacksRef.current.onSent?.(velocity[axis]),
    });
    driveRef.current = drive;
    return () => {
      end();
      driveRef.current = null;
    };
  }, [client, store, axis, end]);

  // A different camera, or none: let go of the old one.
  useEffect(() => () => end(), [deviceId, end]);

  useEffect(() => {
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') end();
    };
    window.addEventListener('blur', end);
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.stopAllSeq !== prev.stopAllSeq || (s.connection !== 'open' && prev.connection === 'open')) end();
    });
    return () => {
      window.removeEventListener('blur', end);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
    };
  }, [store, end]);

  return {
    start(element, id, mode) {
      const drive = driveRef.current;
      if (!drive || drive.isHeld()) return false;
      elementRef.current = element;
      element.setAttribute('data-held', mode);
      drive.press(id);
      return true;
    },
    update: (speed) => driveRef.current?.update({ [axis]: speed } as AxesVelocity<A>),
    end,
    isHeld: () => driveRef.current?.isHeld() ?? false,
  };
}
