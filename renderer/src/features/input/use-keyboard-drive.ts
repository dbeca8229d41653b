/**
 * Keyboard drive, global while the window has focus: arrows/WASD pan and tilt, +/= and − zoom, ] and [
 * focus, while held (Shift = full speed); Space = STOP ALL. Keys are off in text fields, lists, sliders
 * and dialogs (see focus-gate.ts); on the focused joystick the arrows stay the joystick's. Digits and
 * Ctrl+digits are left alone (presets). Blur, hiding the window, STOP ALL, a new camera, or losing the
 * core let go; a key still held after that must be pressed again.
 */
import { useEffect } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import { useAppStoreApi, usePtzClient } from '../../store/app-context';
import { selectSelectedPosition } from '../../store/selectors';
import { DRIVE_KEYS, driveKeyOf, scaleVelocity, velocityFromKeys } from './input-math';
import { manualDriveMixer } from '../motion/drive-mixer';
import { isJoystick, keysOwnedBy, spaceOwnedBy } from './focus-gate';

export function useKeyboardDrive(stopAll: () => void): void {
  const client = usePtzClient();
  const store = useAppStoreApi();

  useEffect(() => {
    const drive = manualDriveMixer(client, {
      onStopFailed: (e) =>
        store.getState().showNotice({ type: 'stop-failed', message: isIpcError(e) ? e.message : String(e) }),
    }).source();
    const held = new Set<string>();
    let fast = false;

    const letGo = (): void => {
      held.clear();
      drive.release();
    };

    const recompute = (): void => {
      if (held.size === 0) {
        drive.release();
        return;
      }
      const s = store.getState();
      if (s.connection !== 'open' || s.selectedId === null) {
        letGo();
        return;
      }
      if (!drive.isHeld()) drive.press(s.selectedId);
      const raw = velocityFromKeys(held, fast, store.getState().inputSettings.keySpeed);
      drive.update(scaleVelocity(raw, store.getState().inputSettings, selectSelectedPosition(s)?.zoom));
    };

    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (e.key === 'Shift') {
        fast = true;
        if (held.size > 0) recompute();
        return;
      }
      if (e.code === 'Space' || e.key === ' ') {
        if (spaceOwnedBy(e.target)) return;
        e.preventDefault();
        if (!e.repeat) stopAll();
        return;
      }
      const code = driveKeyOf(e);
      if (code === null || keysOwnedBy(e.target)) return;
      const axis = DRIVE_KEYS[code]?.axis;
      if ((axis === 'pan' || axis === 'tilt') && isJoystick(e.target)) return;
      e.preventDefault(); // Arrows and Space must not scroll the page.
      // Only a fresh press starts motion: after a stop, a key still held (auto-repeat) does nothing.
      if (e.repeat && !held.has(code)) return;
      held.add(code);
      fast = e.shiftKey;
      recompute();
    };

    const onKeyUp = (e: KeyboardEvent): void => {
      if (e.key === 'Shift') fast = false;
      else fast = e.shiftKey;
      const code = driveKeyOf(e);
      if (code !== null) held.delete(code);
      // Shift+= reports key '+', a plain release '=': drop both spellings of the physical key.
      if (e.code && Object.hasOwn(DRIVE_KEYS, e.code)) held.delete(e.code);
      if (held.size > 0 || drive.isHeld()) recompute();
    };

    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') letGo();
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('keyup', onKeyUp, { capture: true });
    window.addEventListener('blur', letGo);
    document.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = store.subscribe((s, prev) => {
      if (
        s.stopAllSeq !== prev.stopAllSeq ||
        s.selectedId !== prev.selectedId ||
        (s.connection !== 'open' && prev.connection === 'open')
      ) {
        letGo();
      } else if (
        held.size > 0 &&
        (selectSelectedPosition(s)?.zoom !== selectSelectedPosition(prev)?.zoom ||
          s.inputSettings !== prev.inputSettings)
      ) {
        recompute(); // speed follows zoom, or the speed settings changed
      }
    });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('keyup', onKeyUp, { capture: true });
      window.removeEventListener('blur', letGo);
      document.removeEventListener('visibilitychange', onVisibility);
      unsubscribe();
      letGo();
    };
  }, [client, store, stopAll]);
}
