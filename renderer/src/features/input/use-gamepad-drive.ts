/**
 * Gamepad drive: polls `navigator.getGamepads()` once per animation frame, only while the page has focus
 * and is visible, and drives the selected camera from the first connected pad through its profile (a
 * learned one for its id, else the standard default). Returning to the dead zone is an explicit stop.
 * Blur, hiding, disconnect, STOP ALL and a new camera let go; the sticks must then come back to centre
 * before they drive again, and buttons held across a refocus do not fire (their state is consumed).
 */
import { useEffect, useRef, useState } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import { useAppStoreApi, usePtzClient } from '../../store/app-context';
import { selectSelectedPosition } from '../../store/selectors';
import { pageActive } from './focus-gate';
import { profileFor, readPad, type GamepadProfile } from './gamepad-mapping';
import { isZero, scaleVelocity } from './input-math';
import { manualDriveMixer } from '../motion/drive-mixer';

/** A connected pad as the status line shows it. */
export interface PadInfo {
  readonly index: number;
  readonly id: string;
  readonly mapping: string;
}

/** Connected pads, in index order; an empty list when the API is missing or refused. */
export function connectedPads(): Gamepad[] {
  try {
    const list = typeof navigator.getGamepads === 'function' ? navigator.getGamepads() : [];
    return [...list].filter((p): p is Gamepad => p !== null && p.connected);
  } catch {
    return []; // Permissions-Policy `gamepad` can make getGamepads throw SecurityError.
  }
}

const infoOf = (pads: readonly Gamepad[]): PadInfo[] =>
  pads.map((p) => ({ index: p.index, id: p.id, mapping: p.mapping }));

export interface GamepadDriveOptions {
  readonly stopAll: () => void;
  /** Saved profiles by gamepad id. */
  readonly profiles: ReadonlyMap<string, GamepadProfile>;
  /** True while the learn dialog reads the pad: nothing is driven. */
  readonly suspended: boolean;
}

/** Runs the drive and returns the connected pads (for the status line and the learn dialog). */
export function useGamepadDrive({ stopAll, profiles, suspended }: GamepadDriveOptions): readonly PadInfo[] {
  const client = usePtzClient();
  const store = useAppStoreApi();
  const [pads, setPads] = useState<readonly PadInfo[]>(() => infoOf(connectedPads()));
  const live = useRef({ stopAll, profiles, suspended });
  useEffect(() => {
    live.current = { stopAll, profiles, suspended };
  });

  useEffect(() => {
    const drive = manualDriveMixer(client, {
      onStopFailed: (e) =>
        store.getState().showNotice({ type: 'stop-failed', message: isIpcError(e) ? e.message : String(e) }),
    }).source();
    let frame: number | null = null;
    /** Sticks must pass through centre before driving (after start, blur, stop, disconnect…). */
    let needNeutral = true;
    /** False until the first frame after (re)activation has recorded the buttons without acting. */
    let primed = false;
    let stopWasDown = false;

    const letGo = (): void => {
      drive.release();
      needNeutral = true;
    };

    const deactivate = (): void => {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      primed = false;
      letGo();
    };

    const tick = (): void => {
      frame = null;
      if (!pageActive()) {
        deactivate();
        return;
      }
      const pad = connectedPads()[0];
      if (!pad) {
        deactivate();
        return;
      }
      frame = requestAnimationFrame(tick);
      const s = store.getState();
      if (live.current.suspended) {
        letGo();
        primed = false;
        return;
      }
      const reading = readPad(pad, profileFor(pad, live.current.profiles));
      if (!primed) {
        primed = true;
        stopWasDown = reading.stopAll;
      }
      if (reading.stopAll && !stopWasDown) {
        stopWasDown = true;
        live.current.stopAll();
        return;
      }
      stopWasDown = reading.stopAll;
      if (isZero(reading.velocity)) {
        needNeutral = false;
        drive.release(); // back in the dead zone: an explicit stop
        return;
      }
      if (needNeutral || s.connection !== 'open' || s.selectedId === null) return;
      if (drive.heldDevice() !== null && drive.heldDevice() !== s.selectedId) {
        letGo();
        return;
      }
      if (!drive.isHeld()) drive.press(s.selectedId);
      drive.update(scaleVelocity(reading.velocity, store.getState().inputSettings, selectSelectedPosition(s)?.zoom));
    };

    const start = (): void => {
      if (frame === null && pageActive() && connectedPads().length > 0) frame = requestAnimationFrame(tick);
    };

    const onConnected = (): void => {
      setPads(infoOf(connectedPads()));
      start();
    };
    const onDisconnected = (): void => {
      letGo();
      setPads(infoOf(connectedPads()));
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') deactivate();
      else start();
    };

    window.addEventListener('gamepadconnected', onConnected);
    window.addEventListener('gamepaddisconnected', onDisconnected);
    window.addEventListener('focus', start);
    window.addEventListener('blur', deactivate);
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.stopAllSeq !== prev.stopAllSeq ||
        s.selectedId !== prev.selectedId ||
        (s.connection !== 'open' && prev.connection === 'open')
      ) {
        letGo();
      }
    });
    start();
    return () => {
      window.removeEventListener('gamepadconnected', onConnected);
      window.removeEventListener('gamepaddisconnected', onDisconnected);
      window.removeEventListener('focus', start);
      window.removeEventListener('blur', deactivate);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
      deactivate();
    };
  }, [client, store]);

  return pads;
}
